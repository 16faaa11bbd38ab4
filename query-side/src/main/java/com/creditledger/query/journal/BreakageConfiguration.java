package com.creditledger.query.journal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;

/**
 * {@code ledger.breakage.method}: {@code remote} (default) or {@code proportional} with the approved
 * rate {@code ledger.breakage.rate} (e.g. 0.30). Changing it changes how the journal is posted:
 * replay the projections after a change so every period is posted by one method.
 */
@Configuration(proxyBeanMethods = false)
class BreakageConfiguration {

    @Bean
    BreakageRecognition breakageRecognition(@Value("${ledger.breakage.method:remote}") String method,
                                            @Value("${ledger.breakage.rate:0}") BigDecimal rate, JdbcTemplate jdbc) {
        return switch (method) {
            case "remote" -> new BreakageRecognition.Remote();
            case "proportional" -> new ProportionalBreakageAccrual(jdbc, new ProportionalBreakage(rate));
            default -> throw new IllegalArgumentException("ledger.breakage.method must be remote or proportional, not " + method);
        };
    }
}
