package com.creditledger.command.guard;

import com.creditledger.command.account.Spendable;
import com.creditledger.command.account.SpendableReads;
import com.creditledger.command.http.BusinessTime;
import com.creditledger.command.http.EventPositions;
import com.creditledger.kernel.account.AccountStatus;
import com.creditledger.kernel.spendlimit.SetSpendLimit;
import com.creditledger.kernel.value.Credits;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;

/** The gateway's "may this call go?" and the monthly spend limit that bounds the answer. */
@RestController
public class SpendableController {

    private final CommandGateway commands;
    private final SpendableReads spendables;
    private final EventPositions positions;
    private final BusinessTime time;

    SpendableController(CommandGateway commands, SpendableReads spendables, EventPositions positions, BusinessTime time) {
        this.commands = commands;
        this.spendables = spendables;
        this.positions = positions;
        this.time = time;
    }

    public record SpendableResponse(String accountId, AccountStatus status, Credits available, Credits reserved,
                                    Credits overdraftHeadroom,
                                    @JsonInclude(JsonInclude.Include.NON_NULL) Spendable.Limit spendLimit,
                                    long position) {
    }

    /** Exact as of the account's last accepted command: asked of the account, not of a projection. */
    @GetMapping("/v1/accounts/{accountId}/spendable")
    public SpendableResponse spendable(@PathVariable String accountId) {
        SpendableReads.Read read = spendables.of(accountId, time.now());
        Spendable spendable = read.spendable();
        return new SpendableResponse(spendable.accountId(), spendable.status(), spendable.available(),
                spendable.reserved(), spendable.overdraftHeadroom(), spendable.spendLimit(), read.position());
    }

    /** {@code monthly} in credits per UTC month; null (or absent) removes the limit. */
    public record SpendLimitRequest(
            @DecimalMin("0") @DecimalMax("1000000000") @Digits(integer = 10, fraction = 9) BigDecimal monthly) {
    }

    public record SpendLimitResponse(String accountId, Credits monthly, long position) {
    }

    @PutMapping("/v1/accounts/{accountId}/spend-limit")
    public SpendLimitResponse spendLimit(@PathVariable String accountId, @Valid @RequestBody SpendLimitRequest request) {
        Credits monthly = request.monthly() == null ? null : Credits.of(request.monthly());
        commands.sendAndWait(new SetSpendLimit(accountId, monthly, time.now()));
        return new SpendLimitResponse(accountId, monthly, positions.latestOf(accountId));
    }
}
