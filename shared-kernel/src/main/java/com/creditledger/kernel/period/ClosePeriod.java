package com.creditledger.kernel.period;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Close {@code period} ({@code YYYY-MM}) with the digest of its report as the query side publishes
 * it. {@code firstPosted} is the earliest period holding any posting (null on an empty ledger): the
 * first close may not leave an earlier month with postings open.
 */
public record ClosePeriod(@TargetAggregateIdentifier String booksId, String period, String reportDigest,
                          String firstPosted, Instant at) {
}
