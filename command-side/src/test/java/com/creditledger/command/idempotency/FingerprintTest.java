package com.creditledger.command.idempotency;

import com.creditledger.command.refund.RefundController.RefundRequest;
import com.creditledger.command.topup.TopUpController.TopUpRequest;
import com.creditledger.command.usage.UsageRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request's fingerprint covers every field it has: for each field of each request, the same
 * request with only that field changed has another fingerprint, so a retry that changed it is a
 * 409, never a replay. A field added later without being fingerprinted fails here.
 */
class FingerprintTest {

    private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");

    @Test
    void everyFieldOfAUsageRequestIsFingerprinted() {
        eachFieldChanges(new UsageRequest("acct", "call-1", "req-1", "key-1", "gpt-4o", 100L, 10L, 20L, null, T),
                UsageRequest::fingerprint, Set.of("amount"));
        eachFieldChanges(new UsageRequest("acct", "call-1", null, null, null, null, null, null, new BigDecimal("2.50"), T),
                UsageRequest::fingerprint, Set.of());
    }

    @Test
    void everyFieldOfATopUpRequestIsFingerprinted() {
        eachFieldChanges(new TopUpRequest("t1", new BigDecimal("999.00"), "pay-1", T, T.plusSeconds(86_400),
                T.plusSeconds(3_600), 2, "acct-recharge-1"), request -> request.fingerprint("acct"), Set.of());
    }

    /** {@code all: true} is the absence of {@code credits}, so it is covered by credits' fingerprint. */
    @Test
    void everyFieldOfARefundRequestIsFingerprinted() {
        eachFieldChanges(new RefundRequest("r1", "t1", new BigDecimal("100"), null, "unhappy"),
                request -> request.fingerprint("acct"), Set.of("all"));
        assertThat(new RefundRequest("r1", "t1", null, true, null).fingerprint("acct"))
                .isNotEqualTo(new RefundRequest("r1", "t1", new BigDecimal("100"), null, null).fingerprint("acct"));
    }

    @Test
    void theSameValueWrittenAnotherWayIsTheSameRequest() {
        assertThat(new TopUpRequest("t1", new BigDecimal("999"), null, null, null, null, null, null).fingerprint("a"))
                .isEqualTo(new TopUpRequest("t1", new BigDecimal("999.00"), null, null, null, null, 0, null).fingerprint("a"));
    }

    /** @param notApplicable fields this base request leaves out on purpose (set, they make another kind of request) */
    private static <R extends Record> void eachFieldChanges(R base, Function<R, String> fingerprint, Set<String> notApplicable) {
        String original = fingerprint.apply(base);
        for (RecordComponent component : base.getClass().getRecordComponents()) {
            if (notApplicable.contains(component.getName())) {
                continue;
            }
            R changed = with(base, component);
            assertThat(fingerprint.apply(changed)).as("%s changed", component.getName()).isNotEqualTo(original);
        }
    }

    @SuppressWarnings("unchecked")
    private static <R extends Record> R with(R base, RecordComponent changed) {
        RecordComponent[] components = base.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                Object value = components[i].getAccessor().invoke(base);
                values[i] = components[i].getName().equals(changed.getName()) ? other(components[i].getType(), value) : value;
            }
            return (R) base.getClass().getDeclaredConstructor(Arrays.stream(components)
                    .map(RecordComponent::getType).toArray(Class[]::new)).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object other(Class<?> type, Object value) {
        if (type == String.class) {
            return value == null ? "set" : value + "x";
        }
        if (type == BigDecimal.class) {
            return value == null ? BigDecimal.ONE : ((BigDecimal) value).add(BigDecimal.ONE);
        }
        if (type == Long.class) {
            return value == null ? 1L : (Long) value + 1;
        }
        if (type == Integer.class) {
            return value == null ? 1 : (Integer) value + 1;
        }
        if (type == Instant.class) {
            return value == null ? T : ((Instant) value).plusSeconds(1);
        }
        if (type == Boolean.class) {
            return value == null ? Boolean.TRUE : !(Boolean) value;
        }
        throw new IllegalArgumentException("no other value for a " + type);
    }
}
