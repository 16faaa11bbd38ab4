package com.creditledger.kernel.topup;

/** Among lots expiring together, free credit (bonus, promotional) is spent first: see {@link #rank()}. */
public enum LotKind {
    BONUS(0),
    /** Principal and bonus expiring at the same instant, held as one lot. */
    COMBINED(1),
    PRINCIPAL(2),
    /** Credit granted without cash (a promotion, a trial, goodwill): ranks with bonus credit. */
    PROMOTIONAL(0),
    /** A plan's credits for one month, carrying its fee: paid for, so ranked with combined credit. */
    INCLUDED(1);

    private final int rank;

    LotKind(int rank) {
        this.rank = rank;
    }

    /** Lower is drawn first among lots of equal priority and expiry. */
    public int rank() {
        return rank;
    }
}
