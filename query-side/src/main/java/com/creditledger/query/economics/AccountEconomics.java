package com.creditledger.query.economics;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.topup.BonusSchedule;
import com.creditledger.kernel.topup.LotKind;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import com.creditledger.query.balance.LotStates;
import com.creditledger.query.balance.LotStates.LotState;
import com.creditledger.query.projection.LedgerSql;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static com.creditledger.query.projection.Projections.utc;

/**
 * Whether prepaying paid off for one account, from its own history: per top-up (or grant, or plan
 * month) and in total, the cash paid against the list-price value of the credit used, what expired
 * or is projected to expire at the measured burn, and the top-up that would fit the spend. Read from
 * the projections as of an instant, so a past answer never changes.
 */
@Component
class AccountEconomics {

    /** The burn windows: the 90-day rate projects, the 30-day rate shows the recent trend. */
    static final Duration SHORT_WINDOW = Duration.ofDays(30);
    static final Duration LONG_WINDOW = Duration.ofDays(90);
    static final Duration SHORTEST_MEASURE = Duration.ofDays(7);
    // rates are carried well past the nano-credit, so a month of spend measured as 1,924.80 in 90 days is 641.60
    private static final int EXACT_SCALE = 18;
    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);

    private static final String CASH_BY_LOT = LedgerSql.of("""
            SELECT lot_id,
                   SUM(debit) FILTER (WHERE source = 'topup') AS paid,
                   SUM(credit) FILTER (WHERE source = 'refund_paid') AS refunded
            FROM qs_journal_line
            WHERE account_id = :account AND account_code = {CASH_CLEARING} AND lot_id IS NOT NULL AND business_time <= :at
            GROUP BY lot_id
            """);

    // the receivable a top-up settled at face value: the line of its event without a lot
    private static final String SETTLED_BY_TOP_UP = LedgerSql.of("""
            SELECT g.top_up_id, SUM(j.debit) AS settled
            FROM (SELECT DISTINCT l.top_up_id, m.event_id
                  FROM qs_lot l JOIN qs_credit_movement m ON m.account_id = l.account_id AND m.lot_id = l.lot_id
                  WHERE l.account_id = :account AND m.kind = {GRANTED} AND l.granted_at <= :at) g
            JOIN qs_journal_line j ON j.event_id = g.event_id AND j.lot_id IS NULL AND j.source = 'settlement'
            GROUP BY g.top_up_id
            """);

    private static final String USAGE_SINCE = """
            SELECT COALESCE(SUM(amount), 0) FROM qs_usage
            WHERE account_id = :account AND occurred_at > :from AND occurred_at <= :at
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final LotStates lotStates;
    private final BonusSchedule packs;

    AccountEconomics(NamedParameterJdbcTemplate jdbc, LotStates lotStates, BonusSchedule packs) {
        this.jdbc = jdbc;
        this.lotStates = lotStates;
        this.packs = packs;
    }

    /** Usage in the windows and the rates per day (shown to the nano-credit; the projections use them unrounded). */
    /** A lot's cash in and out: what its top-up paid for it and what refunds paid back. */
    private record LotCash(Money paid, Money refunded) {

        static final LotCash NONE = new LotCash(Money.ZERO, Money.ZERO);
    }

    record Burn(Credits last30Days, Credits last90Days, Credits creditsPerDay30, Credits creditsPerDay90) {
    }

    /** One top-up, grant or plan month: {@code final} once all its lots are closed, else projected. */
    record Purchase(String topUpId, String kind, Instant purchasedAt, Money cashPaid, Credits creditsReceived,
                    Credits bonusCredits, Credits creditsUsed, Credits creditsExpired, Credits creditsRefunded,
                    Money cashRefunded, Credits creditsRemaining, Credits creditsAtRisk, Credits projectedUsed,
                    Credits projectedExpired, Money netPositionVsMetered, boolean netPositionFinal,
                    String breakEvenExpiryFraction, String breakEvenExpiryPercent, String expiredFraction,
                    String expiredPercent) {
    }

    record Totals(Money cashPaid, Credits creditsReceived, Credits bonusCredits, Credits creditsUsed,
                  Credits creditsExpired, Credits creditsRefunded, Money cashRefunded, Credits creditsRemaining,
                  Credits creditsAtRisk, Money netPositionVsMetered, boolean netPositionFinal) {
    }

    record AtRisk(String lotId, String topUpId, String kind, Credits credits, Money deferredAmount, Instant lostAt) {
    }

    record Runway(Credits balance, String days, Instant runsOutAt, String daysUntilUsableCreditUsedUp) {
    }

    record Economics(String accountId, String currency, Instant asOf, Burn burn, Runway runway, Credits creditsAtRisk,
                     Money deferredAtRisk, List<AtRisk> atRisk, List<Purchase> topUps, Totals total,
                     TopUpSizing.Recommendation recommendedTopUp) {
    }

    Economics of(String accountId, Instant asOf) {
        MapSqlParameterSource at = new MapSqlParameterSource("account", accountId).addValue("at", utc(asOf));
        List<Map<String, Object>> account = jdbc.queryForList(
                "SELECT currency, opened_at FROM qs_account WHERE account_id = :account", at);
        if (account.isEmpty()) {
            throw new LedgerRejection(RejectionCode.ACCOUNT_NOT_FOUND, "accountId", "no account " + accountId);
        }
        Instant openedAt = ((Timestamp) account.get(0).get("opened_at")).toInstant();
        Credits last30 = usedSince(at, asOf.minus(SHORT_WINDOW));
        Credits last90 = usedSince(at, asOf.minus(LONG_WINDOW));
        BigDecimal perDay = perDay(last90, openedAt, asOf, LONG_WINDOW);
        Burn burn = new Burn(last30, last90, Credits.roundedFrom(perDay(last30, openedAt, asOf, SHORT_WINDOW)),
                Credits.roundedFrom(perDay));

        List<LotState> lots = lotStates.asOf(asOf, LotStates.END_OF_TIME, accountId);
        CreditsAtRisk.Outlook outlook = CreditsAtRisk.at(asOf, lots, perDay);
        Map<String, CreditsAtRisk.LotOutlook> outlookByLot = new HashMap<>();
        outlook.lots().forEach(lot -> outlookByLot.put(lot.lot().lotId(), lot));

        Map<String, LotCash> cashByLot = new HashMap<>();
        jdbc.query(CASH_BY_LOT, at, row -> {
            cashByLot.put(row.getString("lot_id"), new LotCash(money(row.getBigDecimal("paid")),
                    money(row.getBigDecimal("refunded"))));
        });
        Map<String, Money> settled = new HashMap<>();
        jdbc.query(SETTLED_BY_TOP_UP, at, row -> {
            settled.put(row.getString("top_up_id"), money(row.getBigDecimal("settled")));
        });

        Map<String, List<LotState>> byPurchase = new LinkedHashMap<>();
        lots.stream().sorted(Comparator.comparing(LotState::grantedAt).thenComparing(LotState::lotId))
                .forEach(lot -> byPurchase.computeIfAbsent(lot.topUpId(), id -> new ArrayList<>()).add(lot));
        List<Purchase> purchases = byPurchase.entrySet().stream().map(purchase -> purchase(purchase.getKey(),
                purchase.getValue(), asOf, cashByLot, settled.getOrDefault(purchase.getKey(), Money.ZERO),
                outlookByLot)).toList();

        Credits balance = LotStates.usableAt(lots, asOf).minus(lotStates.overageAsOf(asOf, LotStates.END_OF_TIME, accountId));
        Runway runway = runway(balance, perDay, asOf, outlook);
        List<AtRisk> atRisk = outlook.lots().stream().filter(lot -> lot.atRisk().isPositive())
                .map(lot -> new AtRisk(lot.lot().lotId(), lot.lot().topUpId(), lot.lot().kind(), lot.atRisk(),
                        lot.deferredAtRisk(), lot.lot().expiresAt())).toList();
        return new Economics(accountId, (String) account.get(0).get("currency"), asOf, burn, runway, outlook.atRisk(),
                atRisk.stream().map(AtRisk::deferredAmount).reduce(Money.ZERO, Money::plus), atRisk, purchases,
                totals(purchases), TopUpSizing.recommend(perDay, packs).orElse(null));
    }

    private static Purchase purchase(String topUpId, List<LotState> lots, Instant asOf, Map<String, LotCash> cashByLot,
                                     Money settled, Map<String, CreditsAtRisk.LotOutlook> outlooks) {
        Money paid = settled;
        Money refundedCash = Money.ZERO;
        Credits received = Credits.ZERO;
        Credits used = Credits.ZERO;
        Credits expired = Credits.ZERO;
        Credits refunded = Credits.ZERO;
        Credits remaining = Credits.ZERO;
        Credits atRisk = Credits.ZERO;
        boolean closed = true;
        for (LotState lot : lots) {
            LotCash cash = cashByLot.getOrDefault(lot.lotId(), LotCash.NONE);
            paid = paid.plus(cash.paid());
            refundedCash = refundedCash.plus(cash.refunded());
            received = received.plus(lot.granted());
            used = used.plus(lot.used());
            expired = expired.plus(lot.expired());
            refunded = refunded.plus(lot.refunded());
            remaining = remaining.plus(lot.remaining());
            CreditsAtRisk.LotOutlook outlook = outlooks.get(lot.lotId());
            if (outlook != null) {
                atRisk = atRisk.plus(outlook.atRisk());
                closed = false;
            } else if (lot.remaining().isPositive() && !lot.expiresAt().isAfter(asOf)) {
                // due but its expiry not yet recorded: it will expire whole
                atRisk = atRisk.plus(lot.remaining());
            }
        }
        Credits projectedUsed = used.plus(remaining).minus(atRisk);
        Credits projectedExpired = expired.plus(atRisk);
        // the credits' list-price value (1 credit = 1 unit of the currency) against the cash kept
        Money net = Money.faceValueOf(projectedUsed).minus(paid).plus(refundedCash);
        Credits bonus = received.minus(Credits.of(paid.toBigDecimal())).max(Credits.ZERO);
        String kind = switch (LotKind.valueOf(lots.get(0).kind())) {
            case PROMOTIONAL -> "grant";
            case INCLUDED -> "plan";
            default -> "top-up";
        };
        boolean cashless = !paid.isPositive();
        return new Purchase(topUpId, kind, lots.get(0).grantedAt(), paid, received, bonus, used, expired, refunded,
                refundedCash, remaining, atRisk, projectedUsed, projectedExpired, net, closed,
                cashless ? null : fraction(bonus, received), cashless ? null : percent(bonus, received),
                fraction(projectedExpired, received), percent(projectedExpired, received));
    }

    private static Totals totals(List<Purchase> purchases) {
        return new Totals(
                purchases.stream().map(Purchase::cashPaid).reduce(Money.ZERO, Money::plus),
                sum(purchases, Purchase::creditsReceived), sum(purchases, Purchase::bonusCredits),
                sum(purchases, Purchase::creditsUsed), sum(purchases, Purchase::creditsExpired),
                sum(purchases, Purchase::creditsRefunded),
                purchases.stream().map(Purchase::cashRefunded).reduce(Money.ZERO, Money::plus),
                sum(purchases, Purchase::creditsRemaining), sum(purchases, Purchase::creditsAtRisk),
                purchases.stream().map(Purchase::netPositionVsMetered).reduce(Money.ZERO, Money::plus),
                purchases.stream().allMatch(Purchase::netPositionFinal));
    }

    private static Credits sum(List<Purchase> purchases, Function<Purchase, Credits> field) {
        return purchases.stream().map(field).reduce(Credits.ZERO, Credits::plus);
    }

    private static Runway runway(Credits balance, BigDecimal perDay, Instant asOf, CreditsAtRisk.Outlook outlook) {
        if (perDay.signum() <= 0 || !balance.isPositive()) {
            return new Runway(balance, null, null, null);
        }
        BigDecimal days = balance.toBigDecimal().divide(perDay, 1, RoundingMode.HALF_UP);
        long seconds = balance.toBigDecimal().multiply(SECONDS_PER_DAY).divide(perDay, 0, RoundingMode.HALF_UP)
                .longValueExact();
        return new Runway(balance, days.toPlainString(), asOf.plusSeconds(seconds),
                outlook.daysUntilUsedUp().setScale(1, RoundingMode.HALF_UP).toPlainString());
    }

    private Credits usedSince(MapSqlParameterSource at, Instant from) {
        return Credits.of(jdbc.queryForObject(USAGE_SINCE, new MapSqlParameterSource(at.getValues())
                .addValue("from", utc(from)), BigDecimal.class));
    }

    /**
     * Credits per day over the window, or over the account's life when it is younger than the window,
     * but never over less than a week: a call in an account's first minute is not a day's spend.
     */
    static BigDecimal perDay(Credits used, Instant openedAt, Instant asOf, Duration window) {
        Duration life = Duration.between(openedAt, asOf);
        Duration measured = life.compareTo(window) > 0 ? window : life.compareTo(SHORTEST_MEASURE) < 0 ? SHORTEST_MEASURE : life;
        return used.toBigDecimal().multiply(SECONDS_PER_DAY).divide(BigDecimal.valueOf(measured.getSeconds()),
                EXACT_SCALE, RoundingMode.HALF_UP);
    }

    private static String fraction(Credits part, Credits whole) {
        return whole.isPositive() ? part.toBigDecimal().divide(whole.toBigDecimal(), 4, RoundingMode.HALF_UP)
                .toPlainString() : null;
    }

    private static String percent(Credits part, Credits whole) {
        return whole.isPositive() ? part.toBigDecimal().multiply(BigDecimal.valueOf(100))
                .divide(whole.toBigDecimal(), 2, RoundingMode.HALF_UP).toPlainString() : null;
    }

    private static Money money(BigDecimal value) {
        return value == null ? Money.ZERO : Money.of(value);
    }
}
