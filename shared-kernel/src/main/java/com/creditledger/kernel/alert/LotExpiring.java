package com.creditledger.kernel.alert;

import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.time.Instant;

/**
 * A lot expires in {@code daysBefore} days with {@code credits} still unused: what is at risk, in
 * credits and in the deferred revenue behind them. Recorded at exactly {@code expiresAt − daysBefore}.
 */
public record LotExpiring(String accountId,
                          String lotId,
                          Credits credits,
                          Money deferredAmount,
                          Instant expiresAt,
                          int daysBefore,
                          Instant noticeAt) {
}
