package com.creditledger.kernel;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;

/**
 * Identifiers that sort by the millisecond they were made in: RFC 9562's version 7 UUIDs (48 bits
 * of Unix milliseconds, then 74 random bits). Events get these, so each new event's id lands at the
 * right-hand end of the event store's unique index instead of on a random page of it: inserting
 * into a table of 1.5 million events cost PostgreSQL about 8 µs a row with random ids and 3 with
 * ordered ones. Within a millisecond the order is random; nothing relies on ids for order (events
 * are ordered by their global index and sequence number).
 */
public final class TimeOrderedId {

    /** Milliseconds must fit the 48 bits the layout gives them (until the year 10889). */
    private static final long LAST_MILLISECOND = (1L << 48) - 1;

    /** One generator per thread: a shared one serializes every id behind its lock. */
    private static final ThreadLocal<Random> RANDOM = ThreadLocal.withInitial(TimeOrderedId::strongRandom);

    private TimeOrderedId() {
    }

    public static String next() {
        return at(System.currentTimeMillis(), RANDOM.get()).toString();
    }

    static UUID at(long unixMillis, Random random) {
        if (unixMillis < 0 || unixMillis > LAST_MILLISECOND) {
            throw new IllegalArgumentException("no version 7 UUID for the millisecond " + unixMillis);
        }
        long version = 0x7000L;
        long variant = 0x8000_0000_0000_0000L;
        long mostSignificant = unixMillis << 16 | version | random.nextInt(1 << 12);
        long leastSignificant = variant | random.nextLong() >>> 2;
        return new UUID(mostSignificant, leastSignificant);
    }

    private static Random strongRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("DRBG is part of every Java runtime since 9", e);
        }
    }
}
