package com.creditledger.command.refund;

import com.creditledger.command.http.BusinessTime;
import com.creditledger.command.http.EventPositions;
import com.creditledger.command.http.Identifiers;
import com.creditledger.command.http.RequestDigest;
import com.creditledger.kernel.refund.LotRefund;
import com.creditledger.kernel.refund.RefundCredit;
import com.creditledger.kernel.refund.Refunded;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import com.fasterxml.jackson.annotation.JsonIgnore;
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
    }

    public record RefundResponse(String refundId, String topUpId, Credits creditsRefunded, Money cashRefunded,
                                 List<LotRefund> lots, long position) {
    }

    @PostMapping("/v1/accounts/{accountId}/refunds")
    public ResponseEntity<RefundResponse> refund(@PathVariable String accountId, @Valid @RequestBody RefundRequest request) {
        Credits credits = request.credits() == null ? null : Credits.of(request.credits());
        Refunded refunded = commands.sendAndWait(new RefundCredit(accountId, request.refundId(), request.topUpId(),
                credits, request.reason(), time.now(),
                RequestDigest.of(accountId, request.refundId(), request.topUpId(), credits, request.reason())));
        return ResponseEntity.status(HttpStatus.CREATED).body(new RefundResponse(refunded.refundId(),
                refunded.topUpId(), refunded.credits(), refunded.cash(), refunded.lots(), positions.latestOf(accountId)));
    }
}
