package com.creditledger.kernel.invoice;

import com.creditledger.kernel.value.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record PayInvoice(@TargetAggregateIdentifier String accountId, String invoiceId, String paymentId, Money amount,
                         Instant paidAt) {
}
