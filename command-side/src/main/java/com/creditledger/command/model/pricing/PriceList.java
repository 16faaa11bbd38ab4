package com.creditledger.command.model.pricing;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.ratecard.ModelPrices;
import com.creditledger.kernel.usage.PricedDimension;
import com.creditledger.kernel.usage.Pricing;
import com.creditledger.kernel.usage.TokenCounts;
import com.creditledger.kernel.value.Credits;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One rate card version as used for pricing (docs/domain.md, pricing): the amount of a call is Σ over dimensions
 * of tokens × price per 1M ÷ 1,000,000, rounded HALF_UP to the nano-credit once, at the end.
 */
public record PriceList(String version, Instant effectiveFrom, Map<String, ModelPrices> models) {

    private static final int MILLION_DIGITS = 6;

    /** The published list prices the ledger starts with (USD per 1M tokens); cached input is 10% of input. */
    public static final PriceList STANDARD = new PriceList("default", Instant.EPOCH, Map.of(
            "gemini-3.1-pro", withCachedInputAtTenPercent("1.40", "8.40"),
            "claude-sonnet-4.6", withCachedInputAtTenPercent("2.55", "12.75"),
            "gpt-5.4", withCachedInputAtTenPercent("2.00", "12.00"),
            "grok-4.1", withCachedInputAtTenPercent("1.05", "2.10"),
            "gpt-4o", withCachedInputAtTenPercent("2.50", "10.00")));

    public PriceList {
        models = Map.copyOf(models);
    }

    public static ModelPrices withCachedInputAtTenPercent(String input, String output) {
        BigDecimal inputPrice = new BigDecimal(input);
        return new ModelPrices(inputPrice, inputPrice.movePointLeft(1), new BigDecimal(output));
    }

    public PricedCall price(String model, TokenCounts tokens) {
        ModelPrices prices = models.get(model);
        if (prices == null) {
            throw new LedgerRejection(RejectionCode.UNKNOWN_MODEL, "model",
                    "model '" + model + "' has no price in rate card " + version);
        }
        List<PricedDimension> dimensions = List.of(
                dimension("input", tokens.inputTokens(), prices.input()),
                dimension("cachedInput", tokens.cachedInputTokens(), prices.cachedInput()),
                dimension("output", tokens.outputTokens(), prices.output()));
        BigDecimal exact = dimensions.stream().map(PricedDimension::credits).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (exact.compareTo(Credits.MAX.toBigDecimal()) > 0) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "outputTokens",
                    "the call would cost " + exact.toPlainString() + " credits, more than one call may cost");
        }
        return new PricedCall(new Pricing(version, dimensions), Credits.roundedFrom(exact));
    }

    /** The cost of {@code tokens} more of one dimension at a price already recorded (a hold raised for a longer stream). */
    public static Credits priceOf(long tokens, BigDecimal pricePerMillion) {
        return Credits.roundedFrom(dimension("output", tokens, pricePerMillion).credits());
    }

    private static PricedDimension dimension(String name, long tokens, BigDecimal pricePerMillion) {
        return new PricedDimension(name, tokens, pricePerMillion,
                perMillion(BigDecimal.valueOf(tokens).multiply(pricePerMillion)));
    }

    /**
     * {@code amount ÷ 1,000,000} exactly as {@code amount.divide(1000000)} gives it, value and scale
     * (the scale is recorded on the event, so it is part of its hash): the decimal point moved six
     * places, then trailing zeros dropped down to the amount's own scale, the quotient's preferred
     * one. The division found the same by long division over {@code BigInteger}s, a tenth of a
     * single debit's allocation on its request thread.
     */
    static BigDecimal perMillion(BigDecimal amount) {
        if (amount.signum() == 0) {
            return amount;
        }
        BigDecimal quotient = amount.movePointLeft(MILLION_DIGITS).stripTrailingZeros();
        return quotient.scale() < amount.scale() ? quotient.setScale(amount.scale()) : quotient;
    }

    public record PricedCall(Pricing pricing, Credits amount) {
    }
}
