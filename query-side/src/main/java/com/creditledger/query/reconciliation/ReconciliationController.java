package com.creditledger.query.reconciliation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/admin/reconciliation[?accountId=]}: the events against the projections, now. */
@RestController
class ReconciliationController {

    private final ReconciliationCheck check;

    ReconciliationController(ReconciliationCheck check) {
        this.check = check;
    }

    @GetMapping("/v1/admin/reconciliation")
    Reconciliation.Result reconcile(@RequestParam(required = false) String accountId) {
        return check.run(accountId);
    }
}
