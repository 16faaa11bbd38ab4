package com.creditledger.kernel.usage;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;

/** The fate of one usage record: charged now, charged before (a retry), or rejected. */
public record UsageOutcome(Status status, UsageReceipt receipt, RejectionCode rejection, String field, String detail) {

    public enum Status { ACCEPTED, REPLAYED, REJECTED }

    public static UsageOutcome accepted(UsageReceipt receipt) {
        return new UsageOutcome(Status.ACCEPTED, receipt, null, null, null);
    }

    public static UsageOutcome replayed(UsageReceipt receipt) {
        return new UsageOutcome(Status.REPLAYED, receipt, null, null, null);
    }

    public static UsageOutcome rejected(LedgerRejection rejection) {
        return new UsageOutcome(Status.REJECTED, null, rejection.code(), rejection.field(), rejection.getMessage());
    }
}
