package com.creditledger.kernel.ratecard;

import java.time.Instant;
import java.util.Map;

public record RateCardPublished(String version, Instant effectiveFrom, Map<String, ModelPrices> models) {
}
