package com.creditledger.command.grant;

import com.creditledger.command.http.BusinessTime;
import com.creditledger.command.http.EventPositions;
import com.creditledger.command.http.Identifiers;
import com.creditledger.command.idempotency.RequestDigest;
import com.creditledger.kernel.grant.ApproveGrant;
import com.creditledger.kernel.grant.CreditGranted;
import com.creditledger.kernel.grant.GrantCredit;
import com.creditledger.kernel.grant.GrantRequested;
import com.creditledger.kernel.value.Credits;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/** Promotional, trial and goodwill credit (docs/domain.md, grants). */
@RestController
public class GrantController {

    private final CommandGateway commands;
    private final EventPositions positions;
    private final BusinessTime time;

    GrantController(CommandGateway commands, EventPositions positions, BusinessTime time) {
        this.commands = commands;
        this.positions = positions;
        this.time = time;
    }

    public record GrantRequest(
            @NotNull @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String grantId,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000")
            @Digits(integer = 10, fraction = 9) BigDecimal credits,
            @NotNull @NotBlank @Size(max = 500)
            @Pattern(regexp = Identifiers.PRINTABLE, message = Identifiers.PRINTABLE_MESSAGE) String reason,
            Instant expiresAt,
            Period validity,
            @Min(-1000) @Max(1000) Integer priority) {

        @JsonIgnore
        @AssertTrue(message = "send either expiresAt or a positive validity")
        public boolean isExpiresAtOrValidity() {
            return expiresAt != null ? validity == null
                    : validity != null && !validity.isNegative() && !validity.isZero();
        }

        Instant expiry(Instant now) {
            return expiresAt != null ? expiresAt : now.atOffset(ZoneOffset.UTC).plus(validity).toInstant();
        }

        int lotPriority() {
            return priority == null ? 0 : priority;
        }

        /** Every field, as sent: a retry with any field changed is another request (409). */
        String fingerprint(String accountId) {
            return RequestDigest.of(accountId, grantId, Credits.of(credits), reason, expiresAt, validity, lotPriority());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GrantResponse(String grantId, String status, String lotId, Credits credits, String reason,
                                Instant grantedAt, Instant expiresAt, int priority, String requestedBy,
                                String approvedBy, long position) {

        static GrantResponse of(CreditGranted granted, long position) {
            return new GrantResponse(granted.grantId(), "granted", granted.lot().lotId(), granted.lot().credits(),
                    granted.reason(), granted.grantedAt(), granted.lot().expiresAt(), granted.lot().priority(),
                    granted.grantedBy(), granted.approvedBy(), position);
        }
    }

    /** 201 when granted at once; 202 with status {@code pending_approval} above the approval threshold. */
    @PostMapping("/v1/accounts/{accountId}/grants")
    public ResponseEntity<GrantResponse> grant(@PathVariable String accountId, @Valid @RequestBody GrantRequest request) {
        Instant now = time.now();
        Object outcome = commands.sendAndWait(new GrantCredit(accountId, request.grantId(), Credits.of(request.credits()),
                request.reason(), request.expiry(now), request.lotPriority(), now, request.fingerprint(accountId)));
        long position = positions.latestOf(accountId);
        if (outcome instanceof GrantRequested pending) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(new GrantResponse(pending.grantId(),
                    "pending_approval", null, pending.credits(), pending.reason(), null, pending.expiresAt(),
                    pending.priority(), pending.requestedBy(), null, position));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(GrantResponse.of((CreditGranted) outcome, position));
    }

    @PostMapping("/v1/accounts/{accountId}/grants/{grantId}/approve")
    public GrantResponse approve(@PathVariable String accountId, @PathVariable String grantId) {
        CreditGranted granted = commands.sendAndWait(new ApproveGrant(accountId, grantId, time.now()));
        return GrantResponse.of(granted, positions.latestOf(accountId));
    }
}
