package com.creditledger.query.economics;

import com.creditledger.query.projection.ReadEndpoint;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;

@ReadEndpoint
class EconomicsController {

    private final AccountEconomics economics;

    EconomicsController(AccountEconomics economics) {
        this.economics = economics;
    }

    /**
     * Prepaid against metered for one account as of {@code asOf} (default: now by this server's
     * clock; pass {@code asOf} when the ledger runs on a manual clock).
     */
    @GetMapping("/v1/accounts/{accountId}/economics")
    AccountEconomics.Economics economics(@PathVariable String accountId, @RequestParam(required = false) Instant asOf) {
        return economics.of(accountId, asOf == null ? Instant.now() : asOf);
    }
}
