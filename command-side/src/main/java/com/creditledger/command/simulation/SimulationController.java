package com.creditledger.command.simulation;

import com.creditledger.command.http.Identifiers;
import com.creditledger.command.model.pricing.PriceList;
import com.creditledger.command.model.simulation.MonthFigures;
import com.creditledger.command.model.simulation.SimulationTerms;
import com.creditledger.command.model.simulation.TermsReplay;
import com.creditledger.command.ratecard.RateCardController;
import com.creditledger.command.ratecard.RateCatalog;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.account.BillingMode;
import com.creditledger.kernel.ratecard.ModelPrices;
import com.creditledger.kernel.topup.BonusSchedule;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What-if replays (docs/domain.md, simulations): the real history of one account, or a page of all,
 * replayed under other terms in memory. Nothing is written: the events are read from the store and
 * the figures computed by {@link TermsReplay}; no command is sent and no table touched.
 */
@RestController
public class SimulationController {

    private final AccountHistories histories;
    private final RateCatalog rateCards;
    private final BonusSchedule packs;
    private final int maxMonths;

    SimulationController(AccountHistories histories, RateCatalog rateCards, BonusSchedule packs,
                         @Value("${ledger.simulations.max-months:36}") int maxMonths) {
        this.histories = histories;
        this.rateCards = rateCards;
        this.packs = packs;
        this.maxMonths = maxMonths;
    }

    public record Pack(@NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000")
                       @Digits(integer = 10, fraction = 2) BigDecimal amount,
                       @NotNull @DecimalMin("0") @DecimalMax("1000") @Digits(integer = 4, fraction = 4) BigDecimal bonusPercent) {
    }

    public record InlineRateCard(@NotEmpty @Size(max = 1000)
                                 Map<@Size(min = 1, max = 128) String, RateCardController.@Valid @NotNull Price> models) {
    }

    public record Terms(@Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String rateCardVersion,
                        @Valid InlineRateCard rateCard,
                        @Pattern(regexp = "prepaid|postpaid", message = "must be prepaid or postpaid") String billing,
                        @Valid @Size(max = 100) List<@Valid @NotNull Pack> packs,
                        Period principalValidity, Period bonusValidity) {
    }

    public record SimulationRequest(@Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String accountId,
                                    @NotNull YearMonth from, @NotNull YearMonth to, @Valid @NotNull Terms terms,
                                    @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String afterAccountId,
                                    @Min(1) @Max(1000) Integer pageSize) {
    }

    public record Figures(Money cost, Credits creditsUsed, Credits creditsExpired, Credits creditsUncovered,
                          Money usageRevenue, Money breakage, Money revenue, Money refunded) {

        static Figures of(MonthFigures month) {
            return new Figures(month.cost(), month.creditsUsed(), month.creditsExpired(), month.creditsUncovered(),
                    month.usageRevenue(), month.breakage(), month.revenue(), month.refunded());
        }
    }

    /** Simulated less actual: what the other terms would have changed. */
    public record Difference(Money cost, Credits creditsExpired, Money breakage, Money revenue) {

        static Difference between(MonthFigures simulated, MonthFigures actual) {
            return new Difference(simulated.cost().minus(actual.cost()),
                    simulated.creditsExpired().minus(actual.creditsExpired()),
                    simulated.breakage().minus(actual.breakage()), simulated.revenue().minus(actual.revenue()));
        }
    }

    public record Month(String month, Figures simulated, Figures actual, Difference difference) {
    }

    public record Comparison(Figures simulated, Figures actual, Difference difference) {

        static Comparison of(MonthFigures simulated, MonthFigures actual) {
            return new Comparison(Figures.of(simulated), Figures.of(actual), Difference.between(simulated, actual));
        }
    }

    public record AccountResult(String accountId, String billing, List<Month> months, Comparison total) {
    }

    public record SimulationResponse(String from, String to, String billing, String rateCardVersion, int accounts,
                                     long eventsReplayed, List<AccountResult> results, Comparison total,
                                     String nextAfterAccountId) {
    }

    @PostMapping("/v1/simulations")
    public SimulationResponse simulate(@Valid @RequestBody SimulationRequest request) {
        if (request.from().isAfter(request.to())) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "from", "from " + request.from()
                    + " is after to " + request.to());
        }
        long months = ChronoUnit.MONTHS.between(request.from(), request.to()) + 1;
        if (months > maxMonths) {
            throw new LedgerRejection(RejectionCode.SIMULATION_TOO_LONG, "to", "a simulation spans at most " + maxMonths
                    + " months (ledger.simulations.max-months), not " + months);
        }
        Terms terms = request.terms();
        if (terms.rateCardVersion() != null && terms.rateCard() != null) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "rateCard", "give a rateCardVersion or a rateCard, not both");
        }
        PriceList prices = prices(terms);
        BonusSchedule schedule = terms.packs() == null ? packs : new BonusSchedule(terms.packs().stream()
                .collect(Collectors.toMap(pack -> Money.of(pack.amount()), Pack::bonusPercent, (a, b) -> b)));
        Instant until = request.to().plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        int pageSize = request.pageSize() == null ? 100 : request.pageSize();
        List<String> accounts = accountsOf(request, pageSize);

        List<AccountResult> results = new ArrayList<>();
        MonthFigures simulatedTotal = MonthFigures.NONE;
        MonthFigures actualTotal = MonthFigures.NONE;
        long replayed = 0;
        for (String accountId : accounts) {
            AccountHistory history = histories.read(accountId, until);
            replayed += history.events();
            BillingMode billing = terms.billing() == null ? history.billing() : BillingMode.valueOf(terms.billing().toUpperCase());
            Map<YearMonth, MonthFigures> simulated = TermsReplay.replay(accountId, history.facts(), new SimulationTerms(
                    prices, billing, schedule, terms.principalValidity(), terms.bonusValidity()), history.terms(), until);
            MonthFigures simulatedInPeriod = within(simulated, request.from(), request.to());
            MonthFigures actualInPeriod = within(history.actual(), request.from(), request.to());
            results.add(new AccountResult(accountId, billing.name().toLowerCase(),
                    months(request.from(), request.to(), simulated, history.actual()),
                    Comparison.of(simulatedInPeriod, actualInPeriod)));
            simulatedTotal = simulatedTotal.plus(simulatedInPeriod);
            actualTotal = actualTotal.plus(actualInPeriod);
        }
        String next = request.accountId() == null && accounts.size() == pageSize ? accounts.get(accounts.size() - 1) : null;
        return new SimulationResponse(request.from().toString(), request.to().toString(), terms.billing(),
                prices == null ? null : prices.version(), results.size(), replayed, results,
                Comparison.of(simulatedTotal, actualTotal), next);
    }

    private PriceList prices(Terms terms) {
        if (terms.rateCardVersion() != null) {
            return rateCards.version(terms.rateCardVersion()).orElseThrow(() -> new LedgerRejection(
                    RejectionCode.RATE_CARD_NOT_FOUND, "rateCardVersion", "no rate card " + terms.rateCardVersion()));
        }
        if (terms.rateCard() != null) {
            Map<String, ModelPrices> models = new TreeMap<>();
            terms.rateCard().models().forEach((model, price) -> models.put(model, price.toModelPrices()));
            return new PriceList("inline", Instant.EPOCH, models);
        }
        return null;
    }

    private List<String> accountsOf(SimulationRequest request, int pageSize) {
        if (request.accountId() != null) {
            if (!histories.exists(request.accountId())) {
                throw new LedgerRejection(RejectionCode.ACCOUNT_NOT_FOUND, "accountId", "no account " + request.accountId());
            }
            return List.of(request.accountId());
        }
        return histories.accounts(request.afterAccountId() == null ? "" : request.afterAccountId(), pageSize);
    }

    private static List<Month> months(YearMonth from, YearMonth to, Map<YearMonth, MonthFigures> simulated,
                                      Map<YearMonth, MonthFigures> actual) {
        List<Month> months = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            MonthFigures sim = simulated.getOrDefault(month, MonthFigures.NONE);
            MonthFigures act = actual.getOrDefault(month, MonthFigures.NONE);
            months.add(new Month(month.toString(), Figures.of(sim), Figures.of(act), Difference.between(sim, act)));
        }
        return months;
    }

    private static MonthFigures within(Map<YearMonth, MonthFigures> months, YearMonth from, YearMonth to) {
        return months.entrySet().stream().filter(month -> !month.getKey().isBefore(from) && !month.getKey().isAfter(to))
                .map(Map.Entry::getValue).reduce(MonthFigures.NONE, MonthFigures::plus);
    }
}
