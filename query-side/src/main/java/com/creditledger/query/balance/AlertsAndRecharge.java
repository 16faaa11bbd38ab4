package com.creditledger.query.balance;

import com.creditledger.query.projection.StoredEventJson;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.creditledger.query.projection.Projections.utc;

/**
 * What an account acts on, as its history stands at an instant: its alert rules and the balance
 * thresholds it is below, its auto-recharge settings and where a recharge stands. Read from the
 * account's history (these facts are few), so it needs no table of its own and answers
 * {@code asOf} like the rest of the balance.
 */
@Component
class AlertsAndRecharge {

    private static final List<Integer> DEFAULT_NOTICE_DAYS = List.of(60, 7, 1);

    private final JdbcTemplate jdbc;

    AlertsAndRecharge(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The rules in force and the thresholds available credit is below (each crossed down, not yet back up). */
    record Alerts(Object balanceBelow, Object spendPercent, Object expiryNoticeDays, List<String> below) {
    }

    /**
     * {@code status}: {@code off} (never set, or set disabled), {@code idle}, {@code requested} (a
     * request in flight: {@code requestId}, {@code requestedAmount}), {@code disabled} (after declines).
     */
    record AutoRecharge(JsonNode settings, String status, String requestId, String requestedAmount,
                        int consecutiveFailures) {
    }

    record State(Alerts alerts, AutoRecharge autoRecharge) {
    }

    State at(String accountId, Instant at, Instant knownAt) {
        List<Map.Entry<String, JsonNode>> facts = new ArrayList<>();
        jdbc.query("""
                SELECT h.event_type, convert_from(e.payload, 'UTF8') AS detail FROM qs_history h
                JOIN domainevententry e ON e.globalindex = h.global_index
                WHERE h.account_id = ? AND h.business_time <= ? AND h.recorded_at <= ? AND h.event_type IN ('AlertRulesSet',
                  'BalanceThresholdCrossed', 'AutoRechargeSet', 'AutoRechargeRequested', 'AutoRechargeCompleted',
                  'AutoRechargeFailed', 'AutoRechargeDisabled')
                ORDER BY h.global_index""",
                row -> {
                    facts.add(Map.entry(row.getString("event_type"), StoredEventJson.read(row.getString("detail"))));
                }, accountId, utc(at), utc(knownAt));
        JsonNode rules = null;
        Map<String, Boolean> below = new TreeMap<>();
        JsonNode settings = null;
        String status = "off";
        String requestId = null;
        String requestedAmount = null;
        int failures = 0;
        for (Map.Entry<String, JsonNode> fact : facts) {
            JsonNode event = fact.getValue();
            switch (fact.getKey()) {
                case "AlertRulesSet" -> rules = event;
                case "BalanceThresholdCrossed" -> below.put(event.path("threshold").asText(),
                        "DOWN".equals(event.path("direction").asText()));
                case "AutoRechargeSet" -> {
                    settings = event.path("settings");
                    boolean enabled = settings.path("enabled").asBoolean();
                    status = !enabled ? "off" : requestId != null ? "requested" : "idle";
                    failures = enabled ? 0 : failures;
                }
                case "AutoRechargeRequested" -> {
                    status = "requested";
                    requestId = event.path("requestId").asText();
                    requestedAmount = event.path("amount").asText();
                }
                case "AutoRechargeCompleted", "AutoRechargeFailed" -> {
                    requestId = null;
                    requestedAmount = null;
                    failures = event.path("consecutiveFailures").asInt(0);
                    status = "disabled".equals(status) ? status : "idle";
                }
                case "AutoRechargeDisabled" -> status = "disabled";
                default -> throw new IllegalStateException("not asked for: " + fact.getKey());
            }
        }
        Alerts alerts = new Alerts(rules == null ? List.of() : rules.path("balanceBelow"),
                rules == null ? List.of() : rules.path("spendPercent"),
                rules == null ? DEFAULT_NOTICE_DAYS : rules.path("expiryNoticeDays"),
                below.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList());
        return new State(alerts, settings == null ? null
                : new AutoRecharge(settings, status, requestId, requestedAmount, failures));
    }
}
