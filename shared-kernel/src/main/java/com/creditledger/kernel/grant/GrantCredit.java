package com.creditledger.kernel.grant;

import com.creditledger.kernel.value.Credits;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Give an account promotional credit: a lot without cash, expiring at {@code expiresAt}. */
public record GrantCredit(@TargetAggregateIdentifier String accountId, String grantId, Credits credits, String reason,
                          Instant expiresAt, int priority, Instant grantedAt, String requestDigest) {
}
