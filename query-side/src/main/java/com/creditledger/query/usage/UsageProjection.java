package com.creditledger.query.usage;

import com.creditledger.kernel.account.BillingMode;
import com.creditledger.kernel.usage.UsageDebited;
import com.creditledger.kernel.value.Credits;
import com.creditledger.query.balance.AccountTerms;
import com.creditledger.query.projection.PendingWrites;
import com.creditledger.query.projection.Projections;
import com.creditledger.query.projection.Recorded;
import com.creditledger.query.projection.Redelivery;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.YearMonth;

import static com.creditledger.query.projection.Projections.utc;

/**
 * Usage as charged, by account and idempotency key, for traces, postpaid invoices and the
 * account's history (a debit's row there is this one). Tokens,
 * pricing and draws stay in the stored event (read by position when asked for), not copied here.
 */
@Component
@ProcessingGroup(Projections.GROUP)
class UsageProjection {

    private static final PendingWrites.Statement USAGE = Redelivery.rowPerEvent(70, "qs_usage",
            "account_id, idempotency_key, event_id, global_index, request_id, api_key_id, model, occurred_at, amount, "
                    + "overage, postpaid_revenue, rate_card_version, actor, invoice_month, recorded_at, balance_delta",
            "account_id, idempotency_key", "event_id");

    private final JdbcTemplate jdbc;
    private final PendingWrites writes;
    private final AccountTerms terms;

    UsageProjection(JdbcTemplate jdbc, PendingWrites writes, AccountTerms terms) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.terms = terms;
    }

    @EventHandler
    void on(UsageDebited event, EventMessage<?> message) {
        Recorded recorded = Recorded.of(message);
        writes.add(USAGE, event.accountId(), event.idempotencyKey(), recorded.eventId(), recorded.globalIndex(), event.requestId(),
                event.apiKeyId(), event.model(), utc(event.occurredAt()), event.amount().toBigDecimal(),
                event.overage().toBigDecimal(), event.postpaidRevenue().toBigDecimal(),
                event.pricing() == null ? null : event.pricing().rateCardVersion(), recorded.actor(),
                terms.of(event.accountId()).billingMode() == BillingMode.POSTPAID
                        ? YearMonth.parse(event.billedIn()).atDay(1) : null,
                utc(recorded.recordedAt()), Credits.ZERO.minus(event.balanceCharged()).toBigDecimal());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE qs_usage");
    }
}
