package com.creditledger.kernel.ratecard;

import java.math.BigDecimal;

/** Prices per 1M tokens, in credits. */
public record ModelPrices(BigDecimal input, BigDecimal cachedInput, BigDecimal output) {
}
