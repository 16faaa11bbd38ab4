package com.creditledger.kernel.usage;

import java.math.BigDecimal;

/**
 * One priced dimension of a call: tokens × price per 1M tokens ÷ 1,000,000, kept unrounded so
 * invoices per dimension add up exactly; only the call's total is rounded (docs/domain.md, units).
 */
public record PricedDimension(String dimension, long tokens, BigDecimal pricePerMillion, BigDecimal credits) {
}
