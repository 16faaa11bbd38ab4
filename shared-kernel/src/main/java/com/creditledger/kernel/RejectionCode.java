package com.creditledger.kernel;

/**
 * Why the ledger refused a request: the stable machine-readable {@code code} of every problem+json
 * answer (docs/api.md) and the HTTP status that goes with it. Clients switch on the code, so a code
 * once published never changes meaning.
 */
public enum RejectionCode {
    MALFORMED_REQUEST(400),
    VALIDATION_FAILED(400),
    BATCH_TOO_LARGE(400),
    INSUFFICIENT_CREDIT(402),
    SPEND_LIMIT_REACHED(402),
    APPROVER_IS_REQUESTER(403),
    NOT_THE_REQUESTER(403),
    ACCOUNT_NOT_FOUND(404),
    TOP_UP_NOT_FOUND(404),
    LOT_NOT_FOUND(404),
    NOT_FOUND(404),
    REFUND_NOT_PENDING(404),
    GRANT_NOT_PENDING(404),
    INVOICE_NOT_ISSUED(404),
    PLAN_NOT_IN_FORCE(404),
    RESERVATION_NOT_FOUND(404),
    RECHARGE_NOT_FOUND(404),
    RATE_CARD_NOT_FOUND(404),
    ENDPOINT_NOT_FOUND(404),
    DELIVERY_NOT_FOUND(404),
    REOPEN_NOT_PENDING(404),
    ACCOUNT_EXISTS(409),
    ACCOUNT_CLOSED(409),
    ACCOUNT_SUSPENDED(409),
    IDEMPOTENCY_CONFLICT(409),
    REFUND_CLOSED(409),
    INVOICE_ISSUED(409),
    INVOICE_OUT_OF_ORDER(409),
    RESERVATION_NOT_OPEN(409),
    RECHARGE_NOT_IN_FLIGHT(409),
    ENDPOINT_DISABLED(409),
    RATE_CARD_CONFLICT(409),
    CLOCK_BACKWARDS(409),
    CLOCK_NOT_MANUAL(409),
    PERIOD_OUT_OF_ORDER(409),
    PERIOD_NOT_ENDED(409),
    PERIOD_CLOSED(409),
    PERIOD_NOT_CLOSED(409),
    REOPEN_PENDING(409),
    UNKNOWN_MODEL(422),
    SIMULATION_TOO_LONG(422),
    BEFORE_ACCOUNT_OPENED(422),
    REFUND_EXCEEDS_REMAINING(422),
    NOTHING_TO_REFUND(422),
    PAYMENT_EXCEEDS_OPEN_AMOUNT(422),
    REPORT_UNAVAILABLE(503),
    REPLAY_NOT_STARTED(503),
    PROJECTION_LAGGING(504);

    private final int httpStatus;

    RejectionCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String code() {
        return name().toLowerCase();
    }
}
