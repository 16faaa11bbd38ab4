package com.creditledger.command.cluster;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.sql.SQLException;
import java.util.List;

/**
 * A command that lost a race with another node is handled once more: the event store refused its
 * events because another node recorded the same aggregate's next sequence number first (or the same
 * usage receipt, or the same new aggregate). Its transaction rolled back, which dropped the stale
 * copy from the cache, so the next attempt decides on the store's state. Accounts rarely get here
 * (their commands are serialized across nodes, {@code FreshAccountRepository}); rate cards and the
 * books are read from the store on every command and may. Bounded: {@value #ATTEMPTS} attempts in
 * all, then the failure is the answer. The retry runs on the caller's thread, after its unit of
 * work ended, so the caller's locks and context stay what they were.
 */
@Configuration(proxyBeanMethods = false)
public class ConflictRetry implements RetryScheduler {

    private static final Logger log = LoggerFactory.getLogger(ConflictRetry.class);
    static final int ATTEMPTS = 3;
    /** PostgreSQL's unique_violation. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(this).build();
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (failures.size() >= ATTEMPTS || !lostARace(lastFailure)) {
            return false;
        }
        log.info("{} lost a race with another writer; handling it again ({} of {})",
                commandMessage.getPayloadType().getSimpleName(), failures.size() + 1, ATTEMPTS);
        commandDispatch.run();
        return true;
    }

    static boolean lostARace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException
                    || cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
