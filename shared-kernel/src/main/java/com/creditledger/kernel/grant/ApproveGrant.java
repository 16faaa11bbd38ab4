package com.creditledger.kernel.grant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record ApproveGrant(@TargetAggregateIdentifier String accountId, String grantId, Instant approvedAt) {
}
