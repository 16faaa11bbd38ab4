package com.creditledger.kernel.recharge;

import java.time.Instant;

/** The account's auto-recharge settings from now on. */
public record AutoRechargeSet(String accountId, RechargeSettings settings, Instant setAt) {
}
