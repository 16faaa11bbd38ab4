package com.creditledger.kernel.reservation;

import com.creditledger.kernel.Invariants;
import com.creditledger.kernel.value.Credits;

import java.util.List;

/**
 * What keeps a hold's credit: earmarks on lots that stay usable until the hold expires, and the
 * part held on the account itself — the overdraft headroom of a prepaid account, the next invoice
 * of a postpaid one. An empty backing holds nothing.
 */
public record Backing(List<Earmark> earmarks, Credits onAccount) {

    public static final Backing NONE = new Backing(List.of(), Credits.ZERO);

    public Backing {
        Invariants.check(!onAccount.isNegative(), () -> "backing on the account is not negative");
        earmarks = List.copyOf(earmarks);
    }

    public Credits total() {
        return earmarks.stream().map(Earmark::credits).reduce(onAccount, Credits::plus);
    }
}
