package com.creditledger.query.audit;

import com.creditledger.query.projection.ReadEndpoint;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** An auditor verifies one account's events, or the whole store, against their hash chains. */
@ReadEndpoint
class AuditController {

    private final ChainVerifier verifier;

    AuditController(ChainVerifier verifier) {
        this.verifier = verifier;
    }

    @GetMapping("/v1/audit/verify")
    ChainVerifier.Verification verify(@RequestParam(required = false) String accountId) {
        return verifier.verify(accountId);
    }
}
