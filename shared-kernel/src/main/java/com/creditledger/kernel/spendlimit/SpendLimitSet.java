package com.creditledger.kernel.spendlimit;

import com.creditledger.kernel.value.Credits;

import java.time.Instant;

/** The account's monthly spend limit from now on; {@code monthly} null means none. */
public record SpendLimitSet(String accountId, Credits monthly, Instant setAt) {
}
