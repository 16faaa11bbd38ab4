package com.creditledger.kernel.period;

import java.time.Instant;

/** A finance key asks to reopen the last closed period; a second key must approve (maker–checker). */
public record PeriodReopenRequested(String period, String reason, String requestedBy, Instant requestedAt) {
}
