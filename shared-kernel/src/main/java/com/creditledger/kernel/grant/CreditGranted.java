package com.creditledger.kernel.grant;

import com.creditledger.kernel.Invariants;
import com.creditledger.kernel.topup.LotGranted;
import com.creditledger.kernel.topup.LotKind;
import com.creditledger.kernel.value.Money;

import java.time.Instant;

/**
 * Promotional credit given, not sold: one {@link LotKind#PROMOTIONAL} lot carrying no cash, so using
 * it recognizes no revenue and its expiry no breakage, and it is never refunded. {@code approvedBy}
 * is the second key when the grant needed one.
 */
public record CreditGranted(String accountId, String grantId, String reason, LotGranted lot, String grantedBy,
                            String approvedBy, Instant grantedAt, String requestDigest) {

    public CreditGranted {
        Invariants.check(lot.kind() == LotKind.PROMOTIONAL && lot.allocatedCash().equals(Money.ZERO)
                        && !lot.overageNetted().isPositive(),
                () -> "grant " + grantId + " is one promotional lot without cash");
    }
}
