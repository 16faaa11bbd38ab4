package com.creditledger.command.http;

import com.creditledger.command.CommandSideApplication;
import com.creditledger.testsupport.FreshDatabase;
import com.creditledger.testsupport.LedgerClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pre-expiry notices driven by the manual clock like expiry itself: each at exactly its instant,
 * once, with what is at risk, and none once the lot is gone.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.clock.mode=manual", "spring.application.name=ExpiryNoticesIntegrationTest"})
@ContextConfiguration(initializers = FreshDatabase.class)
class ExpiryNoticesIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void noticesSixtySevenAndOneDayBeforeExpiryEachOnceAtTheirInstant() {
        LedgerClient ledger = new LedgerClient(port);
        ledger.setClock("2025-01-01T10:00:00Z");
        ledger.openAccount("noticed");
        assertThat(ledger.topUp("noticed", "t1", "999.00").status()).isEqualTo(201); // expires 2026-01-01T10:00Z
        assertThat(ledger.debit("noticed", "c1", "100.00").status()).isEqualTo(201);

        assertThat(ledger.setClock("2025-11-02T09:59:59Z").body().path("expiryNotices").asInt()).isZero();
        assertThat(ledger.setClock("2025-11-02T10:00:00Z").body().path("expiryNotices").asInt()).isEqualTo(1);
        assertThat(ledger.setClock("2025-11-03T00:00:00Z").body().path("expiryNotices").asInt()).isZero();
        assertThat(ledger.setClock("2025-12-31T10:00:00Z").body().path("expiryNotices").asInt()).isEqualTo(2);
        assertThat(ledger.setClock("2026-01-02T00:00:00Z").body().path("lotsExpired").asInt()).isEqualTo(1);

        List<JsonNode> notices = new StoredEvents(jdbc).of("noticed", "LotExpiring");
        assertThat(notices).extracting(notice -> notice.path("daysBefore").asInt()).containsExactly(60, 7, 1);
        assertThat(notices).extracting(notice -> notice.path("noticeAt").asText())
                .containsExactly("2025-11-02T10:00:00Z", "2025-12-25T10:00:00Z", "2025-12-31T10:00:00Z");
        assertThat(notices.get(0).path("credits").asText()).isEqualTo("958.94");
        assertThat(notices.get(0).path("deferredAmount").asText()).isEqualTo("904.66");
    }
}
