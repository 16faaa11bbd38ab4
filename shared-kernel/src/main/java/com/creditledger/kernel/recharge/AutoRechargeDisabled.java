package com.creditledger.kernel.recharge;

import java.time.Instant;

/** Auto-recharge stopped after {@code consecutiveFailures} declines in a row: a person must enable it again. */
public record AutoRechargeDisabled(String accountId, int consecutiveFailures, Instant disabledAt) {
}
