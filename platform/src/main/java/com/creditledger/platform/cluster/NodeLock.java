package com.creditledger.platform.cluster;

/**
 * The PostgreSQL advisory locks through which several nodes of a service coordinate on their one
 * database: each lock's namespace is the first key of PostgreSQL's two-key form, so the namespaces
 * never collide. A lock held by a node that dies goes with its connection: nothing waits for a
 * lease to run out.
 */
public enum NodeLock {

    /** Shared by every command transaction, exclusive while a period closes or reopens. */
    POSTING_BARRIER(1),
    /** One aggregate's commands, one node at a time (second key: the hash of its id). */
    AGGREGATE(2),
    /** One node at a time runs a pass over due expiries, holds, notices and plan months. */
    EXPIRY_PASS(3),
    /**
     * One replay of the projections at a time, alone while it stops the processors and empties the
     * tables; shared by every reconciliation check, which must not see the tables emptied midway.
     */
    PROJECTION_REPLAY(4);

    private final int namespace;

    NodeLock(int namespace) {
        this.namespace = namespace;
    }

    public int namespace() {
        return namespace;
    }
}
