package com.creditledger.command.account;

import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An account's two locks: this node's (the repository's, so one thread of the node decides for an
 * account at a time) and the one several command-side nodes share. The first load of an account in
 * a transaction takes the shared one, an advisory lock for the transaction, and reads the store's
 * last sequence number, which {@link FreshAccountRepository} compares with the copy in memory. A
 * group commit takes all its accounts' locks ahead, in its lock order, the shared ones in one round
 * trip ({@link #lockAhead}); each account's number is then checked at its first load, as if locked
 * there. Both ways take this node's lock of an account before the shared one, so a thread holding
 * the shared lock never waits for this node's lock, held by a thread that waits for the shared one.
 */
@Component
public class AccountLocks {

    /**
     * The accounts this transaction has locked, the numbers read ahead that no load has checked yet,
     * and the positions of the accounts' last events read with a lock taken alone.
     */
    private record Held(Set<String> locked, Map<String, Long> unchecked, Map<String, Long> positions) {
    }

    private final JdbcTemplate jdbc;
    private final LockFactory inThisNode = PessimisticLockFactory.usingDefaults();

    AccountLocks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** This node's locks, reentrant per thread: the repository takes them again where they are held ahead. */
    LockFactory inThisNode() {
        return inThisNode;
    }

    /** Locks these accounts, in this order, for the current unit of work's transaction. */
    public void lockAhead(List<String> accountIds) {
        Held held = held();
        List<String> ids = accountIds.stream().distinct().filter(id -> !held.locked().contains(id)).toList();
        if (ids.isEmpty()) {
            return;
        }
        UnitOfWork<?> transaction = CurrentUnitOfWork.get().root();
        for (String id : ids) {
            Lock lock = inThisNode.obtainLock(id);
            transaction.onCleanup(done -> lock.release());
        }
        jdbc.query("SELECT aggregate_id, last_sequence FROM lock_aggregates(?::text[])",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", ids.toArray())),
                row -> {
                    held.locked().add(row.getString(1));
                    held.unchecked().put(row.getString(1), row.getLong(2));
                });
    }

    /**
     * The store's last sequence number of an account this transaction has not checked yet, locking
     * it first unless it was locked ahead; null when it was checked already in this transaction.
     */
    Long storedVersionToCheck(String accountId) {
        Held held = held();
        if (held.locked().add(accountId)) {
            return jdbc.queryForObject("SELECT last_sequence, last_position FROM lock_aggregate_head(?)", (row, n) -> {
                held.positions().put(accountId, row.getLong(2));
                return row.getLong(1);
            }, accountId);
        }
        return held.unchecked().remove(accountId);
    }

    /**
     * The global index of the account's last event when this transaction locked it on its own
     * (0 before its first): the position a read of the account answers with.
     */
    long positionWhenLocked(String accountId) {
        Long position = held().positions().get(accountId);
        if (position == null) {
            throw new IllegalStateException(accountId + " was not locked on its own in this transaction");
        }
        return position;
    }

    private static Held held() {
        return CurrentUnitOfWork.get().root().getOrComputeResource(Held.class.getName(),
                key -> new Held(new HashSet<>(), new HashMap<>(), new HashMap<>()));
    }
}
