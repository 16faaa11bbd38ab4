package com.creditledger.command.model.recharge;

import com.creditledger.kernel.recharge.RechargeSettings;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import com.creditledger.platform.LedgerSerialization;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** An account's snapshot carries its auto-recharge state: a request in flight survives a restart. */
class AutoRechargeSnapshotTest {

    @Test
    void theStateReadsBackAsItWasWritten() throws Exception {
        Instant at = Instant.parse("2025-02-01T10:00:00Z");
        AutoRecharge state = AutoRecharge.NONE
                .withSettings(new RechargeSettings(true, Credits.parse("50.00"), null, Credits.parse("500.00"),
                        Money.of("600.00"), 3, Duration.ofMinutes(10)))
                .afterRequest("acme-recharge-1", Money.of("462.75"), at)
                .afterCompletion("acme-recharge-1", "t2", Money.of("462.75"), at)
                .afterRequest("acme-recharge-2", Money.of("100.00"), at.plusSeconds(900));
        ObjectMapper json = LedgerSerialization.eventMapper();
        AutoRecharge read = json.readValue(json.writeValueAsString(state), AutoRecharge.class);
        assertThat(read).isEqualTo(state);
        assertThat(read.committedIn("2025-02")).isEqualTo(Money.of("562.75"));
    }
}
