package com.creditledger.query.journal;

/** The chart of accounts (SPEC §4.1). */
public enum AccountCode {
    CASH_CLEARING("1015"),
    UNBILLED_RECEIVABLES("1210"),
    OVERAGE_RECEIVABLE("1215"),
    CONTRACT_LIABILITY("2400"),
    REFUND_LIABILITY("2410"),
    REVENUE_USAGE_PREPAID("4000"),
    REVENUE_USAGE_AT_LIST("4010"),
    REVENUE_BREAKAGE("4050");

    private final String code;

    AccountCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
