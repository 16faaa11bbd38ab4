package com.creditledger.command.alert;

import com.creditledger.command.http.BusinessTime;
import com.creditledger.command.http.EventPositions;
import com.creditledger.kernel.alert.AlertRulesSet;
import com.creditledger.kernel.alert.SetAlertRules;
import com.creditledger.kernel.value.Credits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;
import java.util.TreeSet;

/**
 * An account's alert rules (docs/domain.md, alerts). Setting them replaces them; a field left out
 * takes its default: no balance or spend alerts, expiry notices 60, 7 and 1 days ahead.
 */
@RestController
public class AlertController {

    /** More thresholds than this is a configuration mistake, not a need. */
    static final int MOST_THRESHOLDS = 20;

    private final CommandGateway commands;
    private final EventPositions positions;
    private final BusinessTime time;

    AlertController(CommandGateway commands, EventPositions positions, BusinessTime time) {
        this.commands = commands;
        this.positions = positions;
        this.time = time;
    }

    public record AlertRulesRequest(
            @Size(max = MOST_THRESHOLDS) List<@NotNull @DecimalMin(value = "0", inclusive = false)
                    @DecimalMax("1000000000") @Digits(integer = 10, fraction = 9) BigDecimal> balanceBelow,
            @Size(max = MOST_THRESHOLDS) List<@NotNull @Min(1) @Max(1000) Integer> spendPercent,
            @Size(max = MOST_THRESHOLDS) List<@NotNull @Min(1) @Max(3650) Integer> expiryNoticeDays) {
    }

    public record AlertRulesResponse(String accountId, List<Credits> balanceBelow, List<Integer> spendPercent,
                                     List<Integer> expiryNoticeDays, long position) {
    }

    @PutMapping("/v1/accounts/{accountId}/alerts")
    public AlertRulesResponse set(@PathVariable String accountId, @Valid @RequestBody AlertRulesRequest request) {
        List<Credits> balanceBelow = request.balanceBelow() == null ? List.of()
                : List.copyOf(new TreeSet<>(request.balanceBelow().stream().map(Credits::of).toList()));
        List<Integer> spendPercent = request.spendPercent() == null ? List.of()
                : List.copyOf(new TreeSet<>(request.spendPercent()));
        List<Integer> noticeDays = request.expiryNoticeDays() == null ? List.of(60, 7, 1)
                : List.copyOf(new TreeSet<>(request.expiryNoticeDays()).descendingSet());
        AlertRulesSet set = commands.sendAndWait(new SetAlertRules(accountId, balanceBelow, spendPercent, noticeDays,
                time.now()));
        return new AlertRulesResponse(accountId, set.balanceBelow(), set.spendPercent(), set.expiryNoticeDays(),
                positions.latestOf(accountId));
    }
}
