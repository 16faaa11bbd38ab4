package com.creditledger.command;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a {@link LedgerRejection} by its code, for the aggregates' given/when/then fixtures. */
public final class Rejected extends TypeSafeMatcher<Throwable> {

    private final RejectionCode code;

    private Rejected(RejectionCode code) {
        this.code = code;
    }

    public static Matcher<Throwable> with(RejectionCode code) {
        return new Rejected(code);
    }

    @Override
    protected boolean matchesSafely(Throwable failure) {
        return failure instanceof LedgerRejection rejection && rejection.code() == code;
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a ledger rejection with code " + code.code());
    }
}
