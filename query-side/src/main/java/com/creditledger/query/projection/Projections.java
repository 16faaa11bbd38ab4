package com.creditledger.query.projection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The one processing group that feeds every table of the query side: one token, one transaction
 * per batch, so the journal, balances, usage and history never disagree about how far they got.
 */
public final class Projections {

    public static final String GROUP = "ledger-projections";

    private Projections() {
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

}
