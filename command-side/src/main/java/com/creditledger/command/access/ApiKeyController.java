package com.creditledger.command.access;

import com.creditledger.command.http.Identifiers;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.platform.security.ApiKeyPrincipal;
import com.creditledger.platform.security.ApiKeys;
import com.creditledger.platform.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Creates and revokes API keys. The token is in the creation answer only; the ledger keeps its hash. */
@RestController
class ApiKeyController {

    private final ApiKeys keys;
    private final EventStore events;

    ApiKeyController(ApiKeys keys, EventStore events) {
        this.keys = keys;
        this.events = events;
    }

    record NewKey(@NotNull Role role,
                  @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String accountId,
                  @Size(max = 255) String description) {
    }

    @PostMapping("/v1/admin/api-keys")
    ResponseEntity<ApiKeys.Created> create(@Valid @RequestBody NewKey key, @AuthenticationPrincipal ApiKeyPrincipal caller) {
        if ((key.role() == Role.CUSTOMER) != (key.accountId() != null)) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "accountId",
                    "a customer key needs an accountId, and only a customer key has one");
        }
        // a key for an account that does not exist yet would gain access once someone opens it
        if (key.accountId() != null && events.lastSequenceNumberFor(key.accountId()).isEmpty()) {
            throw new LedgerRejection(RejectionCode.ACCOUNT_NOT_FOUND, "accountId", "no account " + key.accountId());
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(keys.create(key.role(), key.accountId(), key.description(), caller.keyId()));
    }

    @GetMapping("/v1/admin/api-keys")
    Map<String, List<ApiKeys.Listed>> list() {
        return Map.of("keys", keys.list());
    }

    @DeleteMapping("/v1/admin/api-keys/{keyId}")
    ResponseEntity<Void> revoke(@PathVariable String keyId, @AuthenticationPrincipal ApiKeyPrincipal caller) {
        if (!keys.revoke(keyId, caller.keyId())) {
            throw new LedgerRejection(RejectionCode.NOT_FOUND, "keyId", "no active key " + keyId);
        }
        return ResponseEntity.noContent().build();
    }
}
