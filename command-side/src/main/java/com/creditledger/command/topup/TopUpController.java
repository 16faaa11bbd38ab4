package com.creditledger.command.topup;

import com.creditledger.command.http.BusinessTime;
import com.creditledger.command.http.EventPositions;
import com.creditledger.command.http.Identifiers;
import com.creditledger.command.idempotency.RequestDigest;
import com.creditledger.kernel.topup.LotGranted;
import com.creditledger.kernel.topup.LotKind;
import com.creditledger.kernel.topup.PurchaseTopUp;
import com.creditledger.kernel.topup.TopUpPurchased;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import java.time.Instant;
import java.util.List;

@RestController
public class TopUpController {

    private final CommandGateway commands;
    private final EventPositions positions;
    private final BusinessTime time;

    TopUpController(CommandGateway commands, EventPositions positions, BusinessTime time) {
        this.commands = commands;
        this.positions = positions;
        this.time = time;
    }

    public record TopUpRequest(
            @NotNull @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String topUpId,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000")
            @Digits(integer = 10, fraction = 2) BigDecimal amount,
            @Size(max = 255) String paymentReference,
            Instant purchasedAt,
            Instant principalExpiresAt,
            Instant bonusExpiresAt,
            @Min(-1000) @Max(1000) Integer priority,
            @Pattern(regexp = Identifiers.KEY_PATTERN, message = Identifiers.KEY_MESSAGE) String autoRechargeRequestId) {

        /** Lots are drawn in priority order first; 0 unless the top-up says otherwise. */
        int lotPriority() {
            return priority == null ? 0 : priority;
        }

        /**
         * Every field, as sent: a retry with any field changed is another request (409). A top-up
         * answering no recharge request keeps the fingerprint it had before recharges existed.
         */
        public String fingerprint(String accountId) {
            Object[] fields = {accountId, topUpId, Money.of(amount), paymentReference, purchasedAt, principalExpiresAt,
                    bonusExpiresAt, lotPriority()};
            return autoRechargeRequestId == null ? RequestDigest.of(fields)
                    : RequestDigest.of(RequestDigest.of(fields), autoRechargeRequestId);
        }
    }

    public record LotView(String lotId, LotKind kind, Credits credits, Money allocatedAmount, Instant expiresAt,
                          int priority) {
    }

    public record TopUpResponse(String topUpId, Money amount, Credits bonusCredits, Credits totalCredits,
                                List<LotView> lots, Credits overageNetted, Money overageSettled,
                                Instant purchasedAt, long position) {
    }

    @PostMapping("/v1/accounts/{accountId}/top-ups")
    public ResponseEntity<TopUpResponse> topUp(@PathVariable String accountId, @Valid @RequestBody TopUpRequest request) {
        Money amount = Money.of(request.amount());
        TopUpPurchased purchased = commands.sendAndWait(new PurchaseTopUp(accountId, request.topUpId(), amount,
                request.paymentReference(), time.resolve(request.purchasedAt(), "purchasedAt"),
                request.principalExpiresAt(), request.bonusExpiresAt(), request.lotPriority(),
                request.fingerprint(accountId), request.autoRechargeRequestId()));
        List<LotView> lots = purchased.lots().stream().map(TopUpController::view).toList();
        return ResponseEntity.status(HttpStatus.CREATED).body(new TopUpResponse(purchased.topUpId(),
                purchased.amount(), purchased.bonusCredits(), purchased.totalCredits(), lots,
                purchased.overageNetted(), purchased.receivableSettled(), purchased.purchasedAt(),
                positions.latestOf(accountId)));
    }

    private static LotView view(LotGranted lot) {
        return new LotView(lot.lotId(), lot.kind(), lot.credits(), lot.allocatedCash(), lot.expiresAt(), lot.priority());
    }
}
