package com.creditledger.command.usage;

import com.creditledger.kernel.usage.UsageOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the usage path reports to Prometheus: every call's outcome ({@code ledger.usage.calls} by
 * status, and by rejection code, so 402s show as {@code insufficient_credit} or
 * {@code spend_limit_reached}), and each group commit's size and duration.
 */
@Component
class UsageMeters {

    private final MeterRegistry meters;
    private final Map<String, Counter> calls = new ConcurrentHashMap<>();
    private final DistributionSummary groupRecords;
    private final Timer groupCommit;

    UsageMeters(MeterRegistry meters) {
        this.meters = meters;
        this.groupRecords = DistributionSummary.builder("ledger.usage.group.records")
                .description("usage records charged in one transaction").register(meters);
        this.groupCommit = Timer.builder("ledger.usage.group.commit")
                .description("charging and committing one group of usage records").register(meters);
    }

    void outcomes(List<UsageOutcome> outcomes) {
        for (UsageOutcome outcome : outcomes) {
            String status = outcome.status().name().toLowerCase();
            String code = outcome.status() == UsageOutcome.Status.REJECTED ? outcome.rejection().code() : "none";
            calls.computeIfAbsent(status + "/" + code, key -> Counter.builder("ledger.usage.calls")
                    .tag("status", status).tag("code", code)
                    .description("usage calls by outcome: accepted, replayed, rejected with its code")
                    .register(meters)).increment();
        }
    }

    Timer.Sample groupStarted() {
        return Timer.start(meters);
    }

    void groupCharged(Timer.Sample started, int records) {
        started.stop(groupCommit);
        groupRecords.record(records);
    }
}
