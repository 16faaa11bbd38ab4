package com.creditledger.platform.security;

/** Who is calling: the key's id (the actor recorded on events), its role, and for a customer its account. */
public record ApiKeyPrincipal(String keyId, Role role, String accountId) {

    /** The actor of work the ledger does by itself, such as expiring lots. */
    public static final String SYSTEM = "system";
}
