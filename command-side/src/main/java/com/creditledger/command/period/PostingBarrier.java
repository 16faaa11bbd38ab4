package com.creditledger.command.period;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.commandhandling.CommandMessage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Makes the order of the event store the order in which periods closed: every command holds this
 * node's barrier shared from its handling to its commit, a close or reopen holds it alone. So every
 * event recorded before a close has committed when the close reads its report, and every event with
 * a later position was recorded after the close committed. The query side decides an event's
 * posting period from the closes before its position, which is then the same live and in a replay.
 * <p>
 * One JVM's lock: with several command-side nodes the same barrier needs a PostgreSQL advisory lock
 * (shared per transaction, exclusive for a close), see docs/decisions.md.
 */
@Configuration(proxyBeanMethods = false)
public class PostingBarrier {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    @Bean
    ConfigurerModule postingBarrierOnCommands() {
        MessageHandlerInterceptor<CommandMessage<?>> shared = (unitOfWork, chain) -> {
            lock.readLock().lock();
            unitOfWork.onCleanup(done -> lock.readLock().unlock());
            return chain.proceed();
        };
        return configurer -> configurer.onInitialize(config -> config.onStart(() ->
                config.commandBus().registerHandlerInterceptor(shared)));
    }

    /** Runs {@code work} while no other command of this node is between its handling and its commit. */
    public <T> T alone(Supplier<T> work) {
        lock.writeLock().lock();
        try {
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
