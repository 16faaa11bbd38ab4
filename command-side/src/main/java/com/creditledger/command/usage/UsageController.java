package com.creditledger.command.usage;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.usage.Draw;
import com.creditledger.kernel.usage.UsageOutcome;
import com.creditledger.kernel.usage.UsageReceipt;
import com.creditledger.kernel.value.Credits;
import com.creditledger.platform.ProblemResponses;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

@RestController
public class UsageController {

    /** The most records one batch request may carry (docs/domain.md, usage debits). */
    public static final int MAX_BATCH = 1000;

    /** A single call's debit: the gateway's hot path, also served directly ({@link DirectDebit}). */
    public static final String DEBIT = "/v1/accounts/{accountId}/usage";

    private final UsageIntake intake;

    UsageController(UsageIntake intake) {
        this.intake = intake;
    }

    public record DrawView(String lotId, Credits credits) {
    }

    /** A capture of a hold also says what it took of the hold and what went back (and, only when so, that it had expired). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UsageResponse(String idempotencyKey, Credits amount, Credits balance, List<DrawView> draws,
                                Credits overage, String reservationId, Credits captured, Credits released,
                                Boolean reservationExpired, Long position) {

        public static UsageResponse of(UsageReceipt receipt, Long position) {
            return new UsageResponse(receipt.idempotencyKey(), receipt.amount(), receipt.balance(),
                    receipt.draws().stream().map(UsageController::view).toList(), receipt.overage(),
                    receipt.reservationId(), receipt.captured(), receipt.released(),
                    Boolean.TRUE.equals(receipt.reservationExpired()) ? true : null, position);
        }
    }

    public record BatchRequest(@NotNull List<UsageRequest> records) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchResult(int index, String status, String accountId, String idempotencyKey,
                              UsageResponse receipt, String code, String field, String detail) {
    }

    public record BatchResponse(List<BatchResult> results, long position) {
    }

    @PostMapping(DEBIT)
    @ApiResponse(responseCode = "201", headers = @Header(name = "Idempotent-Replayed", description = "true for a retry answered from the first call's receipt"),
            content = @Content(schema = @Schema(implementation = UsageController.UsageResponse.class)))
    public ResponseEntity<?> debit(@PathVariable String accountId, @Valid @RequestBody UsageRequest request) {
        if (request.accountId() != null && !request.accountId().equals(accountId)) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "accountId",
                    "the body names another account than the path");
        }
        return answer(intake.recordValidated(request.forAccount(accountId)), UnaryOperator.identity());
    }

    /**
     * The HTTP answer to one usage call, however it came (a debit, a capture, a CloudEvent): 201 with
     * its receipt and whether it was a retry, or its problem, naming the field as the sender wrote it.
     */
    public static ResponseEntity<?> answer(UsageIntake.Results recorded, UnaryOperator<String> senderField) {
        UsageOutcome outcome = recorded.results().get(0).outcome();
        if (outcome.status() == UsageOutcome.Status.REJECTED) {
            return ProblemResponses.respond(ProblemResponses.problem(outcome.rejection(),
                    senderField.apply(outcome.field()), outcome.detail()));
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Idempotent-Replayed", String.valueOf(outcome.status() == UsageOutcome.Status.REPLAYED))
                .body(UsageResponse.of(outcome.receipt(), recorded.position()));
    }

    /** Up to {@value #MAX_BATCH} records, each accepted or rejected on its own; 200 with a result per record. */
    @PostMapping("/v1/usage:batch")
    public BatchResponse batch(@Valid @RequestBody BatchRequest batch) {
        if (batch.records().size() > MAX_BATCH) {
            throw new LedgerRejection(RejectionCode.BATCH_TOO_LARGE, "records",
                    batch.records().size() + " records; a batch takes at most " + MAX_BATCH);
        }
        if (batch.records().stream().anyMatch(record -> record == null)) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "records", "a record must not be null");
        }
        UsageIntake.Results recorded = intake.record(batch.records());
        List<UsageIntake.Result> results = recorded.results();
        List<BatchResult> views = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            UsageRequest request = results.get(i).request();
            UsageOutcome outcome = results.get(i).outcome();
            String status = outcome.status().name().toLowerCase();
            if (outcome.status() == UsageOutcome.Status.REJECTED) {
                views.add(new BatchResult(i, status, request.accountId(), request.idempotencyKey(), null,
                        outcome.rejection().code(), outcome.field(), outcome.detail()));
            } else {
                views.add(new BatchResult(i, status, request.accountId(), request.idempotencyKey(),
                        UsageResponse.of(outcome.receipt(), null), null, null, null));
            }
        }
        return new BatchResponse(views, recorded.position());
    }

    private static DrawView view(Draw draw) {
        return new DrawView(draw.lotId(), draw.credits());
    }
}
