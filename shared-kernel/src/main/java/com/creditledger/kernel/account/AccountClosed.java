package com.creditledger.kernel.account;

import java.time.Instant;

public record AccountClosed(String accountId, String reason, Instant at) {
}
