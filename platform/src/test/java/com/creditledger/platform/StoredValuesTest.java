package com.creditledger.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** Stored amounts and instants read by the event mapper mean exactly what Jackson alone reads in them. */
class StoredValuesTest {

    record Stored(BigDecimal amount, Instant at) {
    }

    private static final ObjectMapper LEDGER = LedgerSerialization.eventMapper();
    /** The same mapper without the module: what every stored value must keep reading as. */
    private static final ObjectMapper JACKSON = LedgerSerialization.withoutStoredValues().build();

    @Property(tries = 2000)
    void anAmountAsTheLedgerWritesItReadsBackWithItsScale(@ForAll long unscaled,
                                                          @ForAll @IntRange(min = 0, max = 30) int scale,
                                                          @ForAll @IntRange(min = 0, max = 3) int bigger) {
        BigDecimal amount = new BigDecimal(BigInteger.valueOf(unscaled).pow(bigger + 1), scale);
        String json = "{\"amount\":\"" + amount.toPlainString() + "\"}";
        assertThat(read(LEDGER, json).amount()).isEqualTo(amount).isEqualTo(read(JACKSON, json).amount());
    }

    @Property(tries = 2000)
    void anInstantAsTheLedgerWritesItReadsBack(@ForAll @LongRange(min = 0, max = 253_402_300_799L) long second,
                                               @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Instant at = Instant.ofEpochSecond(second, nanos);
        String json = "{\"at\":\"" + at + "\"}";
        assertThat(read(LEDGER, json).at()).isEqualTo(at).isEqualTo(read(JACKSON, json).at());
    }

    @Example
    void otherFormsReadOrFailAsJacksonAloneReadsThem() {
        for (String amount : new String[]{"\"1e3\"", "\" 12.5\"", "\"+1\"", "\".5\"", "\"5.\"", "\"-\"", "\"\"",
                "\"abc\"", "\"1.2.3\"", "12.50", "-0", "null", "\"٣\""}) {
            assertSameAsJackson("{\"amount\":" + amount + "}");
        }
        for (String at : new String[]{"\"2026-12-07T14:29:36.5+01:00\"", "\"2026-12-07T13:29:36.Z\"",
                "\"2026-02-30T13:29:36Z\"", "1765114176.5", "\"\"", "null"}) {
            assertSameAsJackson("{\"at\":" + at + "}");
        }
    }

    private static void assertSameAsJackson(String json) {
        assertThat(outcome(LEDGER, json)).as(json).isEqualTo(outcome(JACKSON, json));
    }

    /** The value read, or the kind of error reading it raised. */
    private static String outcome(ObjectMapper mapper, String json) {
        try {
            Stored stored = read(mapper, json);
            return Objects.toString(stored.amount()) + " / " + stored.at();
        } catch (RuntimeException e) {
            return e.getCause() == null ? e.getClass().getName() : e.getCause().getClass().getName();
        }
    }

    private static Stored read(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, Stored.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
