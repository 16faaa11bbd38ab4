package com.creditledger.kernel;

/**
 * A request the ledger's rules refuse. Thrown before any event is applied, so a rejection never
 * changes state; {@code field} names the offending input where there is one.
 */
public class LedgerRejection extends RuntimeException {

    private final RejectionCode code;
    private final String field;

    public LedgerRejection(RejectionCode code, String field, String detail) {
        super(detail);
        this.code = code;
        this.field = field;
    }

    public LedgerRejection(RejectionCode code, String detail) {
        this(code, null, detail);
    }

    public RejectionCode code() {
        return code;
    }

    public String field() {
        return field;
    }
}
