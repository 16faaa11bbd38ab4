package com.creditledger.command.ratecard;

import com.creditledger.command.model.pricing.PriceList;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.usage.TokenCounts;
import com.creditledger.kernel.value.Credits;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PriceListTest {

    @Test
    void fiftyMillionInputAndTenMillionOutputOfGeminiCost154Credits() {
        PriceList.PricedCall call = PriceList.STANDARD.price("gemini-3.1-pro", new TokenCounts(50_000_000, 0, 10_000_000));
        assertThat(call.amount()).isEqualTo(Credits.of("154.00"));
        assertThat(call.pricing().rateCardVersion()).isEqualTo("default");
    }

    @Test
    void cachedInputCostsTenPercentOfInput() {
        assertThat(PriceList.STANDARD.price("claude-sonnet-4.6", new TokenCounts(0, 1_000_000, 0)).amount())
                .isEqualTo(Credits.of("0.255"));
    }

    @Test
    void theSumIsRoundedHalfUpToTheNanoCreditOnlyOnce() {
        // 1 input token of grok-4.1 = 0.00000105 credits, 1 cached = 0.000000105: 0.000001155 in all
        assertThat(PriceList.STANDARD.price("grok-4.1", new TokenCounts(1, 1, 0)).amount())
                .isEqualTo(Credits.of("0.000001155"));
        // half a nano-credit rounds up: 5 cached tokens at 0.0001 per 1M = 0.0000000005
        PriceList tiny = new PriceList("tiny", Instant.EPOCH, Map.of("m",
                PriceList.withCachedInputAtTenPercent("0.001", "0")));
        assertThat(tiny.price("m", new TokenCounts(0, 5, 0)).amount()).isEqualTo(Credits.of("0.000000001"));
    }

    @Test
    void unknownModelIsRefusedNeverPricedAtZero() {
        assertThatThrownBy(() -> PriceList.STANDARD.price("gpt-99", new TokenCounts(1, 0, 0)))
                .isInstanceOf(LedgerRejection.class).hasMessageContaining("gpt-99");
    }
}
