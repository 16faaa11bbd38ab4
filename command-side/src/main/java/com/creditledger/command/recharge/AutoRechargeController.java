package com.creditledger.command.recharge;

import com.creditledger.command.http.BusinessTime;
import com.creditledger.command.http.EventPositions;
import com.creditledger.command.http.Identifiers;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.recharge.AutoRechargeFailed;
import com.creditledger.kernel.recharge.AutoRechargeSet;
import com.creditledger.kernel.recharge.FailAutoRecharge;
import com.creditledger.kernel.recharge.RechargeSettings;
import com.creditledger.kernel.recharge.SetAutoRecharge;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Auto-recharge (docs/domain.md, auto-recharge): the settings, and the payment provider's report
 * that a charge failed. A successful charge is reported as a top-up carrying the request's id.
 */
@RestController
public class AutoRechargeController {

    /** A cooldown longer than this would in effect disable auto-recharge: say so instead. */
    static final Duration LONGEST_COOLDOWN = Duration.ofDays(31);

    private final CommandGateway commands;
    private final EventPositions positions;
    private final BusinessTime time;

    AutoRechargeController(CommandGateway commands, EventPositions positions, BusinessTime time) {
        this.commands = commands;
        this.positions = positions;
        this.time = time;
    }

    public record AutoRechargeRequest(
            @NotNull Boolean enabled,
            @NotNull @DecimalMin("0") @DecimalMax("1000000000") @Digits(integer = 10, fraction = 9) BigDecimal threshold,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000") @Digits(integer = 10, fraction = 2)
            BigDecimal amount,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000") @Digits(integer = 10, fraction = 9)
            BigDecimal rechargeTo,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000") @Digits(integer = 10, fraction = 2)
            BigDecimal monthlyCap,
            @Min(1) @Max(100) Integer maxFailures,
            Duration cooldown) {

        RechargeSettings settings() {
            if ((amount == null) == (rechargeTo == null)) {
                throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "amount",
                        "give either amount (cash per recharge) or rechargeTo (a credit target), not both");
            }
            Credits floor = Credits.of(threshold);
            if (rechargeTo != null && !Credits.of(rechargeTo).exceeds(floor)) {
                throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "rechargeTo",
                        "rechargeTo must be above the threshold " + floor);
            }
            Duration wait = cooldown == null ? RechargeSettings.DEFAULT_COOLDOWN : cooldown;
            if (wait.isNegative() || wait.compareTo(LONGEST_COOLDOWN) > 0) {
                throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "cooldown",
                        "cooldown must be between PT0S and " + LONGEST_COOLDOWN);
            }
            return new RechargeSettings(enabled, floor, amount == null ? null : Money.of(amount),
                    rechargeTo == null ? null : Credits.of(rechargeTo), monthlyCap == null ? null : Money.of(monthlyCap),
                    maxFailures == null ? RechargeSettings.DEFAULT_MAX_FAILURES : maxFailures, wait);
        }
    }

    public record AutoRechargeResponse(String accountId, boolean enabled, Credits threshold, Money amount,
                                       Credits rechargeTo, Money monthlyCap, int maxFailures, Duration cooldown,
                                       long position) {
    }

    @PutMapping("/v1/accounts/{accountId}/auto-recharge")
    public AutoRechargeResponse set(@PathVariable String accountId, @Valid @RequestBody AutoRechargeRequest request) {
        AutoRechargeSet set = commands.sendAndWait(new SetAutoRecharge(accountId, request.settings(), time.now()));
        RechargeSettings settings = set.settings();
        return new AutoRechargeResponse(accountId, settings.enabled(), settings.threshold(), settings.amount(),
                settings.rechargeTo(), settings.monthlyCap(), settings.maxFailures(), settings.cooldown(),
                positions.latestOf(accountId));
    }

    public record FailureReport(@NotBlank @Size(max = 500) @Pattern(regexp = Identifiers.PRINTABLE,
            message = Identifiers.PRINTABLE_MESSAGE) String reason) {
    }

    public record FailureResponse(String requestId, String reason, int consecutiveFailures, long position) {
    }

    @PostMapping("/v1/accounts/{accountId}/auto-recharge/{requestId}/failed")
    public FailureResponse failed(@PathVariable String accountId, @PathVariable String requestId,
                                  @Valid @RequestBody FailureReport report) {
        AutoRechargeFailed failed = commands.sendAndWait(new FailAutoRecharge(accountId, requestId, report.reason(),
                time.now()));
        return new FailureResponse(failed.requestId(), failed.reason(), failed.consecutiveFailures(),
                positions.latestOf(accountId));
    }
}
