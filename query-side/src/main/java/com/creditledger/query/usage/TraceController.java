package com.creditledger.query.usage;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.query.invoice.Invoices;
import com.creditledger.query.journal.JournalLines;
import com.creditledger.query.projection.ReadEndpoint;
import com.creditledger.query.projection.StoredEventJson;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/**
 * An auditor's trace forward from one API call: the usage event (and the hold it captured, if
 * any), its draws, its journal lines, its invoice.
 */
@ReadEndpoint
class TraceController {

    private final JdbcTemplate jdbc;
    private final JournalLines journal;

    TraceController(JdbcTemplate jdbc, JournalLines journal) {
        this.jdbc = jdbc;
        this.journal = journal;
    }

    record Usage(String accountId, String idempotencyKey, String requestId, String apiKeyId, String model,
                 Instant occurredAt, Credits amount, Credits overage, String rateCardVersion, JsonNode tokens,
                 JsonNode pricing, String eventId, long position, String actor, String reservationId,
                 boolean beyondHold) {
    }

    record Trace(Usage usage, JsonNode draws, List<JournalLines.Line> journalLines, String invoiceId) {
    }

    /** The call and its stored event, read to the end before the journal lines are (one connection at a time). */
    @GetMapping("/v1/usage/{accountId}/{idempotencyKey}/trace")
    Trace trace(@PathVariable String accountId, @PathVariable String idempotencyKey) {
        List<Trace> traces = jdbc.query("""
                SELECT u.*, a.billing_mode, convert_from(e.payload, 'UTF8') AS event
                FROM qs_usage u JOIN qs_account a ON a.account_id = u.account_id
                JOIN domainevententry e ON e.globalindex = u.global_index
                WHERE u.account_id = ? AND u.idempotency_key = ?""", (rs, row) -> {
            JsonNode event = StoredEventJson.read(rs.getString("event"));
            Instant occurredAt = rs.getObject("occurred_at", OffsetDateTime.class).toInstant();
            Usage usage = new Usage(accountId, idempotencyKey, rs.getString("request_id"), rs.getString("api_key_id"),
                    rs.getString("model"), occurredAt, Credits.of(rs.getBigDecimal("amount")),
                    Credits.of(rs.getBigDecimal("overage")), rs.getString("rate_card_version"),
                    event.get("tokens"), event.get("pricing"), rs.getString("event_id"),
                    rs.getLong("global_index"), rs.getString("actor"),
                    event.hasNonNull("reservationId") ? event.get("reservationId").asText() : null,
                    event.path("beyondHold").asBoolean());
            String invoiceId = "POSTPAID".equals(rs.getString("billing_mode"))
                    ? Invoices.invoiceId(accountId, YearMonth.from(occurredAt.atOffset(ZoneOffset.UTC))) : null;
            return new Trace(usage, event.get("draws"), List.of(), invoiceId);
        }, accountId, idempotencyKey);
        if (traces.isEmpty()) {
            throw new LedgerRejection(RejectionCode.NOT_FOUND, "idempotencyKey",
                    "no usage " + idempotencyKey + " of account " + accountId);
        }
        Trace found = traces.get(0);
        return new Trace(found.usage(), found.draws(), journal.ofEvent(found.usage().position()), found.invoiceId());
    }
}
