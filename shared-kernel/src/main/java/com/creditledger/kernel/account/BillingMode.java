package com.creditledger.kernel.account;

public enum BillingMode {
    /** Usage draws from purchased lots of credit. */
    PREPAID,
    /** Usage draws from no lots and is invoiced per UTC month (docs/domain.md, postpaid). */
    POSTPAID
}
