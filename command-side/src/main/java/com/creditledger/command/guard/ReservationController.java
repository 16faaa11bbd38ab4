package com.creditledger.command.guard;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.creditledger.command.account.CreditAccount;
import com.creditledger.command.http.BusinessTime;
import com.creditledger.command.http.EventPositions;
import com.creditledger.command.http.Identifiers;
import com.creditledger.command.idempotency.RequestDigest;
import com.creditledger.command.model.pricing.PriceList;
import com.creditledger.command.ratecard.RateCatalog;
import com.creditledger.command.usage.UsageController;
import com.creditledger.command.usage.UsageIntake;
import com.creditledger.command.usage.UsageRequest;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.reservation.ExtendReservation;
import com.creditledger.kernel.reservation.ReleaseReservation;
import com.creditledger.kernel.reservation.ReservationExtended;
import com.creditledger.kernel.reservation.ReservationReleased;
import com.creditledger.kernel.reservation.ReserveCredit;
import com.creditledger.kernel.usage.TokenCounts;
import com.creditledger.kernel.value.Credits;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Holds for streaming calls (docs/domain.md, holds): reserve before the stream, extend while it
 * runs long, capture what was delivered (once or in parts), release when nothing was.
 */
@RestController
public class ReservationController {

    /** A hold lasts at most a day: a stream longer than that is a stuck client, not a call. */
    static final Duration LONGEST_HOLD = Duration.ofHours(24);
    static final Duration DEFAULT_HOLD = Duration.ofMinutes(10);

    private final CommandGateway commands;
    private final UsageIntake intake;
    private final RateCatalog rateCatalog;
    private final EventPositions positions;
    private final BusinessTime time;

    ReservationController(CommandGateway commands, UsageIntake intake, RateCatalog rateCatalog, EventPositions positions,
                          BusinessTime time) {
        this.commands = commands;
        this.intake = intake;
        this.rateCatalog = rateCatalog;
        this.positions = positions;
        this.time = time;
    }

    public record ReserveRequest(
            @NotNull @Pattern(regexp = Identifiers.KEY_PATTERN, message = Identifiers.KEY_MESSAGE) String reservationId,
            @Size(min = 1, max = 128) @Pattern(regexp = Identifiers.PRINTABLE, message = Identifiers.PRINTABLE_MESSAGE)
            String model,
            @PositiveOrZero @Max(UsageRequest.MAX_TOKENS) Long inputTokens,
            @PositiveOrZero @Max(UsageRequest.MAX_TOKENS) Long cachedInputTokens,
            @PositiveOrZero @Max(UsageRequest.MAX_TOKENS) Long maxOutputTokens,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000") @Digits(integer = 10, fraction = 9)
            BigDecimal amount,
            Duration expiresIn,
            Instant occurredAt) {

        @JsonIgnore
        @AssertTrue(message = "send a model with token counts, or an amount without token counts")
        public boolean isPricedOneWay() {
            boolean hasTokens = inputTokens != null || cachedInputTokens != null || maxOutputTokens != null;
            return amount != null ? !hasTokens && model == null : model != null && hasTokens;
        }

        String fingerprint(String accountId) {
            return RequestDigest.of(accountId, reservationId, model, inputTokens, cachedInputTokens, maxOutputTokens,
                    amount == null ? null : Credits.of(amount), expiresIn, occurredAt);
        }
    }

    public record HoldResponse(String reservationId, Credits held, Instant expiresAt, Credits available, long position) {
    }

    @PostMapping("/v1/accounts/{accountId}/reservations")
    public ResponseEntity<HoldResponse> reserve(@PathVariable String accountId, @Valid @RequestBody ReserveRequest request) {
        Instant occurredAt = time.resolve(request.occurredAt(), "occurredAt");
        Duration expiresIn = holdDuration(request.expiresIn());
        TokenCounts tokens = TokenCounts.NONE;
        Credits amount;
        PriceList.PricedCall priced = null;
        if (request.amount() != null) {
            amount = Credits.of(request.amount());
        } else {
            tokens = TokenCounts.sent(request.inputTokens(), request.cachedInputTokens(), request.maxOutputTokens());
            priced = rateCatalog.inForceAt(occurredAt).price(request.model(), tokens);
            amount = priced.amount();
        }
        if (!amount.isPositive()) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "maxOutputTokens", "a hold keeps a positive amount");
        }
        CreditAccount.Held held = commands.sendAndWait(new ReserveCredit(accountId, request.reservationId(),
                request.model(), tokens, priced == null ? null : priced.pricing(), amount, occurredAt,
                occurredAt.plus(expiresIn), request.fingerprint(accountId)));
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Idempotent-Replayed", String.valueOf(held.replayed()))
                .body(new HoldResponse(held.reserved().reservationId(), held.reserved().held(),
                        held.reserved().expiresAt(), held.available(), positions.latestOf(accountId)));
    }

    public record ExtendRequest(
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000") @Digits(integer = 10, fraction = 9)
            BigDecimal amount,
            @PositiveOrZero @Max(UsageRequest.MAX_TOKENS) Long maxOutputTokens,
            Duration expiresIn) {

        @JsonIgnore
        @AssertTrue(message = "send either amount or maxOutputTokens")
        public boolean isAmountOrTokens() {
            return (amount != null) != (maxOutputTokens != null);
        }
    }

    @PostMapping("/v1/accounts/{accountId}/reservations/{reservationId}/extend")
    public HoldResponse extend(@PathVariable String accountId, @PathVariable String reservationId,
                               @Valid @RequestBody ExtendRequest request) {
        Instant now = time.now();
        ReservationExtended extended = commands.sendAndWait(new ExtendReservation(accountId, reservationId,
                request.amount() == null ? null : Credits.of(request.amount()), request.maxOutputTokens(),
                request.expiresIn() == null ? null : now.plus(holdDuration(request.expiresIn())), now));
        return new HoldResponse(reservationId, extended.held(), extended.expiresAt(), null,
                positions.latestOf(accountId));
    }

    public record CaptureRequest(
            @NotNull @Pattern(regexp = Identifiers.KEY_PATTERN, message = Identifiers.KEY_MESSAGE) String idempotencyKey,
            String requestId, String apiKeyId, String model, Long inputTokens, Long cachedInputTokens, Long outputTokens,
            BigDecimal amount, Instant occurredAt, @JsonProperty("final") Boolean finalCapture) {

        UsageRequest asUsage(String accountId) {
            return new UsageRequest(accountId, idempotencyKey, requestId, apiKeyId, model, inputTokens, cachedInputTokens,
                    outputTokens, amount, occurredAt);
        }
    }

    /** The usage receipt of the call, plus what it took of its hold and what went back. */
    @PostMapping("/v1/accounts/{accountId}/reservations/{reservationId}/capture")
    @ApiResponse(responseCode = "201", headers = @Header(name = "Idempotent-Replayed", description = "true for a retry answered from the first call's receipt"),
            content = @Content(schema = @Schema(implementation = UsageController.UsageResponse.class)))
    public ResponseEntity<?> capture(@PathVariable String accountId, @PathVariable String reservationId,
                                     @Valid @RequestBody CaptureRequest request) {
        return UsageController.answer(intake.capture(request.asUsage(accountId), reservationId,
                !Boolean.FALSE.equals(request.finalCapture())), UnaryOperator.identity());
    }

    public record ReleaseResponse(String reservationId, Credits released, long position) {
    }

    @PostMapping("/v1/accounts/{accountId}/reservations/{reservationId}/release")
    public ReleaseResponse release(@PathVariable String accountId, @PathVariable String reservationId) {
        ReservationReleased released = commands.sendAndWait(new ReleaseReservation(accountId, reservationId, time.now()));
        return new ReleaseResponse(reservationId, released.released(), positions.latestOf(accountId));
    }

    private static Duration holdDuration(Duration expiresIn) {
        Duration duration = expiresIn == null ? DEFAULT_HOLD : expiresIn;
        if (duration.isNegative() || duration.isZero() || duration.compareTo(LONGEST_HOLD) > 0) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "expiresIn",
                    "a hold lasts more than nothing and at most " + LONGEST_HOLD);
        }
        return duration;
    }
}
