package com.creditledger.platform;

import com.creditledger.kernel.topup.BonusSchedule;
import com.creditledger.kernel.value.Money;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The bonus schedule: {@code ledger.bonus-packs[n].amount} / {@code .bonus-percent}; without any
 * configured pack, the standard published packs apply.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BonusPackConfiguration.BonusPacks.class)
public class BonusPackConfiguration {

    @ConfigurationProperties("ledger")
    public record BonusPacks(List<Pack> bonusPacks) {

        public record Pack(BigDecimal amount, BigDecimal bonusPercent) {
        }
    }

    @Bean
    BonusSchedule bonusSchedule(BonusPacks packs) {
        if (packs.bonusPacks() == null || packs.bonusPacks().isEmpty()) {
            return BonusSchedule.STANDARD;
        }
        return new BonusSchedule(packs.bonusPacks().stream()
                .collect(Collectors.toMap(pack -> Money.of(pack.amount()), BonusPacks.Pack::bonusPercent)));
    }
}
