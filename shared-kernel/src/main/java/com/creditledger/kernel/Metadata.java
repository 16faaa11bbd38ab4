package com.creditledger.kernel;

/** Keys of the metadata every command and event carries. */
public final class Metadata {

    /** The API key id that caused a command and its events, or "system" for the ledger's own work. */
    public static final String ACTOR = "actor";

    /**
     * The ledger clock's instant an event was recorded at (ISO-8601): the recording-time axis. Events
     * recorded before it existed are read at their store timestamp.
     */
    public static final String RECORDED_AT = "recordedAt";

    private Metadata() {
    }
}
