package com.creditledger.command.period;

import com.creditledger.platform.cluster.NodeLock;
import com.creditledger.platform.cluster.NodeLocks;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.function.Supplier;

/**
 * Makes the order of the event store the order in which periods closed, on every node of the
 * command side: every command's transaction holds a PostgreSQL advisory lock shared from its
 * handling to its commit, a close or reopen holds it exclusively. So every event recorded before a
 * close has committed when the close reads its report, and every event with a later position was
 * recorded after the close committed. The query side decides an event's posting period from the
 * closes before its position, which is then the same live and in a replay.
 * <p>
 * The close holds the exclusive lock on a connection of its own; the commands it sends itself run
 * on its thread and take no shared lock (they would wait for their own close).
 */
@Configuration(proxyBeanMethods = false)
public class PostingBarrier {

    private static final String SHARED_TAKEN = PostingBarrier.class.getName() + ".shared";
    private static final ThreadLocal<Boolean> ALONE = ThreadLocal.withInitial(() -> false);

    private final NodeLocks locks;

    PostingBarrier(NodeLocks locks) {
        this.locks = locks;
    }

    @Bean
    ConfigurerModule postingBarrierOnCommands() {
        MessageHandlerInterceptor<CommandMessage<?>> shared = (unitOfWork, chain) -> {
            UnitOfWork<?> transaction = unitOfWork.root();
            if (!ALONE.get() && !transaction.resources().containsKey(SHARED_TAKEN)) {
                // once per transaction: a group of usage commands shares its unit's transaction
                locks.shareUntilCommit(NodeLock.POSTING_BARRIER);
                transaction.resources().put(SHARED_TAKEN, true);
            }
            return chain.proceed();
        };
        return configurer -> configurer.onInitialize(config -> config.onStart(() ->
                config.commandBus().registerHandlerInterceptor(shared)));
    }

    /** Runs {@code work} while no command of any node is between its handling and its commit. */
    public <T> T alone(Supplier<T> work) {
        return locks.holding(NodeLock.POSTING_BARRIER, () -> {
            ALONE.set(true);
            try {
                return work.get();
            } finally {
                ALONE.set(false);
            }
        });
    }
}
