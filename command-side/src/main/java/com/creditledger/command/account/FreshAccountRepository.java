package com.creditledger.command.account;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Objects;

/**
 * Loads an account for a command (or a spendable read) so that several command-side nodes on one
 * database decide exactly as one would. Before the copy in memory is used, the account's advisory
 * lock is taken for the transaction (commands of one account on other nodes wait for its commit)
 * and the store's last sequence number is compared with the copy's version: a copy older than the
 * store, because another node recorded events since, is dropped and the account read again. A
 * stale copy therefore never decides. The lock comes after this node's own lock of the account and
 * is the only lock nodes share, so two nodes can only wait for each other in PostgreSQL, which
 * detects any cycle.
 */
final class FreshAccountRepository extends CachingEventSourcingRepository<CreditAccount> {

    private final Cache cache;
    private final JdbcTemplate jdbc;

    FreshAccountRepository(Builder<CreditAccount> builder, Cache cache, JdbcTemplate jdbc) {
        super(builder.cache(cache));
        this.cache = cache;
        this.jdbc = jdbc;
    }

    @Override
    protected EventSourcedAggregate<CreditAccount> doLoadWithLock(String accountId, Long expectedVersion) {
        Long stored = jdbc.queryForObject("SELECT lock_aggregate(?)", Long.class, accountId);
        EventSourcedAggregate<CreditAccount> account = super.doLoadWithLock(accountId, expectedVersion);
        if (!Objects.equals(account.version(), stored)) {
            cache.remove(accountId);
            account = super.doLoadWithLock(accountId, expectedVersion);
        }
        return account;
    }
}
