package com.creditledger.kernel.alert;

import com.creditledger.kernel.value.Credits;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Which balance and spend thresholds an account is warned at, and how many days before a lot expires. */
public record SetAlertRules(@TargetAggregateIdentifier String accountId,
                            List<Credits> balanceBelow,
                            List<Integer> spendPercent,
                            List<Integer> expiryNoticeDays,
                            Instant at) {
}
