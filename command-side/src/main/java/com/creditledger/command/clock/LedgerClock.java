package com.creditledger.command.clock;

import java.time.Instant;

/**
 * "Now" for the ledger's business rules: default times of top-ups and usage, and which lots are
 * due to expire. Injectable so tests, demos and history imports can drive time (docs/domain.md, expiry).
 */
public interface LedgerClock {

    Instant now();
}
