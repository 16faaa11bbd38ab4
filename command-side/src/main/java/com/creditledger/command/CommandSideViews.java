package com.creditledger.command;

/**
 * The processing group of the command side's own tables (lot expiry schedule, rate cards). It runs
 * subscribing (application.yml), so its handlers write in the transaction that appends the events.
 */
public final class CommandSideViews {

    public static final String GROUP = "command-side-views";

    private CommandSideViews() {
    }
}
