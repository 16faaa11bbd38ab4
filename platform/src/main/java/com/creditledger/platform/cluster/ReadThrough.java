package com.creditledger.platform.cluster;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A small fact that any node may change (how many rate cards were published, how many API keys
 * were created or revoked), read from the database for every caller, so that a change committed
 * through one node holds on every node for every request that arrives after it was answered. The
 * callers waiting at the same moment share one read: a caller takes the result of a read that
 * began after it arrived, or begins one.
 */
public final class ReadThrough<T> {

    private final Supplier<T> read;
    private final AtomicLong begun = new AtomicLong();
    private long ended;
    private T last;

    public ReadThrough(Supplier<T> read) {
        this.read = read;
    }

    public T current() {
        long arrived = begun.get();
        synchronized (this) {
            if (ended <= arrived) {
                long mine = begun.incrementAndGet();
                last = read.get();
                ended = mine;
            }
            return last;
        }
    }
}
