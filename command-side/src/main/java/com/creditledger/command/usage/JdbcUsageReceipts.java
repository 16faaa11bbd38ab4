package com.creditledger.command.usage;

import com.creditledger.kernel.usage.UsageReceipt;
import com.creditledger.platform.LedgerSerialization;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Receipts in table {@code usage_receipt}. Runs on the command's transaction (JdbcTemplate joins
 * the transaction Axon opened), and the primary key (account, key) is the last line of defence
 * against charging a call twice should two instances ever handle the same account at once.
 */
@Repository
public class JdbcUsageReceipts implements UsageReceipts {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = LedgerSerialization.eventMapper();

    JdbcUsageReceipts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Issued> find(String accountId, Collection<String> idempotencyKeys) {
        Map<String, Issued> found = new HashMap<>();
        jdbc.query("SELECT idempotency_key, request_digest, receipt FROM usage_receipt "
                        + "WHERE account_id = ? AND idempotency_key = ANY (?)",
                ps -> {
                    ps.setString(1, accountId);
                    ps.setArray(2, ps.getConnection().createArrayOf("varchar", idempotencyKeys.toArray()));
                },
                rs -> {
                    found.put(rs.getString(1), new Issued(rs.getString(1), rs.getString(2), read(rs.getString(3))));
                });
        return found;
    }

    @Override
    public void save(String accountId, List<Issued> issued) {
        if (issued.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO usage_receipt (account_id, idempotency_key, request_digest, receipt) "
                        + "VALUES (?, ?, ?, ?::jsonb)", issued, issued.size(), (ps, receipt) -> {
                    ps.setString(1, accountId);
                    ps.setString(2, receipt.idempotencyKey());
                    ps.setString(3, receipt.requestDigest());
                    ps.setString(4, write(receipt.receipt()));
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
