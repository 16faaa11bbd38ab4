package com.creditledger.query.usage;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.value.Credits;
import com.creditledger.query.projection.ReadEndpoint;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** An account's usage per UTC day and model (business time): the customer's "where did my credit go". */
@ReadEndpoint
class DailyUsageController {

    private static final int MAX_DAYS = 366;

    private final JdbcTemplate jdbc;

    DailyUsageController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Day(LocalDate day, String model, long calls, Credits credits) {
    }

    record DailyUsage(String accountId, LocalDate from, LocalDate to, List<Day> days) {
    }

    /** {@code from} inclusive, {@code to} exclusive; by default the 30 days up to the latest call. */
    @GetMapping("/v1/accounts/{accountId}/usage")
    DailyUsage usage(@PathVariable String accountId, @RequestParam(required = false) LocalDate from,
                     @RequestParam(required = false) LocalDate to) {
        if (jdbc.queryForList("SELECT 1 FROM qs_account WHERE account_id = ?", Integer.class, accountId).isEmpty()) {
            throw new LedgerRejection(RejectionCode.ACCOUNT_NOT_FOUND, "accountId", "no account " + accountId);
        }
        if (to == null) {
            LocalDate latest = jdbc.queryForObject("SELECT max(occurred_at AT TIME ZONE 'UTC')::date FROM qs_usage "
                    + "WHERE account_id = ?", LocalDate.class, accountId);
            to = (latest == null ? LocalDate.now(ZoneOffset.UTC) : latest).plusDays(1);
        }
        if (from == null) {
            from = to.minusDays(30);
        }
        if (!from.isBefore(to) || from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "from",
                    "from must be before to, at most " + MAX_DAYS + " days");
        }
        List<Day> days = jdbc.query("""
                SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, coalesce(model, 'priced') AS model,
                       count(*) AS calls, sum(amount) AS credits
                FROM qs_usage WHERE account_id = ? AND occurred_at >= ? AND occurred_at < ?
                GROUP BY 1, 2 ORDER BY 1, 2""",
                (rs, row) -> new Day(rs.getObject("day", LocalDate.class), rs.getString("model"), rs.getLong("calls"),
                        Credits.of(rs.getBigDecimal("credits"))),
                accountId, from.atStartOfDay().atOffset(ZoneOffset.UTC), to.atStartOfDay().atOffset(ZoneOffset.UTC));
        return new DailyUsage(accountId, from, to, days);
    }
}
