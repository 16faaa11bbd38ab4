package com.creditledger.command.simulation;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/** Accounts' histories as the event store holds them, read for a replay and never written. */
@Component
class AccountHistories {

    private static final String ACCOUNTS = "SELECT aggregateidentifier FROM domainevententry WHERE type = 'CreditAccount' "
            + "AND sequencenumber = 0 AND aggregateidentifier > ? ORDER BY aggregateidentifier LIMIT ?";

    private final EventStore events;
    private final JdbcTemplate jdbc;

    AccountHistories(EventStore events, JdbcTemplate jdbc) {
        this.events = events;
        this.jdbc = jdbc;
    }

    /** A page of accounts in id order, after {@code afterAccountId} ("" for the first page). */
    List<String> accounts(String afterAccountId, int pageSize) {
        return jdbc.queryForList(ACCOUNTS, String.class, afterAccountId, pageSize);
    }

    boolean exists(String accountId) {
        return events.lastSequenceNumberFor(accountId).isPresent();
    }

    /** Every event of the account from its first (never a snapshot: a replay needs the facts themselves). */
    AccountHistory read(String accountId, Instant until) {
        return AccountHistory.read(accountId, events.readEvents(accountId, 0), until);
    }
}
