package com.creditledger.command.account;

import com.creditledger.command.model.alert.Alerts;
import com.creditledger.command.model.recharge.AutoRecharge;
import com.creditledger.command.model.hold.ClosedHold;
import com.creditledger.command.model.hold.HoldBacking;
import com.creditledger.command.model.hold.OpenHold;
import com.creditledger.command.model.lot.Lot;
import com.creditledger.command.model.pricing.PriceList;
import com.creditledger.command.model.lot.LotDraws;
import com.creditledger.command.model.grant.GrantApproval;
import com.creditledger.command.model.invoice.Billing;
import com.creditledger.command.model.plan.Subscription;
import com.creditledger.command.model.refund.RefundApproval;
import com.creditledger.command.model.refund.RefundPlan;
import com.creditledger.command.model.spend.MonthlySpend;
import com.creditledger.kernel.topup.BonusSchedule;
import com.creditledger.command.model.topup.TopUpPlan;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.Metadata;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.account.AccountClosed;
import com.creditledger.kernel.alert.AlertRulesSet;
import com.creditledger.kernel.alert.BalanceThresholdCrossed;
import com.creditledger.kernel.alert.LotExpiring;
import com.creditledger.kernel.alert.NoticeLotExpiring;
import com.creditledger.kernel.alert.SetAlertRules;
import com.creditledger.kernel.alert.SpendThresholdReached;
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
import com.creditledger.kernel.recharge.AutoRechargeCompleted;
import com.creditledger.kernel.recharge.AutoRechargeDisabled;
import com.creditledger.kernel.recharge.AutoRechargeFailed;
import com.creditledger.kernel.recharge.AutoRechargeRequested;
import com.creditledger.kernel.recharge.AutoRechargeSet;
import com.creditledger.kernel.recharge.FailAutoRecharge;
import com.creditledger.kernel.recharge.SetAutoRecharge;
import com.creditledger.kernel.grant.ApproveGrant;
import com.creditledger.kernel.invoice.InvoiceIssued;
import com.creditledger.kernel.invoice.InvoicePaid;
import com.creditledger.kernel.invoice.IssueInvoice;
import com.creditledger.kernel.invoice.PayInvoice;
import com.creditledger.kernel.plan.CancelPlan;
import com.creditledger.kernel.plan.PlanCancelled;
import com.creditledger.kernel.plan.PlanRenewed;
import com.creditledger.kernel.plan.PlanSet;
import com.creditledger.kernel.plan.RenewPlan;
import com.creditledger.kernel.plan.SetPlan;
import com.creditledger.kernel.grant.CreditGranted;
import com.creditledger.kernel.grant.GrantCredit;
import com.creditledger.kernel.grant.GrantRequested;
import com.creditledger.kernel.refund.ApproveRefund;
import com.creditledger.kernel.reservation.Backing;
import com.creditledger.kernel.reservation.CreditReserved;
import com.creditledger.kernel.reservation.Earmark;
import com.creditledger.kernel.reservation.ExpireReservation;
import com.creditledger.kernel.reservation.ExtendReservation;
import com.creditledger.kernel.reservation.ReleaseReservation;
import com.creditledger.kernel.reservation.ReservationCaptured;
import com.creditledger.kernel.reservation.ReservationExpired;
import com.creditledger.kernel.reservation.ReservationExtended;
import com.creditledger.kernel.reservation.ReservationReleased;
import com.creditledger.kernel.reservation.ReserveCredit;
import com.creditledger.kernel.spendlimit.SetSpendLimit;
import com.creditledger.kernel.spendlimit.SpendLimitSet;
import com.creditledger.kernel.refund.CancelRefund;
import com.creditledger.kernel.refund.LotRefund;
import com.creditledger.kernel.refund.RefundCancelled;
import com.creditledger.kernel.refund.RefundCredit;
import com.creditledger.kernel.refund.RefundRejected;
import com.creditledger.kernel.refund.RefundRequested;
import com.creditledger.kernel.refund.Refunded;
import com.creditledger.kernel.refund.RejectRefund;
import com.creditledger.kernel.topup.LotGranted;
import com.creditledger.kernel.topup.LotKind;
import com.creditledger.kernel.topup.PurchaseTopUp;
import com.creditledger.kernel.topup.TopUpPurchased;
import com.creditledger.kernel.usage.Draw;
import com.creditledger.kernel.usage.IssuedReceipt;
import com.creditledger.kernel.usage.PricedDimension;
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

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A customer's credit account: decides top-ups, usage debits, expiries and refunds and records
 * them as events. Its state is only what the decisions need (lots, overage, top-ups and refunds
 * by id); usage idempotency keys live in {@code UsageReceipts} so the aggregate stays small, read
 * and written around it by {@code UsageCharging}: the account decides on memory alone.
 */
@Aggregate(repository = "accountRepository")
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
    private Map<String, CreditGranted> grants = new HashMap<>();
    private Map<String, GrantRequested> pendingGrants = new HashMap<>();
    private Billing billing = Billing.NONE;
    private Subscription plan = Subscription.NONE;
    /**
     * The first instant of the account's business life: its opening, or an earlier top-up's purchase
     * (top-ups may be recorded back-dated). Usage before it belongs to no account.
     */
    private Instant businessStart;
    /** Holds for calls in flight, by reservation id; their credit stays earmarked in {@code lots}. */
    private Map<String, OpenHold> holds = new LinkedHashMap<>();
    /** Holds that ended, so a retried reservation or a late capture gets its answer. */
    private Map<String, ClosedHold> closedHolds = new HashMap<>();
    private MonthlySpend spend = MonthlySpend.NONE;
    private Alerts alerts = Alerts.DEFAULT;
    private AutoRecharge recharge = AutoRecharge.NONE;
    /** Pre-expiry notices recorded, as {@code <lotId>@<days>}: each is recorded once. */
    private Set<String> noticed = new HashSet<>();
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
        String rechargeRequest = command.autoRechargeRequestId();
        if (rechargeRequest != null) {
            recharge.answering(rechargeRequest);
        }
        TopUpPurchased purchased = TopUpPlan.plan(accountId, command, creditTerms, bonusSchedule, overage,
                overageReceivable);
        apply(purchased);
        if (rechargeRequest != null) {
            apply(new AutoRechargeCompleted(accountId, rechargeRequest, purchased.topUpId(), purchased.amount(),
                    purchased.purchasedAt()));
        }
        act(command.purchasedAt());
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
                UsageReceipt receipt = usage.isCapture() ? capture(usage) : debit(usage);
                act(usage.occurredAt());
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
        requireActive();
        requireWithinBusinessLife(usage.occurredAt());
        Credits amount = usage.amount();
        admitSpend(usage.occurredAt(), amount);
        List<Draw> draws = List.of();
        Credits uncovered = amount;
        if (billingMode == BillingMode.PREPAID) {
            LotDraws lotDraws = LotDraws.draw(lots.values(), amount, usage.occurredAt());
            draws = lotDraws.draws();
            uncovered = lotDraws.uncovered();
            if (uncovered.exceeds(overdraftHeadroom())) {
                throw new LedgerRejection(RejectionCode.INSUFFICIENT_CREDIT, "amount", "the call costs " + amount
                        + " credits; " + availableAt(usage.occurredAt()).plus(overdraftHeadroom())
                        + " are available including overdraft");
            }
        }
        return charged(usage, draws, uncovered, false);
    }

    /** Records the charge of a call: its draws, and what they left uncovered as overage (prepaid). */
    private UsageReceipt charged(UsageRecord usage, List<Draw> draws, Credits uncovered, boolean beyondHold) {
        Money atListRevenue = CumulativeRounding.atListPrice(chargedAtList, uncovered);
        boolean postpaid = billingMode == BillingMode.POSTPAID;
        apply(new UsageDebited(accountId, usage.idempotencyKey(), usage.requestId(), usage.apiKeyId(), usage.model(),
                usage.tokens(), usage.pricing(), usage.amount(), usage.occurredAt(), draws,
                postpaid ? Credits.ZERO : uncovered,
                postpaid ? Money.ZERO : atListRevenue,
                postpaid ? atListRevenue : Money.ZERO,
                usage.requestDigest(), usage.reservationId(), beyondHold,
                postpaid ? billing.monthFor(usage.occurredAt()) : null));
        return new UsageReceipt(usage.idempotencyKey(), usage.amount(), availableAt(usage.occurredAt()), draws,
                postpaid ? Credits.ZERO : uncovered);
    }

    /** Overdraft a prepaid account may still use: its limit less the overage owed and held on the account. */
    private Credits overdraftHeadroom() {
        Credits heldOnAccount = holds.values().stream().map(hold -> hold.backing().onAccount())
                .reduce(Credits.ZERO, Credits::plus);
        Credits headroom = overdraftLimit.minus(overage).minus(heldOnAccount);
        return headroom.isNegative() ? Credits.ZERO : headroom;
    }

    /** Refuses {@code amount} more spend in the month of {@code at} beyond the limit (debits and open holds). */
    private void admitSpend(Instant at, Credits amount) {
        spend.admit(at, amount, heldIn(MonthlySpend.monthOf(at)));
    }

    /** The month's spend: debited, plus what open holds keep for it. */
    private Credits spentIn(YearMonth month) {
        return spend.spentIn(month, heldIn(month));
    }

    /** What the account's open holds count toward the spend of {@code month}. */
    private Credits heldIn(YearMonth month) {
        return holds.values().stream().filter(hold -> hold.month().equals(month)).map(OpenHold::held)
                .reduce(Credits.ZERO, Credits::plus);
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
        // holds backed by this lot expire no later than it, so they are due too: they end first
        for (OpenHold hold : List.copyOf(holds.values())) {
            if (hold.backing().earmarks().stream().anyMatch(earmark -> earmark.lotId().equals(lot.lotId()))) {
                apply(new ReservationExpired(accountId, hold.reservationId(), hold.held(), hold.expiresAt()));
            }
        }
        Lot expiring = lots.get(lot.lotId());
        apply(new CreditExpired(accountId, expiring.lotId(), expiring.topUpId(), expiring.remaining(),
                expiring.cashReleasedBy(expiring.remaining()), expiring.expiresAt()));
        act(expiring.expiresAt());
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

    @CommandHandler
    public InvoiceIssued handle(IssueInvoice command) {
        if (billingMode != BillingMode.POSTPAID) {
            throw new LedgerRejection(RejectionCode.NOT_FOUND, "invoiceId", "account " + accountId
                    + " is prepaid and has no invoices");
        }
        InvoiceIssued issued = billing.issue(accountId, YearMonth.parse(command.month()), command.netDays(),
                command.at());
        apply(issued);
        return issued;
    }

    /** A retried payment answers what was recorded; a payment never exceeds what the invoice owes. */
    @CommandHandler
    public InvoicePaid handle(PayInvoice command) {
        InvoicePaid paid = billing.pay(accountId, command.invoiceId(), command.paymentId(), command.amount(),
                command.paidAt());
        if (!billing.payments().containsValue(paid)) {
            apply(paid);
        }
        return paid;
    }

    @CommandHandler
    public PlanSet handle(SetPlan command) {
        requireNotClosed();
        if (billingMode == BillingMode.POSTPAID) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "accountId",
                    "a postpaid account is invoiced for its usage and takes no plan");
        }
        plan.requireStart(command.startsAt(), command.at());
        PlanSet terms = new PlanSet(accountId, command.monthlyFee(), command.includedCredits(), command.startsAt(),
                command.netDays(), command.at(), null);
        PlanSet recorded = terms.renewingIn(plan.afterSet(terms).nextRenewal());
        apply(recorded);
        return recorded;
    }

    /** The plan ends at the next month start not yet billed; the month under way keeps its credits. */
    @CommandHandler
    public PlanCancelled handle(CancelPlan command) {
        if (plan.nextRenewal() == null) {
            throw new LedgerRejection(RejectionCode.PLAN_NOT_IN_FORCE, "accountId", "account " + accountId
                    + " has no plan to cancel");
        }
        Instant ends = Subscription.startOf(plan.firstChangeable(command.at()));
        PlanCancelled cancelled = new PlanCancelled(accountId, ends, command.at(),
                plan.afterCancelled(ends).nextRenewal());
        apply(cancelled);
        return cancelled;
    }

    /** Bills a plan month at its start; a month already billed answers nothing new. */
    @CommandHandler
    public PlanRenewed handle(RenewPlan command) {
        YearMonth month = YearMonth.parse(command.month());
        if (plan.isBilled(month)) {
            return null;
        }
        PlanSet terms = plan.termsFor(month);
        if (terms == null || status == AccountStatus.CLOSED) {
            throw new LedgerRejection(RejectionCode.PLAN_NOT_IN_FORCE, "month", "no plan bills " + month);
        }
        Instant start = Subscription.startOf(month);
        LotGranted lot = new LotGranted(TopUpPlan.lotId("plan-" + month, LotKind.INCLUDED), LotKind.INCLUDED,
                terms.includedCredits(), Credits.ZERO, terms.monthlyFee(), start, Subscription.lastInstantOf(month), 0);
        PlanRenewed renewed = new PlanRenewed(accountId, month.toString(), Billing.invoiceId(accountId, month.toString()),
                lot, start, start.atOffset(ZoneOffset.UTC).plusDays(terms.netDays()).toInstant(),
                plan.afterRenewed(month).nextRenewal());
        apply(renewed);
        act(start);
        return renewed;
    }

    /** @return the {@link CreditGranted}, or the {@link GrantRequested} when a second key must approve it */
    @CommandHandler
    public Object handle(GrantCredit command, GrantApproval approval, @MetaDataValue(Metadata.ACTOR) String actor) {
        CreditGranted earlier = grants.get(command.grantId());
        if (earlier != null) {
            return replay(earlier, earlier.requestDigest(), command.requestDigest(), "grantId");
        }
        GrantRequested pending = pendingGrants.get(command.grantId());
        if (pending != null) {
            return replay(pending, pending.requestDigest(), command.requestDigest(), "grantId");
        }
        requireNotClosed();
        if (billingMode == BillingMode.POSTPAID) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "accountId",
                    "a postpaid account is invoiced and holds no credit to grant to");
        }
        requireExpiryAfter(command.expiresAt(), command.grantedAt());
        if (approval.isNeededFor(command.credits())) {
            GrantRequested requested = new GrantRequested(accountId, command.grantId(), command.credits(),
                    command.reason(), command.expiresAt(), command.priority(), command.grantedAt(), actor,
                    command.requestDigest());
            apply(requested);
            return requested;
        }
        return grant(command.grantId(), command.credits(), command.reason(), command.expiresAt(), command.priority(),
                command.grantedAt(), actor, null, command.requestDigest());
    }

    /** The lot is granted at approval. */
    @CommandHandler
    public CreditGranted handle(ApproveGrant command, @MetaDataValue(Metadata.ACTOR) String actor) {
        CreditGranted done = grants.get(command.grantId());
        if (done != null && Objects.equals(done.approvedBy(), actor)) {
            return done;
        }
        GrantRequested pending = pendingGrants.get(command.grantId());
        if (pending == null) {
            throw new LedgerRejection(RejectionCode.GRANT_NOT_PENDING, "grantId",
                    "no grant " + command.grantId() + " is waiting for approval");
        }
        if (Objects.equals(pending.requestedBy(), actor)) {
            throw new LedgerRejection(RejectionCode.APPROVER_IS_REQUESTER, "grantId",
                    "the key that requested a grant may not approve it");
        }
        requireExpiryAfter(pending.expiresAt(), command.approvedAt());
        return grant(pending.grantId(), pending.credits(), pending.reason(), pending.expiresAt(), pending.priority(),
                command.approvedAt(), pending.requestedBy(), actor, pending.requestDigest());
    }

    private CreditGranted grant(String grantId, Credits credits, String reason, Instant expiresAt, int priority,
                                Instant at, String grantedBy, String approvedBy, String requestDigest) {
        LotGranted lot = new LotGranted(TopUpPlan.lotId(grantId, LotKind.PROMOTIONAL), LotKind.PROMOTIONAL, credits,
                Credits.ZERO, Money.ZERO, at, expiresAt, priority);
        CreditGranted granted = new CreditGranted(accountId, grantId, reason, lot, grantedBy, approvedBy, at,
                requestDigest);
        apply(granted);
        act(at);
        return granted;
    }

    private static void requireExpiryAfter(Instant expiresAt, Instant at) {
        if (!expiresAt.isAfter(at)) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "expiresAt", "a grant must expire after it is made");
        }
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
        // promotional credit is never refunded: its lots carry the grant's id, not a top-up's
        List<Lot> lotsOfTopUp = lots.values().stream()
                .filter(lot -> lot.kind() != LotKind.PROMOTIONAL && lot.topUpId().equals(topUpId)).toList();
        return RefundPlan.plan(lotsOfTopUp, credits, at);
    }

    private Refunded refund(String refundId, String topUpId, List<LotRefund> parts, String reason, Instant at,
                            String requestDigest, String requestedBy, String approvedBy) {
        Refunded refunded = new Refunded(accountId, refundId, topUpId,
                parts.stream().map(LotRefund::credits).reduce(Credits.ZERO, Credits::plus),
                parts.stream().map(LotRefund::cash).reduce(Money.ZERO, Money::plus),
                parts, reason, at, requestDigest, requestedBy, approvedBy);
        apply(refunded);
        act(at);
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

    /** What a reservation answered: the hold, the balance left after it, and whether it was a retry. */
    public record Held(CreditReserved reserved, Credits available, boolean replayed) {
    }

    @CommandHandler
    public Held handle(ReserveCredit command) {
        OpenHold open = holds.get(command.reservationId());
        ClosedHold closed = closedHolds.get(command.reservationId());
        if (open != null || closed != null) {
            String digest = open != null ? open.requestDigest() : closed.requestDigest();
            replay(command.reservationId(), digest, command.requestDigest(), "reservationId");
            Credits held = open != null ? open.reserved() : closed.held();
            Instant expiresAt = open != null ? open.expiresAt() : closed.expiresAt();
            return new Held(new CreditReserved(accountId, command.reservationId(), command.model(), command.tokens(),
                    command.pricing(), held, new Backing(List.of(), held),
                    command.occurredAt(), expiresAt, digest), availableAt(command.occurredAt()), true);
        }
        requireActive();
        requireWithinBusinessLife(command.occurredAt());
        admitSpend(command.occurredAt(), command.amount());
        Backing backing = backingFor(lots.values(), command.amount(), command.occurredAt(), command.expiresAt());
        CreditReserved reserved = new CreditReserved(accountId, command.reservationId(), command.model(),
                command.tokens(), command.pricing(), command.amount(), backing, command.occurredAt(),
                command.expiresAt(), command.requestDigest());
        apply(reserved);
        act(command.occurredAt());
        return new Held(reserved, availableAt(command.occurredAt()), false);
    }

    @CommandHandler
    public ReservationExtended handle(ExtendReservation command) {
        OpenHold hold = openHold(command.reservationId(), command.at());
        Instant expiresAt = command.expiresAt() == null ? hold.expiresAt() : command.expiresAt();
        Credits added = command.amount();
        if (added == null) {
            if (hold.outputPricePerMillion() == null) {
                throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "maxOutputTokens",
                        "hold " + hold.reservationId() + " was taken for an amount: raise it by an amount");
            }
            added = PriceList.priceOf(command.maxOutputTokens(), hold.outputPricePerMillion());
        }
        admitSpend(hold.occurredAt(), added);
        Credits held = hold.held().plus(added);
        Backing backing = backingFor(lotsWithout(hold).values(), held, command.at(), expiresAt);
        ReservationExtended extended = new ReservationExtended(accountId, hold.reservationId(), added, held,
                backing, expiresAt, command.at());
        apply(extended);
        act(command.at());
        return extended;
    }

    @CommandHandler
    public ReservationReleased handle(ReleaseReservation command) {
        ClosedHold closed = closedHolds.get(command.reservationId());
        if (closed != null && closed.ending() == ClosedHold.Ending.RELEASED) {
            return new ReservationReleased(accountId, command.reservationId(), closed.held(), command.at());
        }
        OpenHold hold = openHold(command.reservationId(), null);
        ReservationReleased released = new ReservationReleased(accountId, hold.reservationId(), hold.held(), command.at());
        apply(released);
        act(command.at());
        return released;
    }

    /** Restart-safe like lot expiry: a hold already ended changes nothing. */
    @CommandHandler
    public void handle(ExpireReservation command) {
        OpenHold hold = holds.get(command.reservationId());
        if (hold == null) {
            if (!closedHolds.containsKey(command.reservationId())) {
                throw new LedgerRejection(RejectionCode.RESERVATION_NOT_FOUND, "reservationId",
                        "no reservation " + command.reservationId());
            }
            return;
        }
        if (hold.expiresAt().isAfter(command.asOf())) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "asOf",
                    "hold " + hold.reservationId() + " expires only at " + hold.expiresAt());
        }
        apply(new ReservationExpired(accountId, hold.reservationId(), hold.held(), hold.expiresAt()));
        act(hold.expiresAt());
    }

    /**
     * A notice is recorded once, at exactly its instant, and only if the account still asks for it
     * and the lot still has credit to lose; restart-safe like expiry.
     */
    @CommandHandler
    public void handle(NoticeLotExpiring command) {
        Lot lot = lots.get(command.lotId());
        if (lot == null) {
            throw new LedgerRejection(RejectionCode.LOT_NOT_FOUND, "lotId", "no lot " + command.lotId());
        }
        Instant due = lot.expiresAt().minus(Duration.ofDays(command.daysBefore()));
        if (noticed.contains(noticeOf(lot.lotId(), command.daysBefore())) || lot.expired() || lot.remaining().isZero()
                || !alerts.expiryNoticeDays().contains(command.daysBefore()) || !due.isAfter(lot.grantedAt())) {
            return;
        }
        if (due.isAfter(command.asOf())) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "asOf",
                    "the " + command.daysBefore() + "-day notice of lot " + lot.lotId() + " is due only at " + due);
        }
        apply(new LotExpiring(accountId, lot.lotId(), lot.remaining(), lot.cashReleasedBy(lot.remaining()),
                lot.expiresAt(), command.daysBefore(), due));
    }

    private static String noticeOf(String lotId, int daysBefore) {
        return lotId + "@" + daysBefore;
    }

    @CommandHandler
    public AlertRulesSet handle(SetAlertRules command) {
        requireNotClosed();
        AlertRulesSet set = new AlertRulesSet(accountId, command.balanceBelow(), command.spendPercent(),
                command.expiryNoticeDays(), command.at());
        apply(set);
        act(command.at());
        return set;
    }

    /**
     * Records what the decision just made owes, in the same transaction (never found later by a
     * poll): balance thresholds crossed either way, depletion, an auto-recharge request, spend
     * thresholds of the month.
     */
    private void act(Instant at) {
        // a postpaid account holds no credit: only its spend can be alerted on; and an account without
        // balance alerts costs a debit nothing here (no sum over its lots)
        if (billingMode == BillingMode.PREPAID && (alerts.watchesBalance() || recharge.inForce())) {
            Credits available = availableAt(at);
            for (Alerts.Crossing crossing : alerts.crossings(available)) {
                apply(new BalanceThresholdCrossed(accountId, crossing.threshold(), crossing.direction(), available, at));
            }
            recharge.due(available, at).ifPresent(cash -> apply(new AutoRechargeRequested(accountId,
                    recharge.nextRequestId(accountId), cash, available, at)));
        }
        if (spend.limit() != null && !alerts.spendPercent().isEmpty()) {
            YearMonth month = MonthlySpend.monthOf(at);
            Credits spent = spentIn(month);
            for (int percent : alerts.newlyReached(month.toString(), spent, spend.limit())) {
                apply(new SpendThresholdReached(accountId, percent, spent, spend.limit(), month.toString(), at));
            }
        }
    }

    @CommandHandler
    public AutoRechargeSet handle(SetAutoRecharge command) {
        requireNotClosed();
        if (billingMode == BillingMode.POSTPAID) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "accountId",
                    "a postpaid account is invoiced and takes no top-ups, so it cannot recharge");
        }
        AutoRechargeSet set = new AutoRechargeSet(accountId, command.settings(), command.at());
        apply(set);
        act(command.at());
        return set;
    }

    /**
     * A decline frees the account to ask again at its next decision; enough of them in a row disable
     * it. The same decline reported again (a provider's retry) gets the first answer.
     */
    @CommandHandler
    public AutoRechargeFailed handle(FailAutoRecharge command) {
        requireNotClosed();
        Optional<AutoRecharge.Ended> earlier = recharge.endOf(command.requestId()).filter(AutoRecharge.Ended::declined);
        if (earlier.isPresent()) {
            return new AutoRechargeFailed(accountId, command.requestId(), earlier.get().reason(),
                    earlier.get().failures(), command.at());
        }
        recharge.answering(command.requestId());
        int failures = recharge.consecutiveFailures() + 1;
        AutoRechargeFailed failed = new AutoRechargeFailed(accountId, command.requestId(), command.reason(), failures,
                command.at());
        apply(failed);
        if (recharge.disablesAt(failures)) {
            apply(new AutoRechargeDisabled(accountId, failures, command.at()));
        }
        return failed;
    }

    @CommandHandler
    public SpendLimitSet handle(SetSpendLimit command) {
        requireNotClosed();
        SpendLimitSet set = new SpendLimitSet(accountId, command.monthly(), command.at());
        if (!Objects.equals(spend.limit(), command.monthly())) {
            apply(set);
        }
        return set;
    }

    /** The gateway's question, answered from the state the next decision will use ({@link SpendableReads}). */
    public Spendable spendable(Instant at) {
        Credits reserved = holds.values().stream().map(OpenHold::held).reduce(Credits.ZERO, Credits::plus);
        Spendable.Limit limit = null;
        if (spend.limit() != null) {
            YearMonth month = MonthlySpend.monthOf(at);
            Credits spent = spentIn(month);
            Credits remaining = spend.limit().minus(spent);
            limit = new Spendable.Limit(month.toString(), spend.limit(), spent,
                    remaining.isNegative() ? Credits.ZERO : remaining);
        }
        return new Spendable(accountId, status, availableAt(at), reserved,
                billingMode == BillingMode.PREPAID ? overdraftHeadroom() : Credits.ZERO, limit);
    }

    /**
     * A capture charges the call like any debit, drawing first on what its hold kept (released
     * into the draw), then free credit, then overdraft; a delivered call is always billed, so what
     * even the overdraft cannot cover is overage flagged {@code beyondHold}. A capture of a hold
     * that already expired is an ordinary debit, which may be refused.
     */
    private UsageReceipt capture(UsageRecord usage) {
        OpenHold hold = holds.get(usage.reservationId());
        if (hold == null) {
            ClosedHold closed = closedHolds.get(usage.reservationId());
            if (closed == null) {
                throw new LedgerRejection(RejectionCode.RESERVATION_NOT_FOUND, "reservationId",
                        "no reservation " + usage.reservationId());
            }
            if (closed.ending() != ClosedHold.Ending.EXPIRED) {
                throw new LedgerRejection(RejectionCode.RESERVATION_NOT_OPEN, "reservationId",
                        "reservation " + usage.reservationId() + " was " + closed.ending().name().toLowerCase());
            }
            return debit(usage).ofHold(usage.reservationId(), Credits.ZERO, Credits.ZERO, true);
        }
        Map<String, Lot> free = lotsWithout(hold);
        List<Draw> draws = List.of();
        Credits uncovered = usage.amount();
        boolean beyondHold = false;
        Credits headroom = overdraftHeadroom().plus(hold.backing().onAccount());
        if (billingMode == BillingMode.PREPAID) {
            LotDraws lotDraws = LotDraws.draw(free.values(), usage.amount(), usage.occurredAt());
            draws = lotDraws.draws();
            uncovered = lotDraws.uncovered();
            beyondHold = uncovered.exceeds(headroom);
            for (Draw draw : draws) {
                free.put(draw.lotId(), free.get(draw.lotId()).afterRelease(draw.credits()));
            }
        }
        Credits captured = usage.amount().min(hold.held());
        Credits rest = hold.held().minus(captured);
        Credits stillHeld = usage.finalCapture() ? Credits.ZERO : rest;
        Credits released = rest.minus(stillHeld);
        Credits roomLeft = headroom.minus(billingMode == BillingMode.PREPAID ? uncovered : Credits.ZERO);
        Backing backing = stillHeld.isZero() ? Backing.NONE
                : HoldBacking.plan(free.values(), stillHeld, usage.occurredAt(), hold.expiresAt(), onAccountRoom(roomLeft))
                .orElse(new Backing(List.of(), stillHeld));
        apply(new ReservationCaptured(accountId, hold.reservationId(), usage.idempotencyKey(), captured, released,
                stillHeld, backing, usage.finalCapture(), usage.occurredAt()));
        return charged(usage, draws, uncovered, beyondHold).ofHold(hold.reservationId(), captured, released, false);
    }

    private Backing backingFor(Collection<Lot> candidates, Credits amount, Instant at, Instant expiresAt) {
        Credits room = billingMode == BillingMode.PREPAID ? overdraftHeadroom() : Credits.MAX;
        return HoldBacking.plan(candidates, amount, at, expiresAt, onAccountRoom(room))
                .orElseThrow(() -> new LedgerRejection(RejectionCode.INSUFFICIENT_CREDIT, "amount", "holding " + amount
                        + " credits until " + expiresAt + " needs credit usable until then; "
                        + availableAt(at).plus(room) + " are available including overdraft"));
    }

    private Credits onAccountRoom(Credits prepaidRoom) {
        return billingMode == BillingMode.PREPAID ? prepaidRoom : Credits.MAX;
    }

    /** The lots as they would be without this hold's earmarks: what a capture or a re-backing may use. */
    private Map<String, Lot> lotsWithout(OpenHold hold) {
        Map<String, Lot> copy = new LinkedHashMap<>(lots);
        for (Earmark earmark : hold.backing().earmarks()) {
            Lot lot = copy.get(earmark.lotId());
            copy.put(lot.lotId(), lot.withHeld(lot.held().minus(earmark.credits())));
        }
        return copy;
    }

    private OpenHold openHold(String reservationId, Instant at) {
        OpenHold hold = holds.get(reservationId);
        if (hold == null) {
            ClosedHold closed = closedHolds.get(reservationId);
            if (closed == null) {
                throw new LedgerRejection(RejectionCode.RESERVATION_NOT_FOUND, "reservationId", "no reservation " + reservationId);
            }
            throw new LedgerRejection(RejectionCode.RESERVATION_NOT_OPEN, "reservationId",
                    "reservation " + reservationId + " was " + closed.ending().name().toLowerCase());
        }
        if (at != null && !at.isBefore(hold.expiresAt())) {
            throw new LedgerRejection(RejectionCode.RESERVATION_NOT_OPEN, "reservationId",
                    "reservation " + reservationId + " expired at " + hold.expiresAt());
        }
        return hold;
    }

    private void requireActive() {
        if (status != AccountStatus.ACTIVE) {
            throw new LedgerRejection(status == AccountStatus.CLOSED ? RejectionCode.ACCOUNT_CLOSED
                    : RejectionCode.ACCOUNT_SUSPENDED, "accountId", "account " + accountId + " is " + status);
        }
    }

    private void requireWithinBusinessLife(Instant occurredAt) {
        if (businessStart != null && occurredAt.isBefore(businessStart)) {
            throw new LedgerRejection(RejectionCode.BEFORE_ACCOUNT_OPENED, "occurredAt", "account " + accountId
                    + " was opened at " + businessStart + "; usage at " + occurredAt + " cannot be its own");
        }
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
    void on(PlanSet event) {
        plan = plan.afterSet(event);
    }

    @EventSourcingHandler
    void on(PlanCancelled event) {
        plan = plan.afterCancelled(event.endsAt());
    }

    @EventSourcingHandler
    void on(PlanRenewed event) {
        plan = plan.afterRenewed(YearMonth.parse(event.month()));
        lots.put(event.lot().lotId(), Lot.granted("plan-" + event.month(), event.lot()));
        billing = billing.afterBilled(event.invoiceId(), event.lot().allocatedCash());
    }

    @EventSourcingHandler
    void on(InvoiceIssued event) {
        billing = billing.afterIssued(event);
    }

    @EventSourcingHandler
    void on(InvoicePaid event) {
        billing = billing.afterPaid(event);
    }

    @EventSourcingHandler
    void on(GrantRequested event) {
        pendingGrants.put(event.grantId(), event);
    }

    @EventSourcingHandler
    void on(CreditGranted event) {
        pendingGrants.remove(event.grantId());
        grants.put(event.grantId(), event);
        lots.put(event.lot().lotId(), Lot.granted(event.grantId(), event.lot()));
    }

    @EventSourcingHandler
    void on(UsageDebited event) {
        for (Draw draw : event.draws()) {
            release(draw.lotId(), draw.credits());
        }
        overage = overage.plus(event.overage());
        overageReceivable = overageReceivable.plus(event.overageRevenue());
        spend = spend.afterDebit(event.occurredAt(), event.amount());
        chargedAtList = chargedAtList.plus(billingMode == BillingMode.POSTPAID ? event.amount() : event.overage());
        if (billingMode == BillingMode.POSTPAID) {
            billing = billing.afterUsage(event.billedIn(), event.model(), event.amount(), event.postpaidRevenue());
        }
    }

    @EventSourcingHandler
    void on(CreditReserved event) {
        BigDecimal outputPrice = event.pricing() == null ? null : event.pricing().dimensions().stream()
                .filter(dimension -> dimension.dimension().equals("output")).map(PricedDimension::pricePerMillion)
                .findFirst().orElse(null);
        OpenHold hold = new OpenHold(event.reservationId(), event.held(), event.backing(), event.occurredAt(),
                event.expiresAt(), event.held(), event.requestDigest(), outputPrice);
        holds.put(hold.reservationId(), hold);
        earmark(hold.backing(), true);
    }

    @EventSourcingHandler
    void on(ReservationExtended event) {
        OpenHold hold = holds.get(event.reservationId());
        earmark(hold.backing(), false);
        holds.put(hold.reservationId(), hold.backedBy(event.held(), event.backing(), event.expiresAt()));
        earmark(event.backing(), true);
    }

    @EventSourcingHandler
    void on(ReservationCaptured event) {
        OpenHold hold = holds.get(event.reservationId());
        earmark(hold.backing(), false);
        if (event.finalCapture()) {
            close(hold, ClosedHold.Ending.CAPTURED);
        } else {
            holds.put(hold.reservationId(), hold.backedBy(event.held(), event.backing(), hold.expiresAt()));
            earmark(event.backing(), true);
        }
    }

    @EventSourcingHandler
    void on(ReservationReleased event) {
        end(event.reservationId(), ClosedHold.Ending.RELEASED);
    }

    @EventSourcingHandler
    void on(ReservationExpired event) {
        end(event.reservationId(), ClosedHold.Ending.EXPIRED);
    }

    private void end(String reservationId, ClosedHold.Ending ending) {
        OpenHold hold = holds.get(reservationId);
        earmark(hold.backing(), false);
        close(hold, ending);
    }

    @EventSourcingHandler
    void on(SpendLimitSet event) {
        spend = spend.limitedTo(event.monthly());
    }

    @EventSourcingHandler
    void on(LotExpiring event) {
        noticed.add(noticeOf(event.lotId(), event.daysBefore()));
    }

    @EventSourcingHandler
    void on(AlertRulesSet event) {
        alerts = alerts.withRules(event.balanceBelow(), event.spendPercent(), event.expiryNoticeDays());
    }

    @EventSourcingHandler
    void on(BalanceThresholdCrossed event) {
        alerts = alerts.afterCrossing(event.threshold(), event.direction());
    }

    @EventSourcingHandler
    void on(SpendThresholdReached event) {
        alerts = alerts.afterReaching(event.month(), event.percent());
    }

    @EventSourcingHandler
    void on(AutoRechargeSet event) {
        recharge = recharge.withSettings(event.settings());
    }

    @EventSourcingHandler
    void on(AutoRechargeRequested event) {
        recharge = recharge.afterRequest(event.requestId(), event.amount(), event.requestedAt());
    }

    @EventSourcingHandler
    void on(AutoRechargeCompleted event) {
        recharge = recharge.afterCompletion(event.requestId(), event.topUpId(), event.amount(), event.completedAt());
    }

    @EventSourcingHandler
    void on(AutoRechargeFailed event) {
        recharge = recharge.afterFailure(event.requestId(), event.reason(), event.consecutiveFailures());
    }

    @EventSourcingHandler
    void on(AutoRechargeDisabled event) {
        recharge = recharge.afterDisabling();
    }

    private void earmark(Backing backing, boolean keep) {
        for (Earmark earmark : backing.earmarks()) {
            Lot lot = lots.get(earmark.lotId());
            lots.put(lot.lotId(), lot.withHeld(keep ? lot.held().plus(earmark.credits())
                    : lot.held().minus(earmark.credits())));
        }
    }

    private void close(OpenHold hold, ClosedHold.Ending ending) {
        holds.remove(hold.reservationId());
        closedHolds.put(hold.reservationId(), hold.closed(ending));
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
