package com.creditledger.query.balance;

import com.creditledger.kernel.account.BillingMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The terms an account was opened with, its currency and billing mode, which no later event
 * changes: a journal line carries its account's currency, a usage row its invoice month when the
 * account is postpaid. They are kept as openings are projected, and read from {@code qs_account}
 * for accounts opened before this node started, so a projected row needs no look-up of its own in
 * PostgreSQL. Facts that never change are safe to keep on any number of nodes, and through a replay;
 * the memory is bounded, the least recently asked for forgotten first.
 */
@Component
public class AccountTerms {

    public record Terms(String currency, BillingMode billingMode) {
    }

    private static final int KEPT = 100_000;

    private final JdbcTemplate jdbc;
    private final Map<String, Terms> kept = new LinkedHashMap<>(1_024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Terms> eldest) {
            return size() > KEPT;
        }
    };

    AccountTerms(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void opened(String accountId, String currency, BillingMode billingMode) {
        synchronized (kept) {
            kept.put(accountId, new Terms(currency, billingMode));
        }
    }

    public Terms of(String accountId) {
        synchronized (kept) {
            Terms terms = kept.get(accountId);
            if (terms != null) {
                return terms;
            }
        }
        List<Terms> read = jdbc.query("SELECT currency, billing_mode FROM qs_account WHERE account_id = ?",
                (rs, row) -> new Terms(rs.getString(1), BillingMode.valueOf(rs.getString(2))), accountId);
        if (read.isEmpty()) {
            // events of an account follow its opening, in the same segment: this is a broken store
            throw new IllegalStateException("account " + accountId + " has an event but no projected opening");
        }
        opened(accountId, read.get(0).currency(), read.get(0).billingMode());
        return read.get(0);
    }
}
