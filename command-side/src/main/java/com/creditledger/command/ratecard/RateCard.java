package com.creditledger.command.ratecard;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.ratecard.ModelPrices;
import com.creditledger.kernel.ratecard.PublishRateCard;
import com.creditledger.kernel.ratecard.RateCardPublished;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One version of the price list. A published version is immutable, because usage events name the
 * version they were priced with: publishing the same content again is a no-op, other content a conflict.
 */
@Aggregate
public class RateCard {

    @AggregateIdentifier
    private String rateCardId;
    private Instant effectiveFrom;
    private Map<String, ModelPrices> models;

    protected RateCard() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(PublishRateCard command) {
        if (rateCardId == null) {
            apply(new RateCardPublished(command.version(), command.effectiveFrom(), command.models()));
        } else if (!effectiveFrom.equals(command.effectiveFrom()) || !models.equals(command.models())) {
            throw new LedgerRejection(RejectionCode.RATE_CARD_CONFLICT, "version",
                    "rate card " + command.version() + " is already published with other prices");
        }
    }

    @EventSourcingHandler
    void on(RateCardPublished event) {
        rateCardId = PublishRateCard.rateCardId(event.version());
        effectiveFrom = event.effectiveFrom();
        models = event.models();
    }
}
