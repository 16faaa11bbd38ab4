package com.creditledger.kernel.accounting;

/**
 * The chart of accounts the journal posts to. The codes are part of the contract: reports, CSV
 * exports and SQL over the journal name accounts by them.
 */
public enum AccountCode {
    CASH_CLEARING("1015"),
    ACCOUNTS_RECEIVABLE("1200"),
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
