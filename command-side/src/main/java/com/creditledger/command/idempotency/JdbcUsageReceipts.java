package com.creditledger.command.idempotency;

import com.creditledger.kernel.usage.IssuedReceipt;
import com.creditledger.kernel.usage.UsageReceipt;
import com.creditledger.platform.BeforeCommit;
import com.creditledger.platform.LedgerSerialization;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Receipts in table {@code usage_receipt}. Runs on the command's transaction (JdbcTemplate joins
 * the transaction Axon opened), and the primary key (account, key) is the last line of defence
 * against charging a call twice should two instances ever handle the same account at once.
 * Within a unit of work, receipts are written in one batch just before it commits, and a group of
 * accounts charged together reads all its receipts in one query ({@link #prefetch}).
 */
@Repository
public class JdbcUsageReceipts implements UsageReceipts {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = LedgerSerialization.eventMapper();

    JdbcUsageReceipts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What this transaction knows of its accounts' receipts: the keys it asked for, and those found or issued. */
    private record Known(Map<String, Set<String>> asked, Map<String, Map<String, IssuedReceipt>> found) {

        // receipts are only read and issued by commands, so always within a unit of work
        static Known ofCurrentTransaction() {
            return CurrentUnitOfWork.get().root().getOrComputeResource(Known.class.getName(),
                    key -> new Known(new HashMap<>(), new HashMap<>()));
        }
    }

    private record Saved(String accountId, IssuedReceipt issued) {
    }

    /** Reads the receipts of many accounts' keys in one query, for the finds of the current unit of work. */
    public void prefetch(Map<String, List<String>> keysByAccount) {
        Known known = Known.ofCurrentTransaction();
        List<String> accounts = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        keysByAccount.forEach((accountId, accountKeys) -> accountKeys.forEach(key -> {
            accounts.add(accountId);
            keys.add(key);
            known.asked().computeIfAbsent(accountId, id -> new HashSet<>()).add(key);
        }));
        // One primary-key probe per asked key, whatever plan the connection kept (decision 82): a
        // plain join planned while the table was small goes on hashing all of it. The LIMIT keeps
        // the lateral subquery from being flattened back into such a join.
        jdbc.query("SELECT k.account_id, k.idempotency_key, r.request_digest, r.receipt "
                        + "FROM unnest(?::varchar[], ?::varchar[]) AS k (account_id, idempotency_key) "
                        + "CROSS JOIN LATERAL (SELECT request_digest, receipt FROM usage_receipt "
                        + "WHERE account_id = k.account_id AND idempotency_key = k.idempotency_key LIMIT 1) r",
                ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("varchar", accounts.toArray()));
                    ps.setArray(2, ps.getConnection().createArrayOf("varchar", keys.toArray()));
                },
                rs -> {
                    known.found().computeIfAbsent(rs.getString(1), id -> new HashMap<>()).put(rs.getString(2),
                            new IssuedReceipt(rs.getString(2), rs.getString(3), read(rs.getString(4))));
                });
    }

    @Override
    public Map<String, IssuedReceipt> find(String accountId, Collection<String> idempotencyKeys) {
        Known known = Known.ofCurrentTransaction();
        Set<String> asked = known.asked().getOrDefault(accountId, Set.of());
        List<String> notAsked = idempotencyKeys.stream().filter(key -> !asked.contains(key)).toList();
        if (!notAsked.isEmpty()) {
            prefetch(Map.of(accountId, notAsked));
        }
        Map<String, IssuedReceipt> issued = known.found().getOrDefault(accountId, Map.of());
        Map<String, IssuedReceipt> found = new HashMap<>();
        idempotencyKeys.forEach(key -> {
            IssuedReceipt receipt = issued.get(key);
            if (receipt != null) {
                found.put(key, receipt);
            }
        });
        return found;
    }

    @Override
    public void save(String accountId, List<IssuedReceipt> issued) {
        if (issued.isEmpty()) {
            return;
        }
        Map<String, IssuedReceipt> found = Known.ofCurrentTransaction().found().computeIfAbsent(accountId, id -> new HashMap<>());
        List<Saved> pending = BeforeCommit.collection(CurrentUnitOfWork.get().root(), Saved.class,
                ArrayList<Saved>::new, this::insert);
        issued.forEach(receipt -> {
            found.put(receipt.idempotencyKey(), receipt);
            pending.add(new Saved(accountId, receipt));
        });
    }

    private void insert(List<Saved> saved) {
        jdbc.batchUpdate("INSERT INTO usage_receipt (account_id, idempotency_key, request_digest, receipt) "
                        + "VALUES (?, ?, ?, ?::jsonb)", saved, saved.size(), (ps, receipt) -> {
                    ps.setString(1, receipt.accountId());
                    ps.setString(2, receipt.issued().idempotencyKey());
                    ps.setString(3, receipt.issued().requestDigest());
                    ps.setString(4, write(receipt.issued().receipt()));
                });
    }

    private UsageReceipt read(String receipt) {
        try {
            return json.readValue(receipt, UsageReceipt.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable usage receipt", e);
        }
    }

    private String write(UsageReceipt receipt) {
        try {
            return json.writeValueAsString(receipt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("usage receipt not serializable", e);
        }
    }
}
