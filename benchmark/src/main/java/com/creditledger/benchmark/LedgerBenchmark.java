package com.creditledger.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpServer;
import org.HdrHistogram.Histogram;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Issue 5's benchmark in one run: PostgreSQL's raw insert capacity, then the ledger's services
 * started on a fresh database of the same server and driven over HTTP: single debits, batches, a
 * hot account, aggregate load time, projection lag, replay and the roll-forward report. Writes
 * {@code docs/benchmarks/results.json} and {@code results.md}, every figure also as a ratio to the baseline.
 */
public final class LedgerBenchmark {

    /** The compilers' share of the command side's CPU under which it counts as warm. */
    private static final double SETTLED = 0.05;
    /** At most three more minutes of warm-up. */
    private static final int SETTLING_ROUNDS = 18;

    /** How long the acting scenario's receiver waits for the webhook outbox to empty after its burst. */
    private static final Duration OUTBOX_DRAINED = Duration.ofMinutes(5);

    /** Single debits also run over this many of the accounts, each then taking ten times the debits. */
    private static final int FEWER_ACCOUNTS = 1000;
    private static final String DEBIT = "{\"idempotencyKey\":\"%s\",\"model\":\"gpt-4o\",\"inputTokens\":1000,\"outputTokens\":200}";

    private LedgerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        String url = settings.databaseUrl("ledger_benchmark");
        try (Connection admin = DriverManager.getConnection(settings.adminUrl(), settings.user(), settings.password());
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS ledger_benchmark");
            statement.execute("CREATE DATABASE ledger_benchmark");
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("run", Map.of("at", Instant.now().toString(), "cores", Runtime.getRuntime().availableProcessors(),
                "java", System.getProperty("java.version"), "postgres", scalar(url, settings, "SHOW server_version"),
                "synchronousCommit", scalar(url, settings, "SHOW synchronous_commit"),
                "clients", settings.clients(), "secondsPerScenario", settings.seconds()));

        try (LedgerProcesses ledger = new LedgerProcesses(settings, url)) {
            ledger.startCommandSide();
            ledger.startQuerySide();
            Http commands = new Http(LedgerProcesses.COMMAND_PORT);
            Http queries = new Http(LedgerProcesses.QUERY_PORT);

            log("setup: " + settings.accounts() + " accounts with a $9,999 top-up each");
            AtomicInteger next = new AtomicInteger();
            ClosedLoop.run(settings.clients(), 3600, (client, n) -> {
                int account = next.getAndIncrement();
                if (account >= settings.accounts()) {
                    throw new ClosedLoop.Done();
                }
                openWithCredit(commands, "acct-" + account);
                return 1;
            });

            // a fresh JVM spends its first seconds interpreting and compiling: measure the ledger warm,
            // as it runs in production, after the same kinds of requests (not counted)
            log("warm-up: " + settings.warmupSeconds() + " s of single debits and batches, not measured");
            ClosedLoop.run(settings.clients(), (settings.warmupSeconds() + 1) / 2,
                    (client, n) -> debit(commands, randomAccount(settings), "w1-" + client + "-" + n));
            ClosedLoop.run(4, settings.warmupSeconds() / 2,
                    (client, n) -> batch(commands, settings, settings.batchSizes().get(0), "w2-" + client + "-" + n));
            settle(settings, commands, ledger.commandSidePids()[0], LedgerProcesses.COMMAND_PORT,
                    ledger.querySidePid(), url, queries);

            // the floor, in the same run, while the services idle: PostgreSQL writing exactly the
            // rows of a debit the ledger just wrote (the command side's, then with the projections'
            // too), one debit and 100 per transaction
            Floor.Rate oneRow = floor(url, settings, 1, false);
            Floor.Rate hundredRows = floor(url, settings, 100, false);
            Floor.Rate oneWithProjections = floor(url, settings, 1, true);
            Floor.Rate hundredWithProjections = floor(url, settings, 100, true);
            results.put("baseline", Map.of("rowsPerDebit", "event + idempotency receipt + hash link",
                    "oneDebitPerTransactionDebitsPerSecond", round(oneRow.debitsPerSecond()),
                    "hundredDebitsPerTransactionDebitsPerSecond", round(hundredRows.debitsPerSecond()),
                    "withProjectionRows", "and the usage, credit movement and journal rows of the debit",
                    "oneDebitPerTransactionWithProjectionsDebitsPerSecond", round(oneWithProjections.debitsPerSecond()),
                    "hundredDebitsPerTransactionWithProjectionsDebitsPerSecond",
                    round(hundredWithProjections.debitsPerSecond())));

            if (settings.scenarios().equals("replay")) {
                fillAndReplay(ledger, url, settings, commands, queries, results);
                writeChosen(settings, results);
                return;
            }
            if (settings.scenarios().equals("batch")) {
                batches(ledger, url, settings, commands, queries, hundredRows, hundredWithProjections, results);
                writeChosen(settings, results);
                return;
            }
            log("scenario 1: single debits, " + settings.clients() + " connections, "
                    + (Wrk.available() ? "wrk" : "the Java client (install wrk for lighter load)"));
            // settled before the floors, the compilers were back at 9-12% of the command side's CPU
            // in three of seven measured windows after them (eighteenth cut): settled again, right
            // before
            settle(settings, commands, ledger.commandSidePids()[0], LedgerProcesses.COMMAND_PORT,
                    ledger.querySidePid(), url, queries);
            Map<String, Object> singleFigures = singleDebits(ledger, url, settings, queries, oneRow, oneWithProjections,
                    "s1", false,
                    LedgerProcesses.COMMAND_PORT);
            double singleRate = (double) singleFigures.get("debitsPerSecond");
            results.put("singleDebits", singleFigures);
            List<Map<String, Object>> aroundOneFloor = new ArrayList<>(List.of(singleFigures));
            if (settings.accounts() > FEWER_ACCOUNTS) {
                quiesce(url, settings, queries);
                log("scenario 1a: single debits over " + FEWER_ACCOUNTS + " of the accounts");
                Map<String, Object> fewer = debits(ledger, url, settings, queries, oneRow, oneWithProjections, "s1a",
                        0, FEWER_ACCOUNTS, false, LedgerProcesses.COMMAND_PORT);
                results.put("singleDebitsOn" + FEWER_ACCOUNTS + "Accounts", fewer);
                aroundOneFloor.add(fewer);
            }
            Floor.Rate oneRowAfter = floor(url, settings, 1, false);
            aroundOneFloor.forEach(figures ->
                    bracket(figures, (double) figures.get("debitsPerSecond"), oneRow, oneRowAfter));
            if (settings.scenarios().equals("nodes") || settings.scenarios().equals("all")) {
                quiesce(url, settings, queries);
                log("scenario 1d: single debits spread over two command-side nodes (the cost of coordinating them)");
                ledger.startSecondCommandSide();
                try {
                    Http second = new Http(LedgerProcesses.SECOND_COMMAND_PORT);
                    ClosedLoop.run(settings.clients(), (settings.warmupSeconds() + 1) / 2,
                            (client, n) -> debit(second, randomAccount(settings), "w4-" + client + "-" + n));
                    settle(settings, second, ledger.commandSidePids()[1], LedgerProcesses.SECOND_COMMAND_PORT,
                            ledger.querySidePid(), url, queries);
                    // any account on either node, as behind a round-robin balancer
                    Map<String, Object> spread = singleDebits(ledger, url, settings, queries, oneRow,
                            oneWithProjections, "s1d", false,
                            LedgerProcesses.COMMAND_PORT, LedgerProcesses.SECOND_COMMAND_PORT);
                    spread.put("ratioToOneNode", ratio((double) spread.get("debitsPerSecond"), singleRate));
                    results.put("twoCommandNodes", spread);
                    quiesce(url, settings, queries);
                    // each account on one node, as behind a balancer hashing the account id
                    Map<String, Object> byAccount = singleDebits(ledger, url, settings, queries, oneRow,
                            oneWithProjections, "s1e", true,
                            LedgerProcesses.COMMAND_PORT, LedgerProcesses.SECOND_COMMAND_PORT);
                    byAccount.put("ratioToOneNode", ratio((double) byAccount.get("debitsPerSecond"), singleRate));
                    results.put("twoCommandNodesByAccount", byAccount);
                } finally {
                    ledger.stopSecondCommandSide();
                }
            }
            if (!settings.scenarios().equals("all")) {
                writeChosen(settings, results);
                return;
            }

            quiesce(url, settings, queries);
            log("scenario 1b: the gateway guard: spendable at rest and under single-debit load, reserve+capture cycles");
            results.put("gatewayGuard", gatewayGuard(commands, settings, singleRate));

            quiesce(url, settings, queries);
            log("scenario 1c: single debits again, with alert rules, auto-recharge and a webhook endpoint on every account");
            results.put("acting", acting(commands, queries, url, settings));

            batches(ledger, url, settings, commands, queries, hundredRows, hundredWithProjections, results);

            quiesce(url, settings, queries);
            log("scenario 3: hot account");
            // one account past the funded ones, driven like the single debits it is compared with
            int hotAccount = settings.accounts();
            openWithCredit(commands, "acct-" + hotAccount);
            Map<String, Object> hotFigures = debits(ledger, url, settings, queries, oneRow, oneWithProjections, "s3",
                    hotAccount, 1, false, LedgerProcesses.COMMAND_PORT);
            hotFigures.put("ratioToSingleDebits", ratio((double) hotFigures.get("debitsPerSecond"), singleRate));
            results.put("hotAccount", hotFigures);

            log("scenario 3b: aggregate load time by event count (cold, after a restart; snapshots every 250 events)");
            List<Integer> sizes = List.of(10, 1_000, 10_000, 50_000);
            for (int size : sizes) {
                openWithCredit(commands, "load-" + size);
                for (int written = 2; written < size; written += 1000) {
                    int count = Math.min(1000, size - written);
                    commands.post("/v1/usage:batch", IntStream.range(0, count).mapToObj(i -> "{\"accountId\":\"load-" + size
                            + "\",\"idempotencyKey\":\"l-" + UUIDish.next() + "\",\"amount\":\"0.000001\"}")
                            .collect(Collectors.joining(",", "{\"records\":[", "]}")));
                }
            }
            ledger.restartCommandSide();
            List<Map<String, Object>> loadTimes = new ArrayList<>();
            for (int size : sizes) {
                long cold = timeMicros(() -> debit(commands, "load-" + size, "cold-" + size));
                long warm = timeMicros(() -> debit(commands, "load-" + size, "warm-" + size));
                loadTimes.add(Map.of("events", size, "coldFirstDebitMillis", cold / 1000.0, "warmDebitMillis", warm / 1000.0));
            }
            hotFigures.put("loadTimeByEventCount", loadTimes);

            quiesce(url, settings, queries);
            log("scenario 4: projection lag under single-debit load");
            Histogram lag = new Histogram(60_000_000L, 3);
            ClosedLoop.run(settings.clients(), settings.seconds(), (client, n) -> {
                if (client > 0) {
                    return debit(commands, randomAccount(settings), "s4-" + client + "-" + n);
                }
                Http.Response debit = commands.post("/v1/accounts/" + randomAccount(settings) + "/usage",
                        DEBIT.formatted("s4-lag-" + n));
                long accepted = System.nanoTime();
                expect(debit, 201);
                long position = debit.json().path("position").asLong();
                Http.Response visible = queries.get("/v1/admin/projections?waitFor=" + position);
                lag.recordValue(Math.max(1, (System.nanoTime() - accepted) / 1000));
                Thread.sleep(20);
                expect(visible, 200);
                return 1;
            });
            results.put("projectionLag", Map.of("samples", lag.getTotalCount(),
                    "p50Millis", lag.getValueAtPercentile(50) / 1000.0, "p99Millis", lag.getValueAtPercentile(99) / 1000.0,
                    "maxMillis", lag.getMaxValue() / 1000.0));

            long events = fillAndReplay(ledger, url, settings, commands, queries, results);

            log("scenario 6: deferred revenue roll-forward, 12 months over " + events + " events");
            YearMonth now = YearMonth.now(ZoneOffset.UTC);
            String report = "/v1/reports/deferred-revenue?from=" + now.minusMonths(11) + "&to=" + now;
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                times.add(timeMicros(() -> queries.get(report).status() == 200 ? 1 : 0));
            }
            times.sort(Long::compare);
            results.put("rollForwardReport", Map.of("events", events, "medianMillis", times.get(3) / 1000.0,
                    "maxMillis", times.get(6) / 1000.0));

            log("scenario 7: what-if replay of every account's history under metered terms, page by page");
            long simulationStart = System.nanoTime();
            long replayed = 0;
            String after = null;
            do {
                Http.Response page = commands.post("/v1/simulations", "{\"from\":\"" + now.minusMonths(11) + "\",\"to\":\""
                        + now + "\",\"terms\":{\"billing\":\"postpaid\"},\"pageSize\":1000"
                        + (after == null ? "" : ",\"afterAccountId\":\"" + after + "\"") + "}");
                expect(page, 200);
                replayed += page.json().path("eventsReplayed").asLong();
                after = page.json().path("nextAfterAccountId").isTextual() ? page.json().path("nextAfterAccountId").asText() : null;
            } while (after != null);
            double simulationSeconds = (System.nanoTime() - simulationStart) / 1e9;
            results.put("simulation", Map.of("events", replayed, "seconds", round(simulationSeconds),
                    "eventsPerSecond", round(replayed / simulationSeconds)));
        }
        write(settings, results);
    }

    private static Floor.Rate floor(String url, Settings settings, int perTransaction, boolean withProjections)
            throws Exception {
        log("floor: PostgreSQL writing a debit's command-side " + (withProjections ? "and projection rows, " : "rows, ")
                + perTransaction + (perTransaction == 1 ? " debit" : " debits") + " per transaction");
        return Floor.measure(url, settings.user(), settings.password(), settings.clients(), settings.seconds(),
                perTransaction, withProjections);
    }

    /**
     * Fills the store to {@code --replay-events} with batches, then replays every projection twice in
     * the same query-side process: the first replay is also the JIT's warm-up (a fresh JVM compiles
     * for most of a minute), so the second is the figure the target is read from. Returns the events.
     */
    private static long fillAndReplay(LedgerProcesses ledger, String url, Settings settings, Http commands, Http queries,
                                      Map<String, Object> results) throws Exception {
        long events = Long.parseLong(scalar(url, settings, "SELECT max(globalindex) FROM domainevententry"));
        log("scenario 5: fill the store to " + settings.replayEvents() + " events (now " + events + ")");
        while (events < settings.replayEvents()) {
            ClosedLoop.run(4, 30,
                    (client, n) -> batch(commands, settings, settings.largestBatch(), "fill-" + UUIDish.next()));
            events = Long.parseLong(scalar(url, settings, "SELECT max(globalindex) FROM domainevententry"));
            log("  " + events + " events");
        }
        quiesce(url, settings, queries);
        log("scenario 5: replay of " + events + " events, in a query side that has not replayed yet");
        results.put("replayFirst", replay(ledger, queries, events));
        log("scenario 5: replay of " + events + " events again, in the same process");
        results.put("replay", replay(ledger, queries, events));
        return events;
    }

    private static Map<String, Object> replay(LedgerProcesses ledger, Http queries, long events) throws Exception {
        ProcessCpu.Snapshot cpuBefore = ProcessCpu.of(ledger.querySidePid(), ledger.commandSidePids());
        long replayStart = System.nanoTime();
        queries.post("/v1/admin/projections/replay", "");
        Thread.sleep(500);
        // over once every event is projected and the work a replay leaves for after them is done
        for (JsonNode status = queries.get("/v1/admin/projections").json();
             status.path("position").asLong() < events || status.path("replaying").asBoolean();
             status = queries.get("/v1/admin/projections").json()) {
            Thread.sleep(200);
        }
        double replaySeconds = (System.nanoTime() - replayStart) / 1e9;
        ProcessCpu.Snapshot cpuAfter = ProcessCpu.of(ledger.querySidePid(), ledger.commandSidePids());
        Map<String, Object> replay = new LinkedHashMap<>();
        replay.put("events", events);
        replay.put("seconds", round(replaySeconds));
        replay.put("eventsPerSecond", round(events / replaySeconds));
        replay.put("cpuMicrosPerEvent", cpuAfter.perOperation(cpuBefore, events));
        return replay;
    }

    /** The results of the scenarios {@code --scenarios} chose, with the services' extra arguments to compare runs by. */
    private static void writeChosen(Settings settings, Map<String, Object> results) throws Exception {
        results.put("serviceArgs", settings.serviceArgs());
        write(settings, results);
    }

    private static void write(Settings settings, Map<String, Object> results) throws Exception {
        results.put("targets", Targets.evaluate(results));
        Files.createDirectories(settings.output());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(settings.output().resolve("results.json").toFile(), results);
        Files.writeString(settings.output().resolve("results.md"), Targets.markdown(results));
        log("written: " + settings.output().resolve("results.json") + " and results.md");
        System.out.println(Targets.markdown(results));
    }

    /**
     * Spendable's latency with nothing else running and while the other clients debit, and how many
     * streaming calls (a hold, then its capture) the ledger takes per second beside single debits.
     */
    private static Map<String, Object> gatewayGuard(Http commands, Settings settings, double singleDebitsPerSecond)
            throws Exception {
        Histogram atRest = new Histogram(60_000_000L, 3);
        for (int i = 0; i < 2_000; i++) {
            String account = randomAccount(settings);
            atRest.recordValue(Math.max(1, timeMicros(() -> spendable(commands, account))));
        }
        Histogram underLoad = new Histogram(60_000_000L, 3);
        double debitsMeanwhile;
        if (Wrk.available()) {
            // the debits from wrk, as in the single-debit scenario, so the load generator's own CPU
            // does not delay the answers measured; the spendable client is one more connection
            CompletableFuture<List<Wrk.Result>> debits = CompletableFuture.supplyAsync(() -> {
                try {
                    return Wrk.singleDebits(new int[]{LedgerProcesses.COMMAND_PORT}, false, settings.clients() - 1,
                            settings.seconds(), 0, settings.accounts(), "g1");
                } catch (Exception failure) {
                    throw new IllegalStateException(failure);
                }
            });
            while (!debits.isDone()) {
                String account = randomAccount(settings);
                underLoad.recordValue(Math.max(1, timeMicros(() -> spendable(commands, account))));
            }
            debitsMeanwhile = debits.get().get(0).perSecond();
        } else {
            debitsMeanwhile = ClosedLoop.run(settings.clients(), settings.seconds(), (client, n) -> {
                if (client > 0) {
                    return debit(commands, randomAccount(settings), "g1-" + client + "-" + n);
                }
                String account = randomAccount(settings);
                underLoad.recordValue(Math.max(1, timeMicros(() -> spendable(commands, account))));
                return 1;
            }).unitsPerSecond();
        }
        ClosedLoop.Result cycles = ClosedLoop.run(settings.clients(), settings.seconds(), (client, n) -> {
            String account = randomAccount(settings);
            String id = "g2-" + client + "-" + n;
            expect(commands.post("/v1/accounts/" + account + "/reservations",
                    "{\"reservationId\":\"" + id + "\",\"model\":\"gpt-4o\",\"inputTokens\":1000,\"maxOutputTokens\":400}"), 201);
            expect(commands.post("/v1/accounts/" + account + "/reservations/" + id + "/capture",
                    DEBIT.formatted("c-" + id)), 201);
            return 1;
        });
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("spendableAtRestP50Millis", atRest.getValueAtPercentile(50) / 1000.0);
        figures.put("spendableAtRestP99Millis", atRest.getValueAtPercentile(99) / 1000.0);
        figures.put("spendableUnderLoadP50Millis", underLoad.getValueAtPercentile(50) / 1000.0);
        figures.put("spendableUnderLoadP99Millis", underLoad.getValueAtPercentile(99) / 1000.0);
        figures.put("spendableUnderLoadSamples", underLoad.getTotalCount());
        figures.put("debitsPerSecondMeanwhile", round(debitsMeanwhile));
        figures.put("reserveCaptureCyclesPerSecond", round(cycles.unitsPerSecond()));
        figures.put("singleDebitsPerSecond", round(singleDebitsPerSecond));
        figures.put("cycleFailures", cycles.failures());
        return figures;
    }

    /**
     * The cost of acting, three runs of the single-debit load, equally warm: plain; then with alert
     * rules, auto-recharge and a webhook endpoint on every account at thresholds no debit reaches
     * (the steady state: every debit checks, nothing fires); then with the thresholds a cent below
     * each balance, so the next debit of every account crosses them (a burst: an alert, a recharge
     * request and two webhooks per account, sent to a receiver on 127.0.0.1). The receiver listens
     * until the outbox is empty; then the endpoint, the rules and auto-recharge are taken down, so
     * the scenarios after this one measure the plain ledger, not retries to a closed port.
     */
    private static Map<String, Object> acting(Http commands, Http queries, String url, Settings settings)
            throws Exception {
        ClosedLoop.Result plain = singleDebits(commands, settings, "s1p");
        AtomicInteger received = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Http.Response endpoint = queries.post("/v1/webhooks/endpoints", "{\"url\":\"http://127.0.0.1:"
                    + receiver.getAddress().getPort() + "/hooks\",\"eventTypes\":[\"balance.low\",\"balance.depleted\","
                    + "\"balance.recovered\",\"auto_recharge.requested\",\"lot.expiring\",\"lot.expired\","
                    + "\"reservation.expired\"]}");
            expect(endpoint, 201);
            setThresholds(commands, settings, available -> new BigDecimal("100.00"));
            ClosedLoop.Result quiet = singleDebits(commands, settings, "s1q");
            setThresholds(commands, settings, available -> available.subtract(new BigDecimal("0.01")));
            int before = received.get();
            ClosedLoop.Result burst = singleDebits(commands, settings, "s1b");
            int duringBurst = received.get() - before;
            long draining = System.nanoTime();
            quiesce(url, settings, queries);
            long pending;
            do {
                Thread.sleep(200);
                pending = Long.parseLong(scalar(url, settings, "SELECT count(*) FROM wh_message WHERE status = 'PENDING'"));
            } while (pending > 0 && System.nanoTime() - draining < OUTBOX_DRAINED.toNanos());
            double drainSeconds = (System.nanoTime() - draining) / 1e9;
            expect(queries.delete("/v1/webhooks/endpoints/" + endpoint.json().path("endpointId").asText()), 204);
            turnOffThresholds(commands, settings);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("plainDebitsPerSecond", round(plain.unitsPerSecond()));
            figures.put("plainP99Millis", plain.percentileMillis(99));
            figures.put("configuredQuietDebitsPerSecond", round(quiet.unitsPerSecond()));
            figures.put("configuredQuietP99Millis", quiet.percentileMillis(99));
            figures.put("quietRatioToPlain", ratio(quiet.unitsPerSecond(), plain.unitsPerSecond()));
            figures.put("burstDebitsPerSecond", round(burst.unitsPerSecond()));
            figures.put("burstP99Millis", burst.percentileMillis(99));
            figures.put("burstRatioToPlain", ratio(burst.unitsPerSecond(), plain.unitsPerSecond()));
            figures.put("webhooksReceivedInBurst", duringBurst);
            figures.put("webhooksReceivedAfterBurst", received.get() - before - duringBurst);
            figures.put("outboxDrainedSecondsAfterBurst", round(drainSeconds));
            figures.put("webhooksLeftPending", pending);
            figures.put("failures", plain.failures() + quiet.failures() + burst.failures());
            return figures;
        } finally {
            receiver.stop(0);
        }
    }

    private static ClosedLoop.Result singleDebits(Http commands, Settings settings, String prefix) throws Exception {
        return ClosedLoop.run(settings.clients(), settings.seconds(),
                (client, n) -> debit(commands, randomAccount(settings), prefix + "-" + client + "-" + n));
    }

    /** A balance alert and an auto-recharge threshold on every account, at {@code threshold(available)}. */
    private static void setThresholds(Http commands, Settings settings, UnaryOperator<BigDecimal> threshold)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        ClosedLoop.run(settings.clients(), 3600, (client, n) -> {
            int account = next.getAndIncrement();
            if (account >= settings.accounts()) {
                throw new ClosedLoop.Done();
            }
            String id = "acct-" + account;
            String at = threshold.apply(new BigDecimal(commands.get("/v1/accounts/" + id + "/spendable").json()
                    .path("available").asText())).toPlainString();
            expect(commands.put("/v1/accounts/" + id + "/alerts", "{\"balanceBelow\":[\"" + at + "\"]}"), 200);
            expect(commands.put("/v1/accounts/" + id + "/auto-recharge", "{\"enabled\":true,\"threshold\":\"" + at
                    + "\",\"amount\":\"100.00\"}"), 200);
            return 1;
        });
    }

    private static void turnOffThresholds(Http commands, Settings settings) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ClosedLoop.run(settings.clients(), 3600, (client, n) -> {
            int account = next.getAndIncrement();
            if (account >= settings.accounts()) {
                throw new ClosedLoop.Done();
            }
            String id = "acct-" + account;
            expect(commands.put("/v1/accounts/" + id + "/alerts", "{\"balanceBelow\":[]}"), 200);
            expect(commands.put("/v1/accounts/" + id + "/auto-recharge", "{\"enabled\":false,\"threshold\":\"0\","
                    + "\"amount\":\"100.00\"}"), 200);
            return 1;
        });
    }

    private static int spendable(Http commands, String account) throws Exception {
        expect(commands.get("/v1/accounts/" + account + "/spendable"), 200);
        return 1;
    }

    private static void openWithCredit(Http commands, String account) throws Exception {
        commands.post("/v1/accounts", "{\"accountId\":\"" + account + "\"}");
        commands.post("/v1/accounts/" + account + "/top-ups", "{\"topUpId\":\"t1\",\"amount\":\"9999.00\"}");
    }

    /**
     * Single debits on the command-side node at {@code port} (process {@code pid}), 10 s at a time,
     * until the JIT compilers of that node and of the query side each take under {@link #SETTLED}
     * of their process's CPU (at most {@link #SETTLING_ROUNDS} rounds): after the fixed warm-up the
     * C2 compiler still took a third of the command side's CPU through the single-debit scenario,
     * which then measured the compiler more than the ledger (docs/benchmarks, twelfth cut), and the
     * query side's compilers, left unwatched, still took 9% of its CPU in a measured window
     * (eighteenth cut). Each round ends by waiting for the projections to catch up, as the scenarios
     * do before their windows: that wait's status reads were the query side's only HTTP requests,
     * and compiling them, then recompiling the JDBC paths they had made polymorphic, took 16-21% of
     * its CPU in the window that followed (twentieth cut).
     */
    private static void settle(Settings settings, Http commands, long pid, int port, long queryPid, String url,
                               Http queries) throws Exception {
        settle(pid, port, queryPid, "single debits", prefix -> {
            if (Wrk.available()) {
                Wrk.singleDebits(new int[]{port}, false, settings.clients(), 10, 0, settings.accounts(), prefix);
            } else {
                ClosedLoop.run(settings.clients(), 10,
                        (client, n) -> debit(commands, randomAccount(settings), prefix + "-" + client + "-" + n));
            }
            quiesce(url, settings, queries);
        });
    }

    /** Ten seconds of some load, named by a prefix for its idempotency keys. */
    private interface SettlingLoad {
        void run(String prefix) throws Exception;
    }

    private static void settle(long pid, int port, long queryPid, String load, SettlingLoad round) throws Exception {
        for (int n = 1; n <= SETTLING_ROUNDS; n++) {
            ProcessCpu.Compiling before = ProcessCpu.compiling(pid);
            ProcessCpu.Compiling queryBefore = ProcessCpu.compiling(queryPid);
            round.run("w3-" + port + "-" + load.charAt(0) + n);
            double share = ProcessCpu.compiling(pid).shareSince(before);
            double queryShare = ProcessCpu.compiling(queryPid).shareSince(queryBefore);
            log(String.format("settling %d on :%d with %s: the JIT compilers took %.1f%% of the node's CPU, "
                    + "%.1f%% of the query side's", n, port, load, 100 * share, 100 * queryShare));
            if (share < SETTLED && queryShare < SETTLED) {
                return;
            }
        }
        log("the JIT compilers did not settle; the figures below include their work");
    }

    /**
     * Single debits with {@code clients} connections spread evenly over the command-side nodes on
     * {@code ports} (with {@code byAccount}, each account always on the same node): throughput, latency (the slowest node's percentiles), the ratio to the floor,
     * CPU per debit of each process (all command-side nodes together) and rows written per debit.
     */
    private static Map<String, Object> singleDebits(LedgerProcesses ledger, String url, Settings settings, Http queries,
                                                    Floor.Rate floor, Floor.Rate floorWithProjections, String prefix,
                                                    boolean byAccount,
                                                    int... ports) throws Exception {
        return debits(ledger, url, settings, queries, floor, floorWithProjections, prefix, 0, settings.accounts(), byAccount,
                ports);
    }

    /** {@link #singleDebits} over accounts {@code acct-first} to {@code acct-(first + accounts - 1)}. */
    private static Map<String, Object> debits(LedgerProcesses ledger, String url, Settings settings, Http queries,
                                              Floor.Rate floor, Floor.Rate floorWithProjections, String prefix,
                                              int first, int accounts, boolean byAccount, int... ports) throws Exception {
        Mark before = mark(ledger, url, settings);
        Map<String, Object> figures = new LinkedHashMap<>();
        double rate;
        if (Wrk.available()) {
            List<Wrk.Result> byNode = Wrk.singleDebits(ports, byAccount, settings.clients(), settings.seconds(),
                    first, accounts, prefix);
            rate = byNode.stream().mapToDouble(Wrk.Result::perSecond).sum();
            figures.put("loadGenerator", "wrk");
            figures.put("debitsPerSecond", round(rate));
            figures.put("requests", byNode.stream().mapToLong(Wrk.Result::requests).sum());
            figures.put("failures", byNode.stream().mapToLong(Wrk.Result::failures).sum());
            figures.put("failureKinds", byNode.stream().map(Wrk.Result::failureKinds).toList());
            figures.put("p50Millis", byNode.stream().mapToDouble(Wrk.Result::p50Millis).max().orElseThrow());
            figures.put("p95Millis", byNode.stream().mapToDouble(Wrk.Result::p95Millis).max().orElseThrow());
            figures.put("p99Millis", byNode.stream().mapToDouble(Wrk.Result::p99Millis).max().orElseThrow());
            if (ports.length > 1) {
                figures.put("debitsPerSecondByNode", byNode.stream().map(node -> round(node.perSecond())).toList());
            }
        } else {
            List<Http> nodes = Arrays.stream(ports).mapToObj(Http::new).toList();
            ClosedLoop.Result java = ClosedLoop.run(settings.clients(), settings.seconds(), (client, n) -> {
                String account = "acct-" + (first + ThreadLocalRandom.current().nextInt(accounts));
                int node = byAccount ? Math.floorMod(account.hashCode(), nodes.size()) : client % nodes.size();
                return debit(nodes.get(node), account, prefix + "-" + client + "-" + n);
            });
            rate = java.unitsPerSecond();
            figures = throughput(java, "debits", floor.debitsPerSecond());
            figures.put("loadGenerator", "java");
        }
        figures.put("ratioToFloor", ratio(rate, floor.debitsPerSecond()));
        figures.put("ratioToFloorWithProjections", ratio(rate, floorWithProjections.debitsPerSecond()));
        costs(ledger, url, settings, queries, before, figures);
        return figures;
    }

    /** Scenario 2 once for each of {@code --batch-sizes}, as {@code batchesOf<size>}. */
    private static void batches(LedgerProcesses ledger, String url, Settings settings, Http commands, Http queries,
                                Floor.Rate floor, Floor.Rate floorWithProjections, Map<String, Object> results)
            throws Exception {
        for (int size : settings.batchSizes()) {
            quiesce(url, settings, queries);
            results.put("batchesOf" + size, batchIngestion(ledger, url, settings, commands, queries, floor,
                    floorWithProjections, size));
        }
    }

    /**
     * Batches of {@code size} records from 4 clients, against the floor's 100 debits per
     * transaction, with the same CPU and row figures per debit as single debits.
     */
    private static Map<String, Object> batchIngestion(LedgerProcesses ledger, String url, Settings settings, Http commands,
                                                      Http queries, Floor.Rate floor, Floor.Rate floorWithProjections,
                                                      int size) throws Exception {
        log("scenario 2: batch ingestion, " + size + " records per request");
        // settled with single debits, the command side still compiled the batch path through the
        // measured batches (27-31% of its CPU, docs/benchmarks, fifteenth cut)
        settle(ledger.commandSidePids()[0], LedgerProcesses.COMMAND_PORT, ledger.querySidePid(), "batches of " + size,
                prefix -> {
                    ClosedLoop.run(4, 10,
                            (client, n) -> batch(commands, settings, size, prefix + "-" + client + "-" + n));
                    quiesce(url, settings, queries);
                });
        Mark before = mark(ledger, url, settings);
        ClosedLoop.Result batches = ClosedLoop.run(4, settings.seconds(),
                (client, n) -> batch(commands, settings, size, "s2-" + size + "-" + client + "-" + n));
        Map<String, Object> figures = throughput(batches, "records", floor.debitsPerSecond());
        figures.put("recordsPerRequest", size);
        figures.put("ratioToFloorWithProjections", ratio(batches.unitsPerSecond(), floorWithProjections.debitsPerSecond()));
        costs(ledger, url, settings, queries, before, figures);
        bracket(figures, batches.unitsPerSecond(), floor, floor(url, settings, 100, false));
        return figures;
    }

    /**
     * The floor measured again once a scenario's work is done (the services idle). The machine's
     * speed drifts over minutes: the floor at 100 debits per transaction measured 13,563 and 18,587
     * debits/s in two runs minutes apart, so a ratio to a floor measured before a scenario alone can
     * be off by a third. The targets take the ratio to the mean of the floors before and after; the
     * drift between them says how far to trust it.
     */
    private static void bracket(Map<String, Object> figures, double rate, Floor.Rate before, Floor.Rate after) {
        figures.put("floorBefore", round(before.debitsPerSecond()));
        figures.put("floorAfter", round(after.debitsPerSecond()));
        figures.put("floorDriftPercent", round((after.debitsPerSecond() / before.debitsPerSecond() - 1) * 100));
        figures.put("ratioToFloorAround", ratio(rate, (before.debitsPerSecond() + after.debitsPerSecond()) / 2));
    }

    /** Rows by group and each process's CPU at the start of a scenario. */
    private record Mark(Map<String, Long> rows, ProcessCpu.Snapshot cpu, ProcessCpu.Compiling compiling,
                        ProcessCpu.Compiling queryCompiling) {
    }

    private static Mark mark(LedgerProcesses ledger, String url, Settings settings) throws Exception {
        return new Mark(rowCounts(url, settings), ProcessCpu.of(ledger.querySidePid(), ledger.commandSidePids()),
                ProcessCpu.compiling(ledger.commandSidePids()[0]), ProcessCpu.compiling(ledger.querySidePid()));
    }

    /**
     * Once the query side has caught up (the projection work the debits caused counts too): each
     * process's CPU and the rows written, per debit charged since {@code before}.
     */
    private static void costs(LedgerProcesses ledger, String url, Settings settings, Http queries, Mark before,
                              Map<String, Object> figures) throws Exception {
        quiesce(url, settings, queries);
        Mark after = mark(ledger, url, settings);
        long charged = after.rows().get("events") - before.rows().get("events");
        figures.put("cpuMicrosPerDebit", after.cpu().perOperation(before.cpu(), charged));
        // the JIT compilers of the first command-side node and of the query side, included in
        // their CPU above
        figures.put("commandSideCompilingPercent", percent(after.compiling().shareSince(before.compiling())));
        figures.put("querySideCompilingPercent", percent(after.queryCompiling().shareSince(before.queryCompiling())));
        Map<String, Double> rowsPerDebit = new LinkedHashMap<>();
        after.rows().forEach((group, count) -> rowsPerDebit.put(group,
                Math.round((count - before.rows().get(group)) * 100.0 / Math.max(1, charged)) / 100.0));
        figures.put("rowsPerDebit", rowsPerDebit);
    }

    private static int debit(Http commands, String account, String key) throws Exception {
        expect(commands.post("/v1/accounts/" + account + "/usage", DEBIT.formatted(key)), 201);
        return 1;
    }

    /** @throws IllegalStateException naming the status and the start of the answer when it is not {@code expected} */
    private static void expect(Http.Response response, int expected) {
        if (response.status() != expected) {
            String body = response.body();
            throw new IllegalStateException("HTTP " + response.status() + " " + body.substring(0, Math.min(160, body.length())));
        }
    }

    private static int batch(Http commands, Settings settings, int size, String prefix) throws Exception {
        String body = IntStream.range(0, size).mapToObj(i -> "{\"accountId\":\"" + randomAccount(settings)
                        + "\"," + DEBIT.formatted(prefix + "-" + i).substring(1))
                .collect(Collectors.joining(",", "{\"records\":[", "]}"));
        Http.Response response = commands.post("/v1/usage:batch", body);
        expect(response, 200);
        int accepted = 0;
        for (var result : response.json().path("results")) {
            accepted += result.path("status").asText().equals("accepted") ? 1 : 0;
        }
        return accepted;
    }

    private static String randomAccount(Settings settings) {
        return "acct-" + ThreadLocalRandom.current().nextInt(settings.accounts());
    }

    private static Map<String, Object> throughput(ClosedLoop.Result result, String unit, double baseline) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(unit + "PerSecond", round(result.unitsPerSecond()));
        figures.put("ratioToBaseline", ratio(result.unitsPerSecond(), baseline));
        figures.put("requests", result.requests());
        figures.put("failures", result.failures());
        if (!result.failureReasons().isEmpty()) {
            figures.put("failureReasons", result.failureReasons());
        }
        figures.put("p50Millis", result.percentileMillis(50));
        figures.put("p95Millis", result.percentileMillis(95));
        figures.put("p99Millis", result.percentileMillis(99));
        return figures;
    }

    private static long timeMicros(Callable<Integer> request) throws Exception {
        long start = System.nanoTime();
        request.call();
        return (System.nanoTime() - start) / 1000;
    }

    /**
     * Waits until the query side has projected everything appended so far, so a scenario measures
     * its own load (and the projection work it causes), not the backlog of the one before.
     */
    private static void quiesce(String url, Settings settings, Http queries) throws Exception {
        long appended = Long.parseLong(scalar(url, settings, "SELECT coalesce(max(globalindex), 0) FROM domainevententry"));
        while (queries.get("/v1/admin/projections").json().path("position").asLong() < appended) {
            Thread.sleep(200);
        }
    }

    /**
     * Rows in the store by who writes them: the command side's (events, receipts, hash links,
     * snapshots) and the projections' (every {@code qs_} table); "events" alone counts the debits.
     */
    private static Map<String, Long> rowCounts(String url, Settings settings) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("events", Long.parseLong(scalar(url, settings, "SELECT count(*) FROM domainevententry")));
        counts.put("commandSide", Long.parseLong(scalar(url, settings, "SELECT (SELECT count(*) FROM domainevententry) "
                + "+ (SELECT count(*) FROM usage_receipt) + (SELECT count(*) FROM event_hash) "
                + "+ (SELECT count(*) FROM snapshotevententry)")));
        String projections = scalar(url, settings, "SELECT string_agg('(SELECT count(*) FROM ' || table_name || ')', ' + ') "
                + "FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'qs\\_%'");
        counts.put("projections", Long.parseLong(scalar(url, settings, "SELECT " + projections)));
        return counts;
    }

    private static String scalar(String url, Settings settings, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, settings.user(), settings.password());
             Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static double ratio(double value, double baseline) {
        return Math.round(value / baseline * 1000) / 1000.0;
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** A share (0..1) as a percentage with one decimal. */
    private static double percent(double share) {
        return round(share * 100);
    }

    private static void log(String message) {
        System.out.println("[benchmark " + Instant.now() + "] " + message);
    }

    /** Unique keys without the cost of random UUIDs. */
    static final class UUIDish {
        private static final AtomicInteger COUNTER = new AtomicInteger();

        static String next() {
            return Long.toString(System.nanoTime(), 36) + "-" + COUNTER.incrementAndGet();
        }
    }
}
