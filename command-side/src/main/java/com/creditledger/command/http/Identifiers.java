package com.creditledger.command.http;

/** The shape of caller-chosen ids (accounts, top-ups, refunds, rate card versions), SPEC §3.2. */
public final class Identifiers {

    public static final String PATTERN = "[A-Za-z0-9._-]{1,64}";
    public static final String MESSAGE = "must be 1 to 64 characters of A-Z a-z 0-9 . _ -";

    private Identifiers() {
    }
}
