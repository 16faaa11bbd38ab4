package com.creditledger.command.account;

import com.creditledger.kernel.topup.LotGranted;
import com.creditledger.kernel.topup.LotKind;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.time.Instant;
import java.util.Objects;

/**
 * A lot of credit inside an account: what is left of it and how much of its cash has been
 * released. Cash is released by cumulative rounding (SPEC §4.3): after R credits released,
 * f(R) = round_half_up(A × R ÷ G); every release posts f(R_after) − f(R_before), so a fully released
 * lot has released exactly A whatever the sizes of the single releases.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Lot {

    private String lotId;
    private String topUpId;
    private LotKind kind;
    private int priority;
    private Instant grantedAt;
    private Instant expiresAt;
    private Credits cashBearing;
    private Money allocatedCash;
    private Credits remaining;
    private boolean expired;

    Lot() {
        // for snapshot deserialization
    }

    Lot(String topUpId, LotGranted granted) {
        this.lotId = granted.lotId();
        this.topUpId = topUpId;
        this.kind = granted.kind();
        this.priority = granted.priority();
        this.grantedAt = granted.grantedAt();
        this.expiresAt = granted.expiresAt();
        this.cashBearing = granted.cashBearingCredits();
        this.allocatedCash = granted.allocatedCash();
        this.remaining = cashBearing;
    }

    /** Usable for a call that occurred at {@code at}: granted by then, not yet expired, not empty. */
    public boolean isEligibleAt(Instant at) {
        return !expired && remaining.isPositive() && !grantedAt.isAfter(at) && at.isBefore(expiresAt);
    }

    /** The cash that releasing {@code credits} more of this lot would recognize: f(R + x) − f(R). */
    public Money cashReleasedBy(Credits credits) {
        Credits releasedBefore = cashBearing.minus(remaining);
        return cashAfterReleasing(releasedBefore.plus(credits)).minus(cashAfterReleasing(releasedBefore));
    }

    private Money cashAfterReleasing(Credits released) {
        return allocatedCash.proportion(released.nanos(), cashBearing.nanos());
    }

    void release(Credits credits) {
        remaining = remaining.minus(credits);
    }

    void expire() {
        remaining = Credits.ZERO;
        expired = true;
    }

    /** By state, so an aggregate rebuilt from its events can be compared with the live one. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Lot lot && priority == lot.priority && expired == lot.expired
                && lotId.equals(lot.lotId) && topUpId.equals(lot.topUpId) && kind == lot.kind
                && grantedAt.equals(lot.grantedAt) && expiresAt.equals(lot.expiresAt)
                && cashBearing.equals(lot.cashBearing) && allocatedCash.equals(lot.allocatedCash)
                && remaining.equals(lot.remaining);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lotId, remaining, expired);
    }

    public String lotId() {
        return lotId;
    }

    public String topUpId() {
        return topUpId;
    }

    public LotKind kind() {
        return kind;
    }

    public int priority() {
        return priority;
    }

    public Instant grantedAt() {
        return grantedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Credits remaining() {
        return remaining;
    }

    public boolean isExpired() {
        return expired;
    }
}
