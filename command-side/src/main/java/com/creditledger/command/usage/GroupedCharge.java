package com.creditledger.command.usage;

import com.creditledger.command.account.AccountLocks;
import com.creditledger.command.http.EventPositions;
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
 * Charges a group of queued units in one transaction: units of the same account and caller become
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

    GroupedCharge(TransactionManager transactions, JdbcUsageReceipts receipts, CommandGateway commands,
                  EventPositions positions, UsageMeters meters, AccountLocks locks) {
        this.transactions = transactions;
        this.receipts = receipts;
        this.commands = commands;
        this.positions = positions;
        this.meters = meters;
        this.locks = locks;
    }

    void charge(List<UsageQueue.Unit> units) {
        Timer.Sample started = meters.groupStarted();
        List<AccountCharge> charges = byAccountAndActor(units);
        // outcomes.get(i) are the outcomes of charges.get(i), or null where that account failed
        List<List<UsageOutcome>> outcomes;
        try {
            outcomes = inOneTransaction(charges);
        } catch (RuntimeException failure) {
            log.warn("a usage group of {} accounts failed as a whole; charging each on its own", charges.size(), failure);
            outcomes = oneByOne(charges);
        }
        meters.groupCharged(started, units.stream().mapToInt(unit -> unit.records().size()).sum());
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

    private List<List<UsageOutcome>> inOneTransaction(List<AccountCharge> charges) {
        UnitOfWork<?> group = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("usage of " + charges.size() + " accounts"));
        group.attachTransaction(transactions);
        ResultMessage<List<List<UsageOutcome>>> result = group.executeWithResult(() -> {
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
            return outcomes;
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
