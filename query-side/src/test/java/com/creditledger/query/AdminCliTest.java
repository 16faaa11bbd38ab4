package com.creditledger.query;

import com.creditledger.admin.LedgerAdmin;
import com.creditledger.testsupport.FreshDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every subcommand of {@code ./ledger-admin} against a running ledger (command side in its own
 * process, query side here), with the output and exit code an operator's script relies on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=AdminCliTest")
@ContextConfiguration(initializers = FreshDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminCliTest extends LedgerScenario {

    private record Run(int exit, String out, String err) {
    }

    @TempDir
    Path files;

    @BeforeAll
    void aLedgerWithTwoAccounts() {
        startCommandSide("--ledger.clock.mode=manual");
        at("2025-03-01T10:00:00Z");
        created(commands.openAccount("cli-a"));
        created(commands.openAccount("cli-b"));
        created(commands.topUp("cli-a", "t1", "999.00")); // 1,058.94 credits
        created(commands.topUp("cli-b", "t1", "99.00"));
        created(commands.debit("cli-a", "u1", "106.00")); // 106 × 50/53 = 100.00 of revenue
        awaitProjections();
    }

    @Test
    @Order(1)
    void keysAreCreatedListedAndRevoked() {
        Run created = admin("keys", "create", "finance", "--description=month-end close");
        assertThat(created.exit()).as(created.err()).isEqualTo(LedgerAdmin.OK);
        assertThat(created.out()).contains("role   FINANCE").containsPattern("token  \\S{20,}");
        String keyId = created.out().lines().filter(l -> l.startsWith("keyId")).findFirst().orElseThrow().substring(7);

        Run listed = admin("keys", "list");
        assertThat(listed.exit()).isEqualTo(LedgerAdmin.OK);
        assertThat(listed.out()).contains(keyId, "month-end close").doesNotContain(created.out().lines()
                .filter(l -> l.startsWith("token")).findFirst().orElseThrow().substring(7, 27));

        assertThat(admin("keys", "revoke", keyId).out()).isEqualTo("revoked " + keyId + "\n");
        Run customer = admin("keys", "create", "CUSTOMER", "--account=nobody");
        assertThat(customer.exit()).isEqualTo(LedgerAdmin.REFUSED);
        assertThat(customer.err()).contains("404 account_not_found");
    }

    @Test
    @Order(2)
    void verifyWalksEveryAccountAndNamesTheFirstBrokenLink() {
        Run all = admin("verify");
        assertThat(all.exit()).as(all.err()).isEqualTo(LedgerAdmin.OK);
        assertThat(all.out()).contains("verifying: 2/2 accounts", "intact: 2 accounts, 5 events"); // 2 opened, 2 top-ups, 1 debit
        assertThat(admin("verify", "cli-b").out()).contains("intact: 1 accounts, 2 events");

        long position = jdbc.queryForObject("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = 'cli-b' "
                + "AND sequencenumber = 1", Long.class);
        byte[] stored = jdbc.queryForObject("SELECT payload FROM domainevententry WHERE globalindex = ?", byte[].class,
                position);
        behindTheLedgersBack("UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                + "'\"amount\":\"99.00\"', '\"amount\":\"9.90\"'), 'UTF8') WHERE globalindex = ?", position);
        Run broken = admin("verify");
        assertThat(broken.exit()).isEqualTo(LedgerAdmin.FOUND_A_PROBLEM);
        assertThat(broken.out()).contains("BROKEN: account cli-b, event 1 (position " + position + ",");

        // the stored bytes put back, the chain holds again (and the replay below reads a whole store)
        behindTheLedgersBack("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", stored, position);
        assertThat(admin("verify").exit()).isEqualTo(LedgerAdmin.OK);
    }

    /** What only a database superuser can do: rewrite a stored event past the append-only trigger. */
    private void behindTheLedgersBack(String update, Object... arguments) {
        jdbc.execute("ALTER TABLE domainevententry DISABLE TRIGGER domainevententry_append_only");
        try {
            jdbc.update(update, arguments);
        } finally {
            jdbc.execute("ALTER TABLE domainevententry ENABLE TRIGGER domainevententry_append_only");
        }
    }

    @Test
    @Order(3)
    void replayRebuildsTheProjectionsAndSaysWhenTheyCaughtUp() {
        Run replayed = admin("replay", "--timeout=60");
        assertThat(replayed.exit()).as(replayed.out() + replayed.err()).isEqualTo(LedgerAdmin.OK);
        assertThat(replayed.out()).contains("replaying: ").containsPattern("caught up: \\d+ events in");
        // replayed on two segments, then merged back into the one the projections run on live
        awaitProjectionSegments(1);
        assertThat(queries.get("/v1/accounts/cli-a/balance").text("available")).isEqualTo("952.94");
    }

    @Test
    @Order(4)
    void exportWritesAReportAsCsv() throws Exception {
        Path csv = files.resolve("march.csv");
        Run exported = admin("export", "deferred-revenue", "--from=2025-03", "--to=2025-03", "--account=cli-a",
                "--out=" + csv);
        assertThat(exported.exit()).as(exported.err()).isEqualTo(LedgerAdmin.OK);
        assertThat(exported.out()).isEqualTo("deferred-revenue: 1 rows written to " + csv + "\n");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("period,currency,openingBalance,topUpCash,planFees,usageRevenue");
        assertThat(lines.get(1)).startsWith("2025-03,USD,0.00,999.00,0.00,100.00,");
        assertThat(admin("export", "trial-balance").out()).startsWith("currency,accountCode,debit,credit,balance");
    }

    @Test
    @Order(5)
    void wrongArgumentsAndAnUnreachableLedgerHaveTheirOwnExitCodes() {
        assertThat(admin("export", "everything").exit()).isEqualTo(LedgerAdmin.USAGE);
        assertThat(admin("keys", "rotate").exit()).isEqualTo(LedgerAdmin.USAGE);
        assertThat(admin("frobnicate").err()).contains("no command frobnicate", "usage: ledger-admin");
        Run down = run(List.of("--key=k", "--command-url=http://127.0.0.1:9", "keys", "list"));
        assertThat(down.exit()).isEqualTo(LedgerAdmin.UNREACHABLE);
        assertThat(down.err()).contains("no ledger at http://127.0.0.1:9/");
        assertThat(run(List.of("--query-url=http://127.0.0.1:" + port, "verify")).exit()).isEqualTo(LedgerAdmin.USAGE);
    }

    private Run admin(String... words) {
        List<String> args = new ArrayList<>(List.of("--key=" + commands.apiKey(),
                "--command-url=http://127.0.0.1:" + commandSide.port(), "--query-url=http://127.0.0.1:" + port));
        args.addAll(List.of(words));
        return run(args);
    }

    private static Run run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = LedgerAdmin.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
