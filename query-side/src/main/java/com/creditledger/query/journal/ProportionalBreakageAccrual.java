package com.creditledger.query.journal;

import com.creditledger.kernel.topup.LotGranted;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import com.creditledger.query.projection.Redelivery;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The proportional method: keeps each lot's used, remaining, released and accrued figures in {@code qs_breakage_lot}. */
final class ProportionalBreakageAccrual implements BreakageRecognition {

    private final JdbcTemplate jdbc;
    private final ProportionalBreakage rule;

    ProportionalBreakageAccrual(JdbcTemplate jdbc, ProportionalBreakage rule) {
        this.jdbc = jdbc;
        this.rule = rule;
    }

    @Override
    public void granted(String accountId, List<LotGranted> lots) {
        for (LotGranted lot : lots) {
            jdbc.update("INSERT INTO qs_breakage_lot (account_id, lot_id, cash, cash_bearing, remaining) VALUES (?, ?, ?, ?, ?)"
                            + Redelivery.sameEventOnly("qs_breakage_lot", "account_id, lot_id", "cash"),
                    accountId, lot.lotId(), lot.allocatedCash().toBigDecimal(), lot.cashBearingCredits().toBigDecimal(),
                    lot.cashBearingCredits().toBigDecimal());
        }
    }

    @Override
    public Money released(long position, String accountId, String lotId, Credits credits, boolean used, Money cash) {
        Map<String, Object> lot = jdbc.queryForMap("SELECT * FROM qs_breakage_lot WHERE account_id = ? AND lot_id = ?",
                accountId, lotId);
        if (((Number) lot.get("last_position")).longValue() >= position) {
            return Money.ZERO;
        }
        Credits usedAfter = used ? credits(lot, "used").plus(credits) : credits(lot, "used");
        Credits remainingAfter = credits(lot, "remaining").minus(credits);
        Money releasedAfter = money(lot, "released").plus(cash);
        Money target = rule.target(money(lot, "cash"), credits(lot, "cash_bearing"), usedAfter, remainingAfter, releasedAfter);
        jdbc.update("UPDATE qs_breakage_lot SET used = ?, remaining = ?, released = ?, accrued = ?, last_position = ? "
                        + "WHERE account_id = ? AND lot_id = ?", usedAfter.toBigDecimal(), remainingAfter.toBigDecimal(),
                releasedAfter.toBigDecimal(), target.toBigDecimal(), position, accountId, lotId);
        return target.minus(money(lot, "accrued"));
    }

    /** The true-up: what was accrued is already revenue; the rest of the lot's deferred revenue follows now. */
    @Override
    public Money atExpiry(long position, String accountId, String lotId, Money remainingDeferred) {
        Map<String, Object> lot = jdbc.queryForMap("SELECT accrued, last_position FROM qs_breakage_lot "
                + "WHERE account_id = ? AND lot_id = ?", accountId, lotId);
        if (((Number) lot.get("last_position")).longValue() >= position) {
            return Money.ZERO;
        }
        jdbc.update("UPDATE qs_breakage_lot SET remaining = 0, accrued = ?, last_position = ? WHERE account_id = ? AND lot_id = ?",
                remainingDeferred.toBigDecimal(), position, accountId, lotId);
        return remainingDeferred.minus(money(lot, "accrued"));
    }

    @Override
    public void reset() {
        jdbc.update("TRUNCATE qs_breakage_lot");
    }

    private static Credits credits(Map<String, Object> lot, String column) {
        return Credits.of((BigDecimal) lot.get(column));
    }

    private static Money money(Map<String, Object> lot, String column) {
        return Money.of((BigDecimal) lot.get(column));
    }
}
