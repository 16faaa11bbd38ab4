package com.creditledger.kernel.account;

import java.time.Instant;

public record AccountReactivated(String accountId, String reason, Instant at) {
}
