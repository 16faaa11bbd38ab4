package com.creditledger.kernel.ratecard;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Map;

public record PublishRateCard(@TargetAggregateIdentifier String rateCardId,
                              String version,
                              Instant effectiveFrom,
                              Map<String, ModelPrices> models) {

    /** Rate cards share the event store with accounts; the prefix cannot occur in an account id. */
    public static String rateCardId(String version) {
        return "rate-card:" + version;
    }
}
