package com.creditledger.kernel.plan;

import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Subscribe the account to a plan from the UTC month start {@code startsAt}; fees due {@code netDays} after billing. */
public record SetPlan(@TargetAggregateIdentifier String accountId, Money monthlyFee, Credits includedCredits,
                      Instant startsAt, int netDays, Instant at) {
}
