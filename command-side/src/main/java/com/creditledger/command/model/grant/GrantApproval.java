package com.creditledger.command.model.grant;

import com.creditledger.kernel.value.Credits;

/**
 * Maker–checker for promotional grants: a grant of more than {@code threshold} credits waits for a
 * second key's approval; the key that asked may not approve.
 */
public record GrantApproval(Credits threshold) {

    public boolean isNeededFor(Credits credits) {
        return credits.exceeds(threshold);
    }
}
