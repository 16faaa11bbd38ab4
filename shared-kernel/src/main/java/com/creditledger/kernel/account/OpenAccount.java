package com.creditledger.kernel.account;

import com.creditledger.kernel.value.Credits;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record OpenAccount(@TargetAggregateIdentifier String accountId,
                          String currency,
                          BillingMode billingMode,
                          Credits overdraftLimit,
                          CreditTerms creditTerms,
                          Instant openedAt) {
}
