package com.creditledger.command.ratecard;

import com.creditledger.command.http.EventPositions;
import com.creditledger.command.http.Identifiers;
import com.creditledger.kernel.ratecard.ModelPrices;
import com.creditledger.kernel.ratecard.PublishRateCard;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

@RestController
public class RateCardController {

    private final CommandGateway commands;
    private final EventPositions positions;

    RateCardController(CommandGateway commands, EventPositions positions) {
        this.commands = commands;
        this.positions = positions;
    }

    public record Price(
            @NotNull @DecimalMin("0") @DecimalMax("1000000") @Digits(integer = 7, fraction = 9) BigDecimal input,
            @DecimalMin("0") @DecimalMax("1000000") @Digits(integer = 7, fraction = 9) BigDecimal cachedInput,
            @NotNull @DecimalMin("0") @DecimalMax("1000000") @Digits(integer = 7, fraction = 9) BigDecimal output) {

        /** Normalised (1.40 and 1.4 are one price); cached input defaults to 10% of input. */
        public ModelPrices toModelPrices() {
            return new ModelPrices(normal(input), normal(cachedInput == null ? input.movePointLeft(1) : cachedInput),
                    normal(output));
        }
    }

    public record RateCardRequest(@NotNull Instant effectiveFrom,
                                  @NotEmpty @Size(max = 1000) Map<@Size(min = 1, max = 128) String, @Valid @NotNull Price> models) {
    }

    public record RateCardResponse(String version, Instant effectiveFrom, Map<String, ModelPrices> models, long position) {
    }

    /** Prices are normalised (1.40 and 1.4 are one price) so republishing the same card is a no-op. */
    @PutMapping("/v1/rate-cards/{version}")
    public RateCardResponse publish(@PathVariable @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE)
                                    String version, @Valid @RequestBody RateCardRequest request) {
        Map<String, ModelPrices> models = new TreeMap<>();
        request.models().forEach((model, price) -> models.put(model, price.toModelPrices()));
        String rateCardId = PublishRateCard.rateCardId(version);
        commands.sendAndWait(new PublishRateCard(rateCardId, version, request.effectiveFrom(), models));
        return new RateCardResponse(version, request.effectiveFrom(), models, positions.latestOf(rateCardId));
    }

    private static BigDecimal normal(BigDecimal price) {
        BigDecimal stripped = price.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
