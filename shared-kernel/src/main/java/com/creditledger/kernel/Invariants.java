package com.creditledger.kernel;

import java.util.function.Supplier;

/**
 * Checks of the ledger's own sums and signs, run when an event or value is constructed (also when
 * it is read back from the store): a fact that does not add up cannot exist. A failure is a defect,
 * never a client's error, so it is an {@link IllegalStateException}.
 */
public final class Invariants {

    private Invariants() {
    }

    /** @param what says what should hold; built only when it does not (checks run on every event read) */
    public static void check(boolean holds, Supplier<String> what) {
        if (!holds) {
            throw new IllegalStateException("invariant violated: " + what.get());
        }
    }
}
