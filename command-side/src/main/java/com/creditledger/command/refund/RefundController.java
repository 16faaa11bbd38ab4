package com.creditledger.command.refund;

import com.creditledger.command.http.BusinessTime;
import com.creditledger.command.http.EventPositions;
import com.creditledger.command.http.Identifiers;
import com.creditledger.command.idempotency.RequestDigest;
import com.creditledger.kernel.refund.ApproveRefund;
import com.creditledger.kernel.refund.CancelRefund;
import com.creditledger.kernel.refund.LotRefund;
import com.creditledger.kernel.refund.RefundCancelled;
import com.creditledger.kernel.refund.RefundCredit;
import com.creditledger.kernel.refund.RefundRejected;
import com.creditledger.kernel.refund.RefundRequested;
import com.creditledger.kernel.refund.Refunded;
import com.creditledger.kernel.refund.RejectRefund;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;

@RestController
public class RefundController {

    private final CommandGateway commands;
    private final EventPositions positions;
    private final BusinessTime time;

    RefundController(CommandGateway commands, EventPositions positions, BusinessTime time) {
        this.commands = commands;
        this.positions = positions;
        this.time = time;
    }

    public record RefundRequest(
            @NotNull @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String refundId,
            @NotNull @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String topUpId,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000")
            @Digits(integer = 10, fraction = 9) BigDecimal credits,
            Boolean all,
            @Size(max = 500) String reason) {

        @JsonIgnore
        @AssertTrue(message = "send either credits or all: true")
        public boolean isCreditsOrAll() {
            return (credits != null) != Boolean.TRUE.equals(all);
        }

        /** Every field, as sent ({@code all} is the absence of {@code credits}): any change is another request (409). */
        public String fingerprint(String accountId) {
            return RequestDigest.of(accountId, refundId, topUpId, credits == null ? null : Credits.of(credits), reason);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RefundResponse(String refundId, String topUpId, String status, Credits creditsRefunded,
                                 Money cashRefunded, List<LotRefund> lots, String requestedBy, String approvedBy,
                                 String decidedBy, String reason, long position) {

        static RefundResponse of(Refunded refunded, long position) {
            return new RefundResponse(refunded.refundId(), refunded.topUpId(), "refunded", refunded.credits(),
                    refunded.cash(), refunded.lots(), refunded.requestedBy(), refunded.approvedBy(), null, null,
                    position);
        }
    }

    /** 201 when refunded at once; 202 with status {@code pending_approval} when a second key must approve. */
    @PostMapping("/v1/accounts/{accountId}/refunds")
    public ResponseEntity<RefundResponse> refund(@PathVariable String accountId, @Valid @RequestBody RefundRequest request) {
        Credits credits = request.credits() == null ? null : Credits.of(request.credits());
        Object outcome = commands.sendAndWait(new RefundCredit(accountId, request.refundId(), request.topUpId(),
                credits, request.reason(), time.now(),
                request.fingerprint(accountId)));
        long position = positions.latestOf(accountId);
        if (outcome instanceof RefundRequested pending) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RefundResponse(pending.refundId(),
                    pending.topUpId(), "pending_approval", pending.credits(), pending.estimatedCash(), null,
                    pending.requestedBy(), null, null, null, position));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(RefundResponse.of((Refunded) outcome, position));
    }

    @PostMapping("/v1/accounts/{accountId}/refunds/{refundId}/approve")
    public RefundResponse approve(@PathVariable String accountId, @PathVariable String refundId) {
        Refunded refunded = commands.sendAndWait(new ApproveRefund(accountId, refundId, time.now()));
        return RefundResponse.of(refunded, positions.latestOf(accountId));
    }

    public record Rejection(@Size(max = 500) String reason) {
    }

    /** A finance key refuses a pending refund (not the key that requested it). */
    @PostMapping("/v1/accounts/{accountId}/refunds/{refundId}/reject")
    public RefundResponse reject(@PathVariable String accountId, @PathVariable String refundId,
                                 @Valid @RequestBody(required = false) Rejection rejection) {
        RefundRejected rejected = commands.sendAndWait(new RejectRefund(accountId, refundId,
                rejection == null ? null : rejection.reason(), time.now()));
        return new RefundResponse(rejected.refundId(), rejected.topUpId(), "rejected", null, null, null,
                rejected.requestedBy(), null, rejected.rejectedBy(), rejected.reason(), positions.latestOf(accountId));
    }

    /** The requesting key withdraws its pending refund. */
    @PostMapping("/v1/accounts/{accountId}/refunds/{refundId}/cancel")
    public RefundResponse cancel(@PathVariable String accountId, @PathVariable String refundId) {
        RefundCancelled cancelled = commands.sendAndWait(new CancelRefund(accountId, refundId, time.now()));
        return new RefundResponse(cancelled.refundId(), cancelled.topUpId(), "cancelled", null, null, null,
                cancelled.cancelledBy(), null, cancelled.cancelledBy(), null, positions.latestOf(accountId));
    }
}
