package com.creditledger.command.http;

import java.util.regex.Pattern;

/**
 * The shape of caller-chosen ids (docs/domain.md, identifiers). Every id may appear in a
 * URL path later (a trace, a refund's approval), so only characters that need no escaping there
 * are allowed: an id that cannot be addressed could never be traced.
 */
public final class Identifiers {

    public static final String PATTERN = "[A-Za-z0-9._-]{1,64}";
    public static final String MESSAGE = "must be 1 to 64 characters of A-Z a-z 0-9 . _ -";
    private static final Pattern ID = Pattern.compile(PATTERN);

    /** Usage idempotency keys: longer, and ':' too, so a provider's own request ids fit as they are. */
    public static final String KEY_PATTERN = "[A-Za-z0-9._:-]{1,128}";
    public static final String KEY_MESSAGE = "must be 1 to 128 characters of A-Z a-z 0-9 . _ : -";
    private static final Pattern KEY = Pattern.compile(KEY_PATTERN);

    /** Free text (a model's name, a reason) ends up in CSV exports and logs: no line breaks or other control characters. */
    public static final String PRINTABLE = "\\P{Cntrl}*";
    public static final String PRINTABLE_MESSAGE = "must not contain control characters";
    private static final Pattern TEXT = Pattern.compile(PRINTABLE);

    private Identifiers() {
    }

    /*
     * The checks the @Pattern constraints above make, for values that arrive outside a validated
     * body (a path, inside an invoice id, a CloudEvent's attributes), each pattern compiled once.
     */

    public static boolean isId(String id) {
        return ID.matcher(id).matches();
    }

    public static boolean isKey(String key) {
        return KEY.matcher(key).matches();
    }

    public static boolean isPrintable(String text) {
        return TEXT.matcher(text).matches();
    }
}
