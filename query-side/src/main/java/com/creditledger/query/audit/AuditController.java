package com.creditledger.query.audit;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
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
        ChainVerifier.Verification verification = verifier.verify(accountId);
        // an auditor's typo must not read as a clean audit
        if (accountId != null && verification.eventsChecked() == 0) {
            throw new LedgerRejection(RejectionCode.NOT_FOUND, "accountId", "no events of " + accountId);
        }
        return verification;
    }
}
