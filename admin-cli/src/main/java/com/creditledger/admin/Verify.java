package com.creditledger.admin;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code verify [account]}: the hash chains, account by account with a progress line, stopping at
 * the first broken link (exit 1, naming the event).
 */
final class Verify {

    private final LedgerApi api;
    private final PrintStream out;

    Verify(LedgerApi api, PrintStream out) {
        this.api = api;
        this.out = out;
    }

    int run(String account) {
        List<String> accounts = account != null ? List.of(account) : allAccounts();
        long events = 0;
        for (int i = 0; i < accounts.size(); i++) {
            JsonNode verified = api.query("/v1/audit/verify?" + LedgerApi.encode(Map.of("accountId", accounts.get(i))));
            events += verified.path("eventsChecked").asLong();
            out.printf("\rverifying: %d/%d accounts, %,d events", i + 1, accounts.size(), events);
            if (!verified.path("intact").asBoolean()) {
                JsonNode broken = verified.path("firstBrokenLink");
                out.printf("%nBROKEN: account %s, event %d (position %d, id %s): %s%n", broken.path("aggregateId").asText(),
                        broken.path("sequenceNumber").asLong(), broken.path("position").asLong(),
                        broken.path("eventId").asText(), broken.path("reason").asText());
                return LedgerAdmin.FOUND_A_PROBLEM;
            }
        }
        out.printf("%nintact: %d accounts, %,d events%n", accounts.size(), events);
        return LedgerAdmin.OK;
    }

    private List<String> allAccounts() {
        List<String> accounts = new ArrayList<>();
        String after = "";
        do {
            JsonNode page = api.query("/v1/accounts?" + LedgerApi.encode(Map.of("after", after, "limit", "1000")));
            page.path("accounts").forEach(a -> accounts.add(a.path("accountId").asText()));
            after = page.path("next").isTextual() ? page.path("next").asText() : null;
        } while (after != null);
        return accounts;
    }
}
