package com.creditledger.command.usage;

import com.creditledger.command.account.CreditAccount;
import com.creditledger.command.idempotency.UsageReceipts;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.usage.IssuedReceipt;
import com.creditledger.kernel.usage.RecordUsage;
import com.creditledger.kernel.usage.UsageOutcome;
import com.creditledger.kernel.usage.UsageRecord;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Handles {@link RecordUsage} around the account (the shape of AxonBank's external handlers): the
 * receipts of the command's idempotency keys are read before the account decides, the receipts it
 * issued are written after, in the command's transaction, so the account decides on memory alone.
 * An unknown account is an outcome of each record, not a failed command, so a group of accounts
 * charged in one transaction is not undone by one wrong account id.
 */
@Component
public class UsageCharging {

    private final Repository<CreditAccount> accounts;
    private final UsageReceipts receipts;

    public UsageCharging(Repository<CreditAccount> accounts, UsageReceipts receipts) {
        this.accounts = accounts;
        this.receipts = receipts;
    }

    @CommandHandler
    public List<UsageOutcome> handle(RecordUsage command) {
        Aggregate<CreditAccount> account;
        try {
            account = accounts.load(command.accountId());
        } catch (AggregateNotFoundException missing) {
            UsageOutcome rejected = UsageOutcome.rejected(new LedgerRejection(RejectionCode.ACCOUNT_NOT_FOUND,
                    "accountId", "no account " + command.accountId()));
            return Collections.nCopies(command.records().size(), rejected);
        }
        Map<String, IssuedReceipt> known = receipts.find(command.accountId(),
                command.records().stream().map(UsageRecord::idempotencyKey).toList());
        CreditAccount.Charged charged = account.invoke(decider -> decider.charge(command.records(), known));
        receipts.save(command.accountId(), charged.issued());
        return charged.outcomes();
    }
}
