package com.creditledger.kernel.account;

import java.time.Instant;

public record AccountSuspended(String accountId, String reason, Instant at) {
}
