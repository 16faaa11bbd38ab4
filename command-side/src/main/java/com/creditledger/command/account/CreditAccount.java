package com.creditledger.command.account;

import com.creditledger.command.model.lot.Lot;
import com.creditledger.command.model.lot.LotDraws;
import com.creditledger.command.model.refund.RefundApproval;
import com.creditledger.command.model.refund.RefundPlan;
import com.creditledger.command.model.topup.BonusSchedule;
import com.creditledger.command.model.topup.TopUpPlan;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.Metadata;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.account.AccountClosed;
import com.creditledger.kernel.account.AccountOpened;
import com.creditledger.kernel.account.AccountReactivated;
import com.creditledger.kernel.account.AccountStatus;
import com.creditledger.kernel.account.AccountSuspended;
import com.creditledger.kernel.account.BillingMode;
import com.creditledger.kernel.account.CloseAccount;
import com.creditledger.kernel.account.CreditTerms;
import com.creditledger.kernel.account.OpenAccount;
import com.creditledger.kernel.account.ReactivateAccount;
import com.creditledger.kernel.account.SuspendAccount;
import com.creditledger.kernel.expiry.CreditExpired;
import com.creditledger.kernel.expiry.ExpireLot;
import com.creditledger.kernel.lot.CumulativeRounding;
import com.creditledger.kernel.refund.ApproveRefund;
import com.creditledger.kernel.refund.CancelRefund;
import com.creditledger.kernel.refund.LotRefund;
import com.creditledger.kernel.refund.RefundCancelled;
import com.creditledger.kernel.refund.RefundCredit;
import com.creditledger.kernel.refund.RefundRejected;
import com.creditledger.kernel.refund.RefundRequested;
import com.creditledger.kernel.refund.Refunded;
import com.creditledger.kernel.refund.RejectRefund;
import com.creditledger.kernel.topup.LotGranted;
import com.creditledger.kernel.topup.PurchaseTopUp;
import com.creditledger.kernel.topup.TopUpPurchased;
import com.creditledger.kernel.usage.Draw;
import com.creditledger.kernel.usage.IssuedReceipt;
import com.creditledger.kernel.usage.UsageDebited;
import com.creditledger.kernel.usage.UsageOutcome;
import com.creditledger.kernel.usage.UsageReceipt;
import com.creditledger.kernel.usage.UsageRecord;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A customer's credit account: decides top-ups, usage debits, expiries and refunds and records
 * them as events. Its state is only what the decisions need (lots, overage, top-ups and refunds
 * by id); usage idempotency keys live in {@code UsageReceipts} so the aggregate stays small, read
 * and written around it by {@code UsageCharging}: the account decides on memory alone.
 */
@Aggregate(snapshotTriggerDefinition = "accountSnapshotTrigger", cache = "accountCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class CreditAccount {

    @AggregateIdentifier
    private String accountId;
    private String currency;
    private BillingMode billingMode;
    private Credits overdraftLimit;
    private CreditTerms creditTerms;
    private AccountStatus status;
    private Map<String, Lot> lots = new LinkedHashMap<>();
    private Map<String, TopUpPurchased> topUps = new HashMap<>();
    private Map<String, Refunded> refunds = new HashMap<>();
    private Map<String, RefundRequested> pendingRefunds = new HashMap<>();
    /** Refunds rejected or cancelled: their ids are spent, and a repeated "no" answers the same. */
    private Map<String, Object> withdrawnRefunds = new HashMap<>();
    /**
     * The first instant of the account's business life: its opening, or an earlier top-up's purchase
     * (top-ups may be recorded back-dated). Usage before it belongs to no account.
     */
    private Instant businessStart;
    /** The negative balance: usage no lot covered, not yet netted by a top-up. */
    private Credits overage = Credits.ZERO;
    /** Every credit ever charged at list price (overage and postpaid), for cumulative rounding to cents. */
    private Credits chargedAtList = Credits.ZERO;
    private Money overageReceivable = Money.ZERO;

    protected CreditAccount() {
        // for Axon
    }

    /** Opening is idempotent: the same request again is a no-op, different terms for an existing id a conflict. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AccountOpened handle(OpenAccount command) {
        AccountOpened opened = new AccountOpened(command.accountId(), command.currency(), command.billingMode(),
                command.overdraftLimit(), command.creditTerms(), command.openedAt());
        if (accountId == null) {
            apply(opened);
            return opened;
        }
        boolean sameTerms = currency.equals(command.currency()) && billingMode == command.billingMode()
                && overdraftLimit.equals(command.overdraftLimit()) && creditTerms.equals(command.creditTerms());
        if (!sameTerms) {
            throw new LedgerRejection(RejectionCode.ACCOUNT_EXISTS, "accountId",
                    "account " + accountId + " already exists with other terms");
        }
        return opened;
    }

    @CommandHandler
    public void handle(SuspendAccount command) {
        requireNotClosed();
        if (status == AccountStatus.ACTIVE) {
            apply(new AccountSuspended(accountId, command.reason(), command.at()));
        }
    }

    @CommandHandler
    public void handle(ReactivateAccount command) {
        requireNotClosed();
        if (status == AccountStatus.SUSPENDED) {
            apply(new AccountReactivated(accountId, command.reason(), command.at()));
        }
    }

    @CommandHandler
    public void handle(CloseAccount command) {
        if (status != AccountStatus.CLOSED) {
            apply(new AccountClosed(accountId, command.reason(), command.at()));
        }
    }

    @CommandHandler
    public TopUpPurchased handle(PurchaseTopUp command, BonusSchedule bonusSchedule) {
        TopUpPurchased earlier = topUps.get(command.topUpId());
        if (earlier != null) {
            return replay(earlier, earlier.requestDigest(), command.requestDigest(), "topUpId");
        }
        requireNotClosed();
        if (billingMode == BillingMode.POSTPAID) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "accountId",
                    "a postpaid account is invoiced and takes no top-ups");
        }
        TopUpPurchased purchased = TopUpPlan.plan(accountId, command, creditTerms, bonusSchedule, overage,
                overageReceivable);
        apply(purchased);
        return purchased;
    }

    /** What a usage command decided: an outcome per record, and the receipts newly issued. */
    public record Charged(List<UsageOutcome> outcomes, List<IssuedReceipt> issued) {
    }

    /**
     * Debits each record, or replays the receipt already issued for its key. Called
     * by {@code UsageCharging}, which reads the receipts before and writes the new ones after.
     */
    public Charged charge(List<UsageRecord> records, Map<String, IssuedReceipt> alreadyIssued) {
        Map<String, IssuedReceipt> known = new HashMap<>(alreadyIssued);
        List<IssuedReceipt> issued = new ArrayList<>();
        List<UsageOutcome> outcomes = new ArrayList<>(records.size());
        for (UsageRecord usage : records) {
            IssuedReceipt earlier = known.get(usage.idempotencyKey());
            try {
                if (earlier != null) {
                    outcomes.add(UsageOutcome.replayed(
                            replay(earlier.receipt(), earlier.requestDigest(), usage.requestDigest(), "idempotencyKey")));
                    continue;
                }
                UsageReceipt receipt = debit(usage);
                IssuedReceipt now = new IssuedReceipt(usage.idempotencyKey(), usage.requestDigest(), receipt);
                known.put(usage.idempotencyKey(), now);
                issued.add(now);
                outcomes.add(UsageOutcome.accepted(receipt));
            } catch (LedgerRejection rejection) {
                outcomes.add(UsageOutcome.rejected(rejection));
            }
        }
        return new Charged(outcomes, issued);
    }

    private UsageReceipt debit(UsageRecord usage) {
        if (status != AccountStatus.ACTIVE) {
            throw new LedgerRejection(status == AccountStatus.CLOSED ? RejectionCode.ACCOUNT_CLOSED
                    : RejectionCode.ACCOUNT_SUSPENDED, "accountId", "account " + accountId + " is " + status);
        }
        if (businessStart != null && usage.occurredAt().isBefore(businessStart)) {
            throw new LedgerRejection(RejectionCode.BEFORE_ACCOUNT_OPENED, "occurredAt", "account " + accountId
                    + " was opened at " + businessStart + "; usage at " + usage.occurredAt() + " cannot be its own");
        }
        Credits amount = usage.amount();
        List<Draw> draws = List.of();
        Credits uncovered = amount;
        if (billingMode == BillingMode.PREPAID) {
            LotDraws lotDraws = LotDraws.draw(lots.values(), amount, usage.occurredAt());
            draws = lotDraws.draws();
            uncovered = lotDraws.uncovered();
            if (overage.plus(uncovered).exceeds(overdraftLimit)) {
                throw new LedgerRejection(RejectionCode.INSUFFICIENT_CREDIT, "amount", "the call costs " + amount
                        + " credits; " + availableAt(usage.occurredAt()).plus(overdraftLimit).minus(overage)
                        + " are available including overdraft");
            }
        }
        Money atListRevenue = CumulativeRounding.atListPrice(chargedAtList, uncovered);
        boolean postpaid = billingMode == BillingMode.POSTPAID;
        apply(new UsageDebited(accountId, usage.idempotencyKey(), usage.requestId(), usage.apiKeyId(), usage.model(),
                usage.tokens(), usage.pricing(), amount, usage.occurredAt(), draws,
                postpaid ? Credits.ZERO : uncovered,
                postpaid ? Money.ZERO : atListRevenue,
                postpaid ? atListRevenue : Money.ZERO,
                usage.requestDigest()));
        return new UsageReceipt(usage.idempotencyKey(), amount, availableAt(usage.occurredAt()), draws,
                postpaid ? Credits.ZERO : uncovered);
    }

    /** The balance the account shows at {@code at}: usable lot credit less the overage owed. */
    private Credits availableAt(Instant at) {
        return LotDraws.available(lots.values(), at).minus(overage);
    }

    @CommandHandler
    public void handle(ExpireLot command) {
        Lot lot = lots.get(command.lotId());
        if (lot == null) {
            throw new LedgerRejection(RejectionCode.LOT_NOT_FOUND, "lotId", "no lot " + command.lotId());
        }
        if (lot.expired()) {
            return; // expiry is restart-safe: a second request for the same lot changes nothing
        }
        if (lot.expiresAt().isAfter(command.asOf())) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "asOf",
                    "lot " + lot.lotId() + " expires only at " + lot.expiresAt());
        }
        apply(new CreditExpired(accountId, lot.lotId(), lot.topUpId(), lot.remaining(),
                lot.cashReleasedBy(lot.remaining()), lot.expiresAt()));
    }

    /** @return the {@link Refunded}, or the {@link RefundRequested} when a second key must approve it */
    @CommandHandler
    public Object handle(RefundCredit command, RefundApproval approval, @MetaDataValue(Metadata.ACTOR) String actor) {
        Refunded earlier = refunds.get(command.refundId());
        if (earlier != null) {
            return replay(earlier, earlier.requestDigest(), command.requestDigest(), "refundId");
        }
        RefundRequested pending = pendingRefunds.get(command.refundId());
        if (pending != null) {
            return replay(pending, pending.requestDigest(), command.requestDigest(), "refundId");
        }
        if (withdrawnRefunds.containsKey(command.refundId())) {
            throw new LedgerRejection(RejectionCode.REFUND_CLOSED, "refundId",
                    "refund " + command.refundId() + " was rejected or cancelled; use a new refundId");
        }
        List<LotRefund> parts = refundOf(command.topUpId(), command.credits(), command.requestedAt());
        Money cash = parts.stream().map(LotRefund::cash).reduce(Money.ZERO, Money::plus);
        if (approval.isNeededFor(cash)) {
            RefundRequested requested = new RefundRequested(accountId, command.refundId(), command.topUpId(),
                    command.credits(), cash, command.reason(), command.requestedAt(), actor, command.requestDigest());
            apply(requested);
            return requested;
        }
        return refund(command.refundId(), command.topUpId(), parts, command.reason(), command.requestedAt(),
                command.requestDigest(), actor, null);
    }

    /** The refund is planned again at approval, on the credit left then. */
    @CommandHandler
    public Refunded handle(ApproveRefund command, @MetaDataValue(Metadata.ACTOR) String actor) {
        Refunded done = refunds.get(command.refundId());
        if (done != null && Objects.equals(done.approvedBy(), actor)) {
            return done;
        }
        RefundRequested pending = pendingOrRefuse(command.refundId());
        if (Objects.equals(pending.requestedBy(), actor)) {
            throw new LedgerRejection(RejectionCode.APPROVER_IS_REQUESTER, "refundId",
                    "the key that requested a refund may not approve it");
        }
        return refund(pending.refundId(), pending.topUpId(),
                refundOf(pending.topUpId(), pending.credits(), command.approvedAt()), pending.reason(),
                command.approvedAt(), pending.requestDigest(), pending.requestedBy(), actor);
    }

    /** A finance key refuses a pending refund; repeating the same "no" answers it again. */
    @CommandHandler
    public RefundRejected handle(RejectRefund command, @MetaDataValue(Metadata.ACTOR) String actor) {
        if (withdrawnRefunds.get(command.refundId()) instanceof RefundRejected done
                && Objects.equals(done.rejectedBy(), actor)) {
            return done;
        }
        RefundRequested pending = pendingOrRefuse(command.refundId());
        if (Objects.equals(pending.requestedBy(), actor)) {
            throw new LedgerRejection(RejectionCode.APPROVER_IS_REQUESTER, "refundId",
                    "the key that requested a refund may not decide it; cancel it instead");
        }
        RefundRejected rejected = new RefundRejected(accountId, pending.refundId(), pending.topUpId(),
                command.reason(), command.rejectedAt(), pending.requestedBy(), actor);
        apply(rejected);
        return rejected;
    }

    /** Only the key that requested a pending refund may withdraw it. */
    @CommandHandler
    public RefundCancelled handle(CancelRefund command, @MetaDataValue(Metadata.ACTOR) String actor) {
        if (withdrawnRefunds.get(command.refundId()) instanceof RefundCancelled done
                && Objects.equals(done.cancelledBy(), actor)) {
            return done;
        }
        RefundRequested pending = pendingOrRefuse(command.refundId());
        if (!Objects.equals(pending.requestedBy(), actor)) {
            throw new LedgerRejection(RejectionCode.NOT_THE_REQUESTER, "refundId",
                    "only the key that requested refund " + command.refundId() + " may cancel it");
        }
        RefundCancelled cancelled = new RefundCancelled(accountId, pending.refundId(), pending.topUpId(),
                command.cancelledAt(), actor);
        apply(cancelled);
        return cancelled;
    }

    private RefundRequested pendingOrRefuse(String refundId) {
        RefundRequested pending = pendingRefunds.get(refundId);
        if (pending == null) {
            throw new LedgerRejection(RejectionCode.REFUND_NOT_PENDING, "refundId",
                    "no refund " + refundId + " is waiting for approval");
        }
        return pending;
    }

    private List<LotRefund> refundOf(String topUpId, Credits credits, Instant at) {
        if (!topUps.containsKey(topUpId)) {
            throw new LedgerRejection(RejectionCode.TOP_UP_NOT_FOUND, "topUpId", "no top-up " + topUpId);
        }
        List<Lot> lotsOfTopUp = lots.values().stream().filter(lot -> lot.topUpId().equals(topUpId)).toList();
        return RefundPlan.plan(lotsOfTopUp, credits, at);
    }

    private Refunded refund(String refundId, String topUpId, List<LotRefund> parts, String reason, Instant at,
                            String requestDigest, String requestedBy, String approvedBy) {
        Refunded refunded = new Refunded(accountId, refundId, topUpId,
                parts.stream().map(LotRefund::credits).reduce(Credits.ZERO, Credits::plus),
                parts.stream().map(LotRefund::cash).reduce(Money.ZERO, Money::plus),
                parts, reason, at, requestDigest, requestedBy, approvedBy);
        apply(refunded);
        return refunded;
    }

    /** A retried request gets its original result; the same id with a different request is a conflict. */
    private static <T> T replay(T original, String originalDigest, String digest, String field) {
        if (!Objects.equals(originalDigest, digest)) {
            throw new LedgerRejection(RejectionCode.IDEMPOTENCY_CONFLICT, field,
                    field + " was already used for a different request");
        }
        return original;
    }

    private void requireNotClosed() {
        if (status == AccountStatus.CLOSED) {
            throw new LedgerRejection(RejectionCode.ACCOUNT_CLOSED, "accountId", "account " + accountId + " is closed");
        }
    }

    @EventSourcingHandler
    void on(AccountOpened event) {
        accountId = event.accountId();
        currency = event.currency();
        billingMode = event.billingMode();
        overdraftLimit = event.overdraftLimit();
        creditTerms = event.creditTerms();
        status = AccountStatus.ACTIVE;
        businessStart = earlierOf(businessStart, event.openedAt());
    }

    private static Instant earlierOf(Instant known, Instant candidate) {
        return known == null || candidate.isBefore(known) ? candidate : known;
    }

    @EventSourcingHandler
    void on(AccountSuspended event) {
        status = AccountStatus.SUSPENDED;
    }

    @EventSourcingHandler
    void on(AccountReactivated event) {
        status = AccountStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(AccountClosed event) {
        status = AccountStatus.CLOSED;
    }

    @EventSourcingHandler
    void on(TopUpPurchased event) {
        topUps.put(event.topUpId(), event);
        businessStart = earlierOf(businessStart, event.purchasedAt());
        for (LotGranted granted : event.lots()) {
            lots.put(granted.lotId(), Lot.granted(event.topUpId(), granted));
        }
        overage = overage.minus(event.overageNetted());
        overageReceivable = overageReceivable.minus(event.receivableSettled());
    }

    @EventSourcingHandler
    void on(UsageDebited event) {
        for (Draw draw : event.draws()) {
            release(draw.lotId(), draw.credits());
        }
        overage = overage.plus(event.overage());
        overageReceivable = overageReceivable.plus(event.overageRevenue());
        chargedAtList = chargedAtList.plus(billingMode == BillingMode.POSTPAID ? event.amount() : event.overage());
    }

    @EventSourcingHandler
    void on(CreditExpired event) {
        lots.put(event.lotId(), lots.get(event.lotId()).afterExpiry());
    }

    @EventSourcingHandler
    void on(RefundRequested event) {
        pendingRefunds.put(event.refundId(), event);
    }

    @EventSourcingHandler
    void on(RefundRejected event) {
        pendingRefunds.remove(event.refundId());
        withdrawnRefunds.put(event.refundId(), event);
    }

    @EventSourcingHandler
    void on(RefundCancelled event) {
        pendingRefunds.remove(event.refundId());
        withdrawnRefunds.put(event.refundId(), event);
    }

    @EventSourcingHandler
    void on(Refunded event) {
        pendingRefunds.remove(event.refundId());
        refunds.put(event.refundId(), event);
        for (LotRefund part : event.lots()) {
            release(part.lotId(), part.credits());
        }
    }

    private void release(String lotId, Credits credits) {
        lots.put(lotId, lots.get(lotId).afterRelease(credits));
    }
}
