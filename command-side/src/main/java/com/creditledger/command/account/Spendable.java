package com.creditledger.command.account;

import com.creditledger.kernel.account.AccountStatus;
import com.creditledger.kernel.value.Credits;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the gateway may spend now: free credit usable now less overage owed ({@code available}),
 * what open holds keep ({@code reserved}), the overdraft still unused, and the month's spend
 * against the limit when there is one.
 */
public record Spendable(String accountId, AccountStatus status, Credits available, Credits reserved,
                        Credits overdraftHeadroom, @JsonInclude(JsonInclude.Include.NON_NULL) Limit spendLimit) {

    /** {@code spent} counts debits and open holds of the UTC month {@code period}. */
    public record Limit(String period, Credits limit, Credits spent, Credits remaining) {
    }
}
