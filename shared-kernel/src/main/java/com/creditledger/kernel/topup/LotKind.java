package com.creditledger.kernel.topup;

/** Declared in consumption order: among lots expiring together, bonus credit is spent first. */
public enum LotKind {
    BONUS,
    /** Principal and bonus expiring at the same instant, held as one lot. */
    COMBINED,
    PRINCIPAL
}
