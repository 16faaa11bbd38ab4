package com.creditledger.command.plan;

import com.creditledger.command.http.BusinessTime;
import com.creditledger.command.http.EventPositions;
import com.creditledger.kernel.plan.CancelPlan;
import com.creditledger.kernel.plan.PlanCancelled;
import com.creditledger.kernel.plan.PlanSet;
import com.creditledger.kernel.plan.SetPlan;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;

/** Subscription plans: a monthly fee with included credits (docs/domain.md, plans). */
@RestController
public class PlanController {

    private final CommandGateway commands;
    private final EventPositions positions;
    private final BusinessTime time;
    private final int netDays;

    PlanController(CommandGateway commands, EventPositions positions, BusinessTime time,
                   @Value("${ledger.invoices.net-days:30}") int netDays) {
        this.commands = commands;
        this.positions = positions;
        this.time = time;
        this.netDays = netDays;
    }

    public record PlanRequest(
            @NotNull @DecimalMin("0") @DecimalMax("1000000000") @Digits(integer = 10, fraction = 2) BigDecimal monthlyFee,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000")
            @Digits(integer = 10, fraction = 9) BigDecimal includedCredits,
            @NotNull Instant startsAt) {
    }

    public record PlanResponse(String accountId, String status, Money monthlyFee, Credits includedCredits,
                               Instant startsAt, Instant endsAt, String nextRenewal, long position) {
    }

    /** New terms take effect at {@code startsAt}, a UTC month start not yet billed. */
    @PutMapping("/v1/accounts/{accountId}/plan")
    public PlanResponse set(@PathVariable String accountId, @Valid @RequestBody PlanRequest request) {
        PlanSet set = commands.sendAndWait(new SetPlan(accountId, Money.of(request.monthlyFee()),
                Credits.of(request.includedCredits()), request.startsAt(), netDays, time.now()));
        return new PlanResponse(accountId, "active", set.monthlyFee(), set.includedCredits(), set.startsAt(), null,
                set.nextRenewal(), positions.latestOf(accountId));
    }

    /** The plan ends at the next month start not yet billed. */
    @DeleteMapping("/v1/accounts/{accountId}/plan")
    public PlanResponse cancel(@PathVariable String accountId) {
        PlanCancelled cancelled = commands.sendAndWait(new CancelPlan(accountId, time.now()));
        return new PlanResponse(accountId, "cancelled", null, null, null, cancelled.endsAt(), cancelled.nextRenewal(),
                positions.latestOf(accountId));
    }
}
