package com.creditledger.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.util.List;

/** {@code keys create|list|revoke}: API keys, on the command side. */
final class Keys {

    private final LedgerApi api;
    private final PrintStream out;

    Keys(LedgerApi api, PrintStream out) {
        this.api = api;
        this.out = out;
    }

    int run(List<String> words, Arguments arguments) {
        String action = words.isEmpty() ? "" : words.get(0);
        switch (action) {
            case "create" -> {
                if (words.size() != 2) {
                    throw new Arguments.Wrong("keys create takes one role");
                }
                ObjectNode body = JsonNodeFactory.instance.objectNode().put("role", words.get(1).toUpperCase());
                if (arguments.has("account")) {
                    body.put("accountId", arguments.option("account"));
                }
                if (arguments.has("description")) {
                    body.put("description", arguments.option("description"));
                }
                JsonNode key = api.command("POST", "/v1/admin/api-keys", body.toString());
                out.println("keyId  " + key.path("keyId").asText());
                out.println("role   " + key.path("role").asText() + (key.path("accountId").isTextual()
                        ? " (account " + key.path("accountId").asText() + ")" : ""));
                out.println("token  " + key.path("token").asText() + "   (shown only now: keep it)");
            }
            case "list" -> {
                JsonNode keys = api.command("GET", "/v1/admin/api-keys", null).path("keys");
                out.printf("%-40s %-9s %-20s %-25s %s%n", "KEY_ID", "ROLE", "ACCOUNT", "CREATED", "DESCRIPTION");
                for (JsonNode key : keys) {
                    out.printf("%-40s %-9s %-20s %-25s %s%n", key.path("keyId").asText(), key.path("role").asText(),
                            key.path("accountId").asText("-"), key.path("createdAt").asText(),
                            key.path("description").asText(""));
                }
            }
            case "revoke" -> {
                if (words.size() != 2) {
                    throw new Arguments.Wrong("keys revoke takes one key id");
                }
                api.command("DELETE", "/v1/admin/api-keys/" + words.get(1), null);
                out.println("revoked " + words.get(1));
            }
            default -> throw new Arguments.Wrong("keys create|list|revoke");
        }
        return LedgerAdmin.OK;
    }
}
