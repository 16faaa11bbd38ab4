package com.creditledger.kernel.reservation;

import com.creditledger.kernel.usage.Pricing;
import com.creditledger.kernel.usage.TokenCounts;
import com.creditledger.kernel.value.Credits;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Hold {@code amount} for a call about to stream, until {@code expiresAt}; {@code pricing} is null for a given amount. */
public record ReserveCredit(@TargetAggregateIdentifier String accountId,
                            String reservationId,
                            String model,
                            TokenCounts tokens,
                            Pricing pricing,
                            Credits amount,
                            Instant occurredAt,
                            Instant expiresAt,
                            String requestDigest) {
}
