package com.creditledger.platform.security;

/** What an API key may do. A key has one role; a customer key is bound to one account. */
public enum Role {
    /** The gateway: accounts, top-ups, usage, batches. */
    INGEST,
    /** Reports, journal, exports; approves refunds. */
    FINANCE,
    /** History, balances, traces; requests refunds. */
    SUPPORT,
    /** Reads everything, verifies integrity, changes nothing. */
    AUDITOR,
    /** One account's balance, lots, usage and invoices, nothing else. */
    CUSTOMER,
    /** Scrapes the services' metrics (Prometheus) and reads nothing else: a scrape config never holds a key to customer data. */
    MONITOR,
    /** Keys, clock, rate cards, replays; and everything else. */
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
