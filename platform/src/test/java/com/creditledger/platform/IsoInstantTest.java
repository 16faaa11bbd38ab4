package com.creditledger.platform;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.axonframework.common.DateTimeUtils;

import java.time.DateTimeException;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store's instants read by position mean exactly what Java's and Axon's parsers read in them. */
class IsoInstantTest {

    /** 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z: the years that print in four digits. */
    private static final long FIRST = -62_135_596_800L;
    private static final long LAST = 253_402_300_799L;

    @Property(tries = 2000)
    void anInstantAsJavaWritesItReadsBackUnchanged(@ForAll @LongRange(min = FIRST, max = LAST) long second,
                                                   @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                                                   @ForAll @IntRange(min = 0, max = 3) int precision) {
        // Instant.toString writes no fraction, or 3, 6 or 9 digits, whichever the value needs
        int[] keep = {1_000_000_000, 1_000_000, 1_000, 1};
        Instant instant = Instant.ofEpochSecond(second, nanos / keep[precision] * keep[precision]);
        assertThat(IsoInstant.parse(instant.toString())).isEqualTo(instant);
    }

    @Property(tries = 2000)
    void aTimestampAsAxonWritesItReadsAsAxonReadsIt(@ForAll @LongRange(min = FIRST, max = LAST) long second,
                                                    @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        String stored = DateTimeUtils.formatInstant(Instant.ofEpochSecond(second, nanos));
        assertThat(IsoInstant.parse(stored)).isEqualTo(DateTimeUtils.parseInstant(stored));
    }

    @Property(tries = 2000)
    void anInstantIsWrittenAsAxonWritesIt(@ForAll @LongRange(min = FIRST - 100_000, max = LAST + 100_000) long second,
                                          @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Instant instant = Instant.ofEpochSecond(second, nanos);
        assertThat(IsoInstant.format(instant)).isEqualTo(DateTimeUtils.formatInstant(instant));
    }

    @Property(tries = 3000)
    void anInstantIsAppendedAsJavaWritesIt(@ForAll @LongRange(min = FIRST - 100_000, max = LAST + 100_000) long second,
                                           @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                                           @ForAll @IntRange(min = 0, max = 3) int precision) {
        int[] keep = {1_000_000_000, 1_000_000, 1_000, 1};
        Instant instant = Instant.ofEpochSecond(second, nanos / keep[precision] * keep[precision]);
        StringBuilder text = new StringBuilder("before ");
        IsoInstant.appendTo(text, instant);
        assertThat(text.toString()).isEqualTo("before " + instant);
    }

    @Example
    void anyFractionLengthCounts() {
        assertThat(IsoInstant.parse("2026-12-07T13:29:36.2Z")).isEqualTo(Instant.parse("2026-12-07T13:29:36.200Z"));
        assertThat(IsoInstant.parse("2026-12-07T13:29:36.26638Z"))
                .isEqualTo(Instant.parse("2026-12-07T13:29:36.266380Z"));
    }

    @Example
    void otherFormsGoToAxonsParser() {
        assertThat(IsoInstant.parse("2026-12-07T14:29:36.238+01:00"))
                .isEqualTo(Instant.parse("2026-12-07T13:29:36.238Z"));
        assertThat(IsoInstant.parse("2026-12-07T13:29:36.238-00:00"))
                .isEqualTo(Instant.parse("2026-12-07T13:29:36.238Z"));
        assertThat(IsoInstant.parse("2026-12-07T13:29:36.Z")).isEqualTo(Instant.parse("2026-12-07T13:29:36Z"));
    }

    @Example
    void whatNoParserReadsIsRefused() {
        for (String text : new String[]{"2026-02-30T13:29:36Z", "2026-12-07T24:00:00Z",
                "2026-12-07 13:29:36Z", "2026-12-07T13:29:3xZ", "2026-12-07T13:29:36.1234567890Z", ""}) {
            assertThatThrownBy(() -> IsoInstant.parse(text)).as(text).isInstanceOf(DateTimeException.class);
        }
    }
}
