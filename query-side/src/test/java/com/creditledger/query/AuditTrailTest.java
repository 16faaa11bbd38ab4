package com.creditledger.query;

import com.creditledger.query.audit.VerifyEventChain;
import com.creditledger.testsupport.FreshDatabase;
import com.creditledger.testsupport.LedgerClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who did what, and proof nothing was changed since: maker–checker on a large refund, the actor
 * of every event in history and traces, and the hash chain catching a payload altered in PostgreSQL.
 */
// a ledger (context and database) of this class's own: its history must not meet another test's
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.application.name=AuditTrailTest")
@ContextConfiguration(initializers = FreshDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTrailTest extends LedgerScenario {

    private final Map<String, LedgerClient> commandsAs = new HashMap<>();
    private final Map<String, String> keyIds = new HashMap<>();
    private LedgerClient auditor;

    @BeforeAll
    void keysForEveryone() {
        startCommandSide();
        LedgerClient admin = commands;
        for (String role : new String[]{"INGEST", "SUPPORT", "FINANCE", "AUDITOR"}) {
            LedgerClient.Response key = admin.post("/v1/admin/api-keys", "{\"role\":\"" + role + "\"}");
            assertThat(key.status()).isEqualTo(201);
            keyIds.put(role, key.text("keyId"));
            commandsAs.put(role, admin.withKey(key.text("token")));
        }
        auditor = new LedgerClient(port).withKey(commandsAs.get("AUDITOR").apiKey());
        LedgerClient ingest = commandsAs.get("INGEST");
        assertThat(ingest.openAccount("audited").status()).isEqualTo(201);
        assertThat(ingest.openAccount("bystander").status()).isEqualTo(201);
        assertThat(ingest.topUp("audited", "t1", "4999.00").status()).isEqualTo(201);
        assertThat(ingest.topUp("bystander", "t1", "99.00").status()).isEqualTo(201);
        assertThat(ingest.debit("audited", "call-1", "10").status()).isEqualTo(201);
    }

    @Test
    @Order(1)
    void aLargeRefundNeedsASecondKeyAndTheRequesterCannotApproveIt() {
        LedgerClient.Response requested = commandsAs.get("SUPPORT").post("/v1/accounts/audited/refunds",
                "{\"refundId\":\"r1\",\"topUpId\":\"t1\",\"all\":true,\"reason\":\"churn\"}");
        assertThat(requested.status()).as(requested.raw()).isEqualTo(202);
        assertThat(requested.text("status")).isEqualTo("pending_approval");
        assertThat(requested.text("cashRefunded")).isEqualTo("4989.74"); // 4,999 − round(4,999 × 10 / 5,398.92) = 4,999 − 9.26

        LedgerClient.Response own = commandsAs.get("SUPPORT").post("/v1/accounts/audited/refunds/r1/approve", "");
        assertThat(own.status()).as("support may not approve at all").isEqualTo(403);
        LedgerClient.Response byAdminAsRequester = commandsAs.get("FINANCE").post("/v1/accounts/audited/refunds",
                "{\"refundId\":\"r2\",\"topUpId\":\"t1\",\"credits\":\"2000\"}");
        assertThat(byAdminAsRequester.status()).isEqualTo(202);
        LedgerClient.Response selfApproval = commandsAs.get("FINANCE").post("/v1/accounts/audited/refunds/r2/approve", "");
        assertThat(selfApproval.status()).isEqualTo(403);
        assertThat(selfApproval.text("code")).isEqualTo("approver_is_requester");

        LedgerClient.Response approved = commandsAs.get("FINANCE").post("/v1/accounts/audited/refunds/r1/approve", "");
        assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
        assertThat(approved.text("status")).isEqualTo("refunded");
        assertThat(approved.text("requestedBy")).isEqualTo(keyIds.get("SUPPORT"));
        assertThat(approved.text("approvedBy")).isEqualTo(keyIds.get("FINANCE"));
    }

    @Test
    @Order(2)
    void everyEventNamesItsActorInHistoryAndTraces() {
        long last = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        JsonNode history = auditor.get("/v1/accounts/audited/history?waitFor=" + last).body().path("events");
        Map<String, String> actorByType = new HashMap<>();
        history.forEach(event -> actorByType.put(event.path("type").asText(), event.path("actor").asText()));
        assertThat(actorByType).containsEntry("AccountOpened", keyIds.get("INGEST"))
                .containsEntry("UsageDebited", keyIds.get("INGEST"))
                .containsEntry("RefundRequested", keyIds.get("FINANCE"))
                .containsEntry("Refunded", keyIds.get("FINANCE"));
        assertThat(history.get(history.size() - 1).at("/event/requestedBy").asText()).isEqualTo(keyIds.get("SUPPORT"));
        assertThat(auditor.get("/v1/usage/audited/call-1/trace").body().at("/usage/actor").asText())
                .isEqualTo(keyIds.get("INGEST"));
    }

    /** A typo in an account id must read as "not found", never as a clean audit or an empty history. */
    @Test
    @Order(2)
    void unknownAccountsAndImpossibleRangesAreRefused() {
        assertThat(auditor.get("/v1/audit/verify?accountId=nobdy").status()).isEqualTo(404);
        assertThat(auditor.get("/v1/accounts/nobdy/history").text("code")).isEqualTo("account_not_found");
        LedgerClient.Response reversed = auditor.get(
                "/v1/accounts/audited/history?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.text("code")).isEqualTo("validation_failed");
        assertThat(auditor.get("/v1/accounts/audited/balance?waitFor=-1").text("code")).isEqualTo("validation_failed");
        assertThat(auditor.get("/v1/accounts/audited/balance?waitFor=abc").text("code")).isEqualTo("validation_failed");
    }

    @Test
    @Order(3)
    void theDatabaseRefusesToRewriteAnEvent() {
        assertThatThrownBy(() -> jdbc.update("UPDATE domainevententry SET payload = payload WHERE aggregateidentifier = 'audited'"))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM domainevententry WHERE aggregateidentifier = 'audited'"))
                .rootCause().hasMessageContaining("append-only");
        assertThat(auditor.get("/v1/audit/verify").body().path("intact").asBoolean()).isTrue();
        assertThat(cli()).startsWith("intact:");
    }

    @Test
    @Order(4)
    void anEventAlteredBehindTheLedgersBackIsFoundAtExactlyThatEvent() {
        long position = jdbc.queryForObject("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = 'audited' "
                + "AND sequencenumber = 1", Long.class); // the top-up
        jdbc.execute("ALTER TABLE domainevententry DISABLE TRIGGER domainevententry_append_only");
        try {
            // a superuser turns the top-up of 4,999.00 into 49.99 in the stored JSON
            jdbc.update("UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                    + "'\"amount\":\"4999.00\"', '\"amount\":\"49.99\"'), 'UTF8') WHERE globalindex = ?", position);
        } finally {
            jdbc.execute("ALTER TABLE domainevententry ENABLE TRIGGER domainevententry_append_only");
        }
        JsonNode account = auditor.get("/v1/audit/verify?accountId=audited").body();
        assertThat(account.path("intact").asBoolean()).isFalse();
        assertThat(account.at("/firstBrokenLink/aggregateId").asText()).isEqualTo("audited");
        assertThat(account.at("/firstBrokenLink/sequenceNumber").asLong()).isEqualTo(1);
        assertThat(account.at("/firstBrokenLink/position").asLong()).isEqualTo(position);
        assertThat(auditor.get("/v1/audit/verify?accountId=bystander").body().path("intact").asBoolean()).isTrue();
        assertThat(auditor.get("/v1/audit/verify").body().at("/firstBrokenLink/position").asLong()).isEqualTo(position);
        assertThat(cli()).startsWith("BROKEN at audited #1 (position " + position + ",");
    }

    @Test
    @Order(5)
    void aChangedActorIsFoundAtExactlyItsEvent() {
        long position = jdbc.queryForObject("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = 'bystander' "
                + "AND sequencenumber = 1", Long.class);
        assertThat(auditor.get("/v1/audit/verify?accountId=bystander").body().path("intact").asBoolean()).isTrue();
        jdbc.execute("ALTER TABLE domainevententry DISABLE TRIGGER domainevententry_append_only");
        try {
            // the payload is untouched: only who recorded the top-up is rewritten
            int changed = jdbc.update("UPDATE domainevententry SET metadata = convert_to(regexp_replace(convert_from("
                    + "metadata, 'UTF8'), '\"actor\":\"[^\"]*\"', '\"actor\":\"someone-else\"'), 'UTF8') "
                    + "WHERE globalindex = ? AND convert_from(metadata, 'UTF8') LIKE '%\"actor\"%'", position);
            assertThat(changed).isEqualTo(1);
        } finally {
            jdbc.execute("ALTER TABLE domainevententry ENABLE TRIGGER domainevententry_append_only");
        }
        JsonNode account = auditor.get("/v1/audit/verify?accountId=bystander").body();
        assertThat(account.path("intact").asBoolean()).isFalse();
        assertThat(account.at("/firstBrokenLink/sequenceNumber").asLong()).isEqualTo(1);
        assertThat(account.at("/firstBrokenLink/position").asLong()).isEqualTo(position);
    }

    private String cli() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VerifyEventChain.run(new String[]{environment.getProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password")}, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
