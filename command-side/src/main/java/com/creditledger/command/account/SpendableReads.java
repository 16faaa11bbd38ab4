package com.creditledger.command.account;

import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;

/**
 * "May this call go?", asked of the account itself: loaded (usually from the cache) under the same
 * lock its commands take, so the answer is exactly the state the next decision will use. It is a
 * read, so it skips the command bus; but like a command it takes its database connection before
 * the account's lock — the other order deadlocks against commands that hold a connection while
 * they wait for the lock, whenever the account must be loaded from the store. The answer's
 * position is that of the account's last event, read with its lock: one round trip for both.
 */
@Component
public class SpendableReads {

    /** The answer, and the store position of the account's last event it reflects (for {@code waitFor}). */
    public record Read(Spendable spendable, long position) {
    }

    private final Repository<CreditAccount> accounts;
    private final AccountLocks locks;
    private final TransactionTemplate readOnly;

    SpendableReads(Repository<CreditAccount> accounts, AccountLocks locks, PlatformTransactionManager transactions) {
        this.accounts = accounts;
        this.locks = locks;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    public Read of(String accountId, Instant at) {
        return readOnly.execute(status -> {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            try {
                Spendable spendable = accounts.load(accountId).invoke(account -> account.spendable(at));
                Read read = new Read(spendable, locks.positionWhenLocked(accountId));
                unitOfWork.commit(); // nothing to write; a rollback would evict the account from the cache
                return read;
            } catch (RuntimeException failure) {
                unitOfWork.rollback(failure);
                throw failure;
            }
        });
    }
}
