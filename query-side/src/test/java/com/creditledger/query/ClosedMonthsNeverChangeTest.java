package com.creditledger.query;

import com.creditledger.testsupport.FreshDatabase;
import com.creditledger.testsupport.LedgerClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property finance relies on when it sends a closed month to the auditors: whatever happens
 * afterwards, the month's report is the one published at its close. A random history of eight months
 * (top-ups with short expiries, usage on time and up to 75 days late, promotional grants, partial
 * refunds, closes that lag one to three months behind, now and then a reopen approved by a second
 * key and a re-close) is driven through HTTP on the manual clock; after every month and after a full
 * replay each closed month's report must be byte for byte what was published at its latest close,
 * with the digest recorded in its {@code PeriodClosed}. The seed is in every failure message; set
 * {@code -DclosedMonths.seed=} to run the same history again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=ClosedMonthsNeverChangeTest",
        "axon.eventhandling.processors.ledger-projections.initial-segment-count=2",
        "axon.eventhandling.processors.ledger-projections.thread-count=2"})
@ContextConfiguration(initializers = FreshDatabase.class)
class ClosedMonthsNeverChangeTest extends LedgerScenario {

    private static final List<String> PREPAID = List.of("cm-a", "cm-b");
    private static final String POSTPAID = "cm-p";
    private static final YearMonth FIRST = YearMonth.of(2025, 1);
    private static final int MONTHS = 8;
    private static final Instant OPENED = FIRST.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);

    private final long seed = Long.getLong("closedMonths.seed", System.nanoTime());
    private final Random random = new Random(seed);
    /** Each closed month's report as published at its latest close. */
    private final Map<YearMonth, Published> published = new LinkedHashMap<>();
    private final List<String> topUps = new ArrayList<>();
    private LedgerClient finance;
    private LedgerClient secondFinance;
    private YearMonth closedThrough = FIRST.minusMonths(1);
    private int ids;
    private int lateCalls;
    private int reopens;

    private record Published(String digest, String report) {
    }

    @Test
    void everyClosedMonthKeepsTheReportPublishedAtItsClose() {
        startCommandSide("--ledger.clock.mode=manual", "--ledger.query-side.url=http://127.0.0.1:" + port);
        finance = keyOf("FINANCE");
        secondFinance = keyOf("FINANCE");
        at(OPENED.toString());
        for (String account : PREPAID) {
            created(commands.openAccount(account));
            topUp(account, OPENED);
        }
        created(commands.post("/v1/accounts", "{\"accountId\":\"" + POSTPAID + "\",\"billingMode\":\"POSTPAID\"}"));
        for (YearMonth month = FIRST; month.isBefore(FIRST.plusMonths(MONTHS)); month = month.plusMonths(1)) {
            for (Instant now : instantsIn(month, 10 + random.nextInt(10))) {
                at(now.toString());
                act(now);
            }
            awaitProjections();
            assertEveryClosedMonthAsPublished("after " + month);
        }
        Instant end = FIRST.plusMonths(MONTHS).atDay(2).atStartOfDay().toInstant(ZoneOffset.UTC);
        at(end.toString());
        while (closedThrough.isBefore(FIRST.plusMonths(MONTHS - 1))) {
            closeNextIfEnded(end);
        }
        use(POSTPAID, OPENED.plusSeconds(1)); // a call from the first day, known only now
        awaitProjections();
        assertEveryClosedMonthAsPublished("once every month is closed");
        assertThat(published).as(seeded("months closed")).hasSize(MONTHS);
        assertThat(lateCalls).as(seeded("late calls")).isPositive();

        assertThat(queries.post("/v1/admin/projections/replay", "").status()).isEqualTo(202);
        awaitProjections();
        assertEveryClosedMonthAsPublished("after a full replay");
        System.out.printf("closedMonths.seed=%d: %d months closed, %d late calls, %d reopens, %d events%n",
                seed, published.size(), lateCalls, reopens, events());
    }

    private void act(Instant now) {
        int dice = random.nextInt(100);
        String prepaid = PREPAID.get(random.nextInt(PREPAID.size()));
        String account = random.nextInt(3) == 0 ? POSTPAID : prepaid;
        if (dice < 40) {
            use(account, now);
        } else if (dice < 65) {
            Instant late = now.minus(Duration.ofMinutes(1 + random.nextInt(75 * 24 * 60)));
            use(account, late.isAfter(OPENED) ? late : OPENED.plusSeconds(1));
        } else if (dice < 75) {
            topUp(prepaid, now);
        } else if (dice < 80) {
            created(commands.post("/v1/accounts/" + prepaid + "/grants", "{\"grantId\":\"g" + ++ids
                    + "\",\"credits\":\"" + cents(500, 5000) + "\",\"reason\":\"goodwill\",\"validity\":\"P"
                    + (10 + random.nextInt(40)) + "D\"}"));
        } else if (dice < 85) {
            refund();
        } else if (dice < 97) {
            closeNextIfEnded(now);
        } else {
            reopenLastClosed();
        }
    }

    private void use(String account, Instant occurredAt) {
        LedgerClient.Response used = commands.post("/v1/accounts/" + account + "/usage", "{\"idempotencyKey\":\"u"
                + ++ids + "\",\"amount\":\"" + cents(100, 3000) + "\",\"occurredAt\":\"" + occurredAt + "\"}");
        assertThat(used.status()).as(seeded(used.raw())).isIn(201, 402);
        if (used.status() == 201 && YearMonth.from(occurredAt.atZone(ZoneOffset.UTC)).compareTo(closedThrough) <= 0) {
            lateCalls++;
        }
    }

    private void topUp(String account, Instant now) {
        String topUpId = account + "-t" + ++ids;
        Instant expires = now.plus(Duration.ofDays(20 + random.nextInt(60)));
        created(commands.post("/v1/accounts/" + account + "/top-ups", "{\"topUpId\":\"" + topUpId + "\",\"amount\":\""
                + cents(10000, 50000) + "\",\"principalExpiresAt\":\"" + expires + "\",\"bonusExpiresAt\":\""
                + expires.minus(Duration.ofDays(random.nextInt(15))) + "\"}"));
        topUps.add(topUpId);
    }

    /** Part of a random top-up's credit back; refused once its lots are used up or expired. */
    private void refund() {
        String topUpId = topUps.get(random.nextInt(topUps.size()));
        String account = topUpId.substring(0, topUpId.indexOf("-t"));
        LedgerClient.Response refunded = commands.post("/v1/accounts/" + account + "/refunds", "{\"refundId\":\"r"
                + ++ids + "\",\"topUpId\":\"" + topUpId + "\",\"credits\":\"" + cents(100, 2000) + "\"}");
        assertThat(refunded.status()).as(seeded(refunded.raw())).isIn(201, 409, 422);
    }

    private void closeNextIfEnded(Instant now) {
        YearMonth next = closedThrough.plusMonths(1);
        if (!next.isBefore(YearMonth.from(now.atZone(ZoneOffset.UTC)))) {
            refused(finance.post("/v1/periods/" + next + "/close", ""), 409, "period_not_ended");
            return;
        }
        LedgerClient.Response closed = finance.post("/v1/periods/" + next + "/close", "");
        assertThat(closed.status()).as(seeded(closed.raw())).isEqualTo(201);
        awaitProjections();
        LedgerClient.Response report = queries.get("/v1/periods/" + next + "/report");
        assertThat(report.body().path("digest").asText()).as(seeded("report of " + next + " at its close"))
                .isEqualTo(closed.text("reportDigest"));
        published.put(next, new Published(closed.text("reportDigest"), report.raw()));
        closedThrough = next;
    }

    private void reopenLastClosed() {
        if (published.isEmpty()) {
            return;
        }
        LedgerClient.Response requested = finance.post("/v1/periods/" + closedThrough + "/reopen",
                "{\"reason\":\"usage batch arrived late\"}");
        assertThat(requested.status()).as(seeded(requested.raw())).isEqualTo(202);
        LedgerClient.Response approved = secondFinance.post("/v1/periods/" + closedThrough + "/reopen/approve", "");
        assertThat(approved.status()).as(seeded(approved.raw())).isEqualTo(200);
        published.remove(closedThrough);
        closedThrough = closedThrough.minusMonths(1);
        reopens++;
    }

    private void assertEveryClosedMonthAsPublished(String when) {
        Map<String, JsonNode> periods = new LinkedHashMap<>();
        queries.get("/v1/periods").body().path("periods").forEach(p -> periods.put(p.path("period").asText(), p));
        published.forEach((month, atClose) -> {
            String report = queries.get("/v1/periods/" + month + "/report").raw();
            assertThat(report).as(seeded(month + " " + when)).isEqualTo(atClose.report());
            JsonNode period = periods.get(month.toString());
            assertThat(period.path("status").asText()).as(seeded(month + " " + when)).isEqualTo("closed");
            assertThat(period.path("reportDigest").asText()).as(seeded(month + " " + when)).isEqualTo(atClose.digest());
            assertThat(period.path("digestMatches").asBoolean()).as(seeded(month + " " + when)).isTrue();
        });
    }

    /** Sorted random instants within the month, none at its very first microsecond. */
    private List<Instant> instantsIn(YearMonth month, int count) {
        long start = month.atDay(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        long length = month.plusMonths(1).atDay(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) - start;
        return random.longs(count, 60, length - 60).sorted().mapToObj(s -> Instant.ofEpochSecond(start + s)).toList();
    }

    /** A random amount between the bounds, in cents. */
    private String cents(int from, int to) {
        int cents = from + random.nextInt(to - from);
        return cents / 100 + "." + String.format("%02d", cents % 100);
    }

    private String seeded(String what) {
        return "closedMonths.seed=" + seed + ": " + what;
    }
}
