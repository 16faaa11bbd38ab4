package com.creditledger.kernel.usage;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Usage of one account, one record or a batch; every record is decided on its own. */
public record RecordUsage(@TargetAggregateIdentifier String accountId, List<UsageRecord> records) {
}
