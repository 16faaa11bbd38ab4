package com.creditledger.kernel.alert;

import com.creditledger.kernel.value.Credits;

import java.time.Instant;
import java.util.List;

/** The account's alert rules from now on (thresholds in ascending order). */
public record AlertRulesSet(String accountId,
                            List<Credits> balanceBelow,
                            List<Integer> spendPercent,
                            List<Integer> expiryNoticeDays,
                            Instant setAt) {

    public AlertRulesSet {
        balanceBelow = List.copyOf(balanceBelow);
        spendPercent = List.copyOf(spendPercent);
        expiryNoticeDays = List.copyOf(expiryNoticeDays);
    }
}
