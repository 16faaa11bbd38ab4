package com.creditledger.command.account;

import com.creditledger.command.http.BusinessTime;
import com.creditledger.command.http.EventPositions;
import com.creditledger.command.http.Identifiers;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.account.AccountOpened;
import com.creditledger.kernel.account.BillingMode;
import com.creditledger.kernel.account.CloseAccount;
import com.creditledger.kernel.account.CreditTerms;
import com.creditledger.kernel.account.OpenAccount;
import com.creditledger.kernel.account.ReactivateAccount;
import com.creditledger.kernel.account.SuspendAccount;
import com.creditledger.kernel.value.Credits;
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
import java.time.Instant;
import java.time.Period;
import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

@RestController
public class AccountController {

    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    private final CommandGateway commands;
    private final EventPositions positions;
    private final BusinessTime time;

    AccountController(CommandGateway commands, EventPositions positions, BusinessTime time) {
        this.commands = commands;
        this.positions = positions;
        this.time = time;
    }

    public record Terms(Period principalValidity, Period bonusValidity) {

        @JsonIgnore
        @AssertTrue(message = "validity periods must be positive")
        public boolean isPositive() {
            return (principalValidity == null || isPositive(principalValidity))
                    && (bonusValidity == null || isPositive(bonusValidity));
        }

        private static boolean isPositive(Period period) {
            return !period.isNegative() && !period.isZero() && period.toTotalMonths() <= 1200;
        }
    }

    public record OpenAccountRequest(
            @NotNull @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String accountId,
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code") String currency,
            BillingMode billingMode,
            @DecimalMin("0") @DecimalMax("1000000000") @Digits(integer = 10, fraction = 9) BigDecimal overdraftLimit,
            @Valid Terms creditTerms) {
    }

    public record AccountResponse(String accountId, String currency, BillingMode billingMode,
                                  Credits overdraftLimit, CreditTerms creditTerms, long position) {
    }

    public record StatusChange(@Size(max = 500) String reason) {
    }

    public record StatusResponse(String accountId, long position) {
    }

    @PostMapping("/v1/accounts")
    public ResponseEntity<AccountResponse> open(@Valid @RequestBody OpenAccountRequest request) {
        String currency = request.currency() == null ? "USD" : request.currency();
        if (!CURRENCIES.contains(currency)) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "currency", currency + " is not an ISO 4217 currency");
        }
        Terms terms = request.creditTerms() == null ? new Terms(null, null) : request.creditTerms();
        Period principal = terms.principalValidity() == null
                ? CreditTerms.DEFAULT.principalValidity() : terms.principalValidity();
        Period bonus = terms.bonusValidity() == null ? principal : terms.bonusValidity();
        AccountOpened opened = commands.sendAndWait(new OpenAccount(request.accountId(), currency,
                request.billingMode() == null ? BillingMode.PREPAID : request.billingMode(),
                request.overdraftLimit() == null ? Credits.ZERO : Credits.of(request.overdraftLimit()),
                new CreditTerms(principal, bonus), time.now()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new AccountResponse(opened.accountId(),
                opened.currency(), opened.billingMode(), opened.overdraftLimit(), opened.creditTerms(),
                positions.latestOf(opened.accountId())));
    }

    @PostMapping("/v1/accounts/{accountId}/suspend")
    public StatusResponse suspend(@PathVariable String accountId, @Valid @RequestBody(required = false) StatusChange change) {
        return changeStatus(accountId, change, SuspendAccount::new);
    }

    @PostMapping("/v1/accounts/{accountId}/reactivate")
    public StatusResponse reactivate(@PathVariable String accountId, @Valid @RequestBody(required = false) StatusChange change) {
        return changeStatus(accountId, change, ReactivateAccount::new);
    }

    @PostMapping("/v1/accounts/{accountId}/close")
    public StatusResponse close(@PathVariable String accountId, @Valid @RequestBody(required = false) StatusChange change) {
        return changeStatus(accountId, change, CloseAccount::new);
    }

    private StatusResponse changeStatus(String accountId, StatusChange change, StatusCommand command) {
        commands.sendAndWait(command.of(accountId, change == null ? null : change.reason(), time.now()));
        return new StatusResponse(accountId, positions.latestOf(accountId));
    }

    @FunctionalInterface
    private interface StatusCommand {
        Object of(String accountId, String reason, Instant at);
    }
}
