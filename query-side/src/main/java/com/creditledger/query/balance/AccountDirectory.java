package com.creditledger.query.balance;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.query.projection.ReadEndpoint;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.util.List;

/**
 * Finding accounts: support looks one up by the start of its id, tools walk all of them. Pages by
 * id ({@code after} = the last id of the previous page), so a walk is stable while accounts open.
 */
@ReadEndpoint
class AccountDirectory {

    static final int MAX_PAGE = 1000;

    private final JdbcTemplate jdbc;

    AccountDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Account(String accountId, String currency, String billingMode, String status, Instant openedAt) {
    }

    /** {@code next}: the {@code after} of the following page, null on the last. */
    record Page(List<Account> accounts, String next) {
    }

    @GetMapping("/v1/accounts")
    Page accounts(@RequestParam(defaultValue = "") String prefix, @RequestParam(defaultValue = "") String after,
                  @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "limit", "limit is 1 to " + MAX_PAGE);
        }
        String escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        List<Account> page = jdbc.query("SELECT account_id, currency, billing_mode, status, opened_at FROM qs_account "
                        + "WHERE account_id LIKE ? AND account_id > ? ORDER BY account_id LIMIT ?",
                (rs, row) -> new Account(rs.getString(1), rs.getString(2), rs.getString(3).toLowerCase(),
                        rs.getString(4).toLowerCase(), rs.getTimestamp(5).toInstant()),
                escaped + "%", after, limit + 1);
        boolean more = page.size() > limit;
        List<Account> shown = more ? page.subList(0, limit) : page;
        return new Page(shown, more ? shown.get(limit - 1).accountId() : null);
    }
}
