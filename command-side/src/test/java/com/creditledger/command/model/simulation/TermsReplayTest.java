package com.creditledger.command.model.simulation;

import com.creditledger.kernel.account.BillingMode;
import com.creditledger.kernel.account.CreditTerms;
import com.creditledger.kernel.topup.BonusSchedule;
import com.creditledger.kernel.usage.TokenCounts;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One small history replayed under other terms, by the ledger's own rules. */
class TermsReplayTest {

    private static final Instant UNTIL = Instant.parse("2025-06-01T00:00:00Z");
    private static final List<HistoryFact> HISTORY = List.of(
            new HistoryFact.TopUp("t1", Money.of("99.00"), Instant.parse("2025-01-10T00:00:00Z"), 0),
            usage("60.00", "2025-01-20T00:00:00Z"),
            usage("50.00", "2025-03-20T00:00:00Z"));

    @Test
    void theStandardPackCoversBothCallsAndTheRestExpiresWithItsCash() {
        // $99 → 118.80 credits at p = 99 ÷ 118.80; 110.00 used, 8.80 left to expire on 2025-04-10 (3 months)
        Map<YearMonth, MonthFigures> months = replay(BonusSchedule.STANDARD, Period.ofMonths(3));
        assertThat(months.get(YearMonth.of(2025, 1)).cost()).isEqualTo(Money.of("99.00"));
        // f(60) = round(99 × 60 ÷ 118.80) = 50.00; f(110) − f(60) = 91.67 − 50.00 = 41.67
        assertThat(months.get(YearMonth.of(2025, 1)).usageRevenue()).isEqualTo(Money.of("50.00"));
        assertThat(months.get(YearMonth.of(2025, 3)).usageRevenue()).isEqualTo(Money.of("41.67"));
        assertThat(months.get(YearMonth.of(2025, 4)).creditsExpired()).isEqualTo(Credits.of("8.80"));
        // 99.00 − 91.67 = 7.33 of breakage: lifetime revenue equals the cash
        assertThat(months.get(YearMonth.of(2025, 4)).breakage()).isEqualTo(Money.of("7.33"));
    }

    @Test
    void withoutTheBonusTheSecondCallIsLeftPartlyUncovered() {
        // 99.00 credits: 60.00 then 39.00 of the 50.00, 11.00 uncovered
        Map<YearMonth, MonthFigures> months = replay(new BonusSchedule(Map.of(Money.of("99.00"), BigDecimal.ZERO)), null);
        assertThat(months.get(YearMonth.of(2025, 3)).creditsUsed()).isEqualTo(Credits.of("39.00"));
        assertThat(months.get(YearMonth.of(2025, 3)).creditsUncovered()).isEqualTo(Credits.of("11.00"));
        assertThat(months.get(YearMonth.of(2025, 3)).usageRevenue()).isEqualTo(Money.of("39.00"));
    }

    /** @param validity principal and bonus validity; null: the account's own (12 months) */
    private static Map<YearMonth, MonthFigures> replay(BonusSchedule packs, Period validity) {
        return TermsReplay.replay("a", HISTORY, new SimulationTerms(null, BillingMode.PREPAID, packs, validity, null),
                CreditTerms.DEFAULT, UNTIL);
    }

    private static HistoryFact.Usage usage(String credits, String at) {
        return new HistoryFact.Usage(null, new TokenCounts(0, 0, 0), Credits.of(credits), true, Instant.parse(at));
    }
}
