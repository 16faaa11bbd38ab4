package com.creditledger.kernel.invoice;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Issue the invoice of {@code month} ({@code YYYY-MM}); payment falls due {@code netDays} later. */
public record IssueInvoice(@TargetAggregateIdentifier String accountId, String month, int netDays, Instant at) {
}
