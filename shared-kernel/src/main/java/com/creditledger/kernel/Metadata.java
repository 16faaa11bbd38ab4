package com.creditledger.kernel;

/** Keys of the metadata every command and event carries. */
public final class Metadata {

    /** The API key id that caused a command and its events, or "system" for the ledger's own work. */
    public static final String ACTOR = "actor";

    private Metadata() {
    }
}
