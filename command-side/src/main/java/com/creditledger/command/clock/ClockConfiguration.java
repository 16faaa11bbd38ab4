package com.creditledger.command.clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** {@code ledger.clock.mode}: {@code system} (default) or {@code manual}. */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    @Bean
    @ConditionalOnProperty(name = "ledger.clock.mode", havingValue = "manual")
    ManualClock manualClock(JdbcTemplate jdbc) {
        return new ManualClock(jdbc, Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    @Bean
    @ConditionalOnProperty(name = "ledger.clock.mode", havingValue = "system", matchIfMissing = true)
    LedgerClock systemClock() {
        // PostgreSQL keeps microseconds: both sides answer a default time the same way
        return () -> Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
