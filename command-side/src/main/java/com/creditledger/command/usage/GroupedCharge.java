package com.creditledger.command.usage;

import com.creditledger.command.account.AccountLocks;
import com.creditledger.command.http.EventPositions;
import com.creditledger.command.ratecard.RateCatalog;
import com.creditledger.command.idempotency.JdbcUsageReceipts;
import com.creditledger.kernel.Metadata;
import com.creditledger.kernel.usage.RecordUsage;
import com.creditledger.kernel.usage.UsageOutcome;
import com.creditledger.kernel.usage.UsageRecord;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import io.micrometer.core.instrument.Timer;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Charges a group of queued units in one transaction: the rate cards published are counted first,
 * and the units priced by fewer go back to be priced again; units of the same account and caller become
 * one {@link RecordUsage}, sent through the command bus like every command (so its interceptors,
 * correlation data and actor apply) and handled in a unit of work nested in the group's, accounts
 * locked ahead in id order (a fixed lock order, whoever else locks several), then the receipts of
 * the whole group read, each in one round trip for the group; the events, receipts and hash links
 * are then written in batches and committed once.
 * Should the group fail as a whole (a database error, a defect in one account), each account is
 * charged again on its own, so one account's failure is never another's.
 */
@Component
class GroupedCharge {

    private static final Logger log = LoggerFactory.getLogger(GroupedCharge.class);

    /** The units of one account and caller, as one command. */
    private record AccountCharge(String accountId, String actor, List<UsageQueue.Unit> units) {

        List<UsageRecord> records() {
            return units.stream().flatMap(unit -> unit.records().stream()).toList();
        }

        CommandMessage<RecordUsage> command() {
            return GenericCommandMessage.<RecordUsage>asCommandMessage(new RecordUsage(accountId, records()))
                    .andMetaData(Map.of(Metadata.ACTOR, actor));
        }
    }

    private final TransactionManager transactions;
    private final JdbcUsageReceipts receipts;
    private final CommandGateway commands;
    private final EventPositions positions;
    private final UsageMeters meters;
    private final AccountLocks locks;
    private final RateCatalog rateCatalog;

    /** The accounts' commands, and outcomes.get(i) those of charges.get(i), or null where that account failed. */
    private record Group(List<AccountCharge> charges, List<List<UsageOutcome>> outcomes) {
    }

    GroupedCharge(TransactionManager transactions, JdbcUsageReceipts receipts, CommandGateway commands,
                  EventPositions positions, UsageMeters meters, AccountLocks locks, RateCatalog rateCatalog) {
        this.transactions = transactions;
        this.receipts = receipts;
        this.commands = commands;
        this.positions = positions;
        this.meters = meters;
        this.locks = locks;
        this.rateCatalog = rateCatalog;
    }

    void charge(List<UsageQueue.Unit> units) {
        Timer.Sample started = meters.groupStarted();
        Group group;
        try {
            group = inOneTransaction(units);
        } catch (RuntimeException failure) {
            log.warn("a usage group of {} units failed as a whole; charging each account on its own", units.size(), failure);
            List<AccountCharge> charges = byAccountAndActor(pricedByEveryCard(units, rateCatalog.published()));
            group = new Group(charges, oneByOne(charges));
        }
        List<AccountCharge> charges = group.charges();
        List<List<UsageOutcome>> outcomes = group.outcomes();
        meters.groupCharged(started, charges.stream().flatMap(charge -> charge.units().stream())
                .mapToInt(unit -> unit.records().size()).sum());
        // one read of the store's latest position covers every account of the group
        long position = positions.latest();
        for (int i = 0; i < charges.size(); i++) {
            List<UsageOutcome> chargeOutcomes = outcomes.get(i);
            if (chargeOutcomes == null) {
                continue;
            }
            int from = 0;
            for (UsageQueue.Unit unit : charges.get(i).units()) {
                int to = from + unit.records().size();
                unit.charged().complete(new UsageQueue.Charged(List.copyOf(chargeOutcomes.subList(from, to)), position));
                from = to;
            }
        }
    }

    /** The units priced by every card published; the others are handed back to be priced again. */
    private static List<UsageQueue.Unit> pricedByEveryCard(List<UsageQueue.Unit> units, int published) {
        List<UsageQueue.Unit> current = new ArrayList<>(units.size());
        for (UsageQueue.Unit unit : units) {
            if (unit.cardsPublished() == published) {
                current.add(unit);
            } else {
                unit.charged().completeExceptionally(new UsageQueue.PricedByOutdatedCards());
            }
        }
        return current;
    }

    private static List<AccountCharge> byAccountAndActor(List<UsageQueue.Unit> units) {
        Map<List<String>, List<UsageQueue.Unit>> grouped = new LinkedHashMap<>();
        for (UsageQueue.Unit unit : units) {
            grouped.computeIfAbsent(List.of(unit.accountId(), unit.actor()), key -> new ArrayList<>()).add(unit);
        }
        List<AccountCharge> charges = new ArrayList<>();
        grouped.forEach((key, accountUnits) -> charges.add(new AccountCharge(key.get(0), key.get(1), accountUnits)));
        charges.sort(Comparator.comparing(AccountCharge::accountId).thenComparing(AccountCharge::actor));
        return charges;
    }

    private Group inOneTransaction(List<UsageQueue.Unit> units) {
        UnitOfWork<?> group = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("usage of " + units.size() + " units"));
        group.attachTransaction(transactions);
        ResultMessage<Group> result = group.executeWithResult(() -> {
            List<AccountCharge> charges = byAccountAndActor(pricedByEveryCard(units, rateCatalog.published()));
            locks.lockAhead(charges.stream().map(AccountCharge::accountId).toList());
            Map<String, List<String>> keys = new LinkedHashMap<>();
            charges.forEach(charge -> charge.records().forEach(record -> keys
                    .computeIfAbsent(charge.accountId(), id -> new ArrayList<>()).add(record.idempotencyKey())));
            receipts.prefetch(keys);
            List<List<UsageOutcome>> outcomes = new ArrayList<>(charges.size());
            for (AccountCharge charge : charges) {
                // joins the group's unit of work and transaction; a failure fails the group
                List<UsageOutcome> charged = commands.sendAndWait(charge.command());
                outcomes.add(charged);
            }
            return new Group(charges, outcomes);
        });
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        return result.getPayload();
    }

    private List<List<UsageOutcome>> oneByOne(List<AccountCharge> charges) {
        List<List<UsageOutcome>> outcomes = new ArrayList<>(charges.size());
        for (AccountCharge charge : charges) {
            try {
                outcomes.add(commands.sendAndWait(charge.command()));
            } catch (RuntimeException failure) {
                charge.units().forEach(unit -> unit.charged().completeExceptionally(failure));
                outcomes.add(null);
            }
        }
        return outcomes;
    }
}
