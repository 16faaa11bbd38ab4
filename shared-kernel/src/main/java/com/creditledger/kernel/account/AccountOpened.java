package com.creditledger.kernel.account;

import com.creditledger.kernel.value.Credits;

import java.time.Instant;

public record AccountOpened(String accountId,
                            String currency,
                            BillingMode billingMode,
                            Credits overdraftLimit,
                            CreditTerms creditTerms,
                            Instant openedAt) {
}
