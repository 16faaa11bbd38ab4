package com.creditledger.command.model.alert;

import com.creditledger.kernel.alert.Direction;
import com.creditledger.kernel.value.Credits;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which alerts an account is owed: its rules, the balance thresholds it is below right now, and
 * the spend thresholds already reached per month. A crossing is reported once — going down, then
 * again only after coming back up — and a spend threshold once a month, so a balance hovering
 * around a threshold or a thousand debits past it alert once, not a thousand times.
 * Immutable: a rule change or a crossing is a new state.
 */
public record Alerts(List<Credits> balanceBelow, List<Integer> spendPercent, List<Integer> expiryNoticeDays,
                     Set<Credits> below, Map<String, Set<Integer>> reached) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Until an account sets its own: no balance or spend alerts, expiry notices 60, 7 and 1 days ahead. */
    public static final Alerts DEFAULT = new Alerts(List.of(), List.of(), List.of(60, 7, 1), Set.of(), Map.of());

    public Alerts {
        balanceBelow = List.copyOf(balanceBelow);
        spendPercent = List.copyOf(spendPercent);
        expiryNoticeDays = List.copyOf(expiryNoticeDays);
        below = Set.copyOf(below);
        reached = Map.copyOf(reached);
    }

    public Alerts withRules(List<Credits> newBalanceBelow, List<Integer> newSpendPercent, List<Integer> newNoticeDays) {
        return new Alerts(newBalanceBelow, newSpendPercent, newNoticeDays, below, reached);
    }

    /** A threshold crossing the balance just made. */
    public record Crossing(Credits threshold, Direction direction) {
    }

    /** Whether any balance threshold is set, or one since removed still owes its recovery. */
    public boolean watchesBalance() {
        return !balanceBelow.isEmpty() || !below.isEmpty();
    }

    /**
     * The thresholds that {@code available} is now on the other side of; with balance alerts set,
     * zero is one of them (depletion).
     */
    public List<Crossing> crossings(Credits available) {
        if (!watchesBalance()) {
            return List.of();
        }
        TreeSet<Credits> thresholds = new TreeSet<>(balanceBelow);
        thresholds.add(Credits.ZERO);
        thresholds.addAll(below); // a threshold since removed from the rules still reports its recovery
        List<Crossing> crossings = new ArrayList<>();
        for (Credits threshold : thresholds) {
            boolean isBelow = threshold.isZero() ? !available.isPositive() : available.compareTo(threshold) < 0;
            if (isBelow && !below.contains(threshold)) {
                crossings.add(new Crossing(threshold, Direction.DOWN));
            } else if (!isBelow && below.contains(threshold)) {
                crossings.add(new Crossing(threshold, Direction.UP));
            }
        }
        return crossings;
    }

    public Alerts afterCrossing(Credits threshold, Direction direction) {
        Set<Credits> next = new TreeSet<>(below);
        if (direction == Direction.DOWN) {
            next.add(threshold);
        } else {
            next.remove(threshold);
        }
        return new Alerts(balanceBelow, spendPercent, expiryNoticeDays, next, reached);
    }

    /** Spend thresholds {@code spent} has reached in {@code month} and that were not reported there yet. */
    public List<Integer> newlyReached(String month, Credits spent, Credits limit) {
        if (limit == null || !limit.isPositive()) {
            return List.of();
        }
        Set<Integer> already = reached.getOrDefault(month, Set.of());
        return spendPercent.stream()
                .filter(percent -> !already.contains(percent))
                .filter(percent -> spent.toBigDecimal().multiply(HUNDRED)
                        .compareTo(limit.toBigDecimal().multiply(BigDecimal.valueOf(percent))) >= 0)
                .toList();
    }

    public Alerts afterReaching(String month, int percent) {
        Map<String, Set<Integer>> next = new HashMap<>(reached);
        Set<Integer> inMonth = new TreeSet<>(next.getOrDefault(month, Set.of()));
        inMonth.add(percent);
        next.put(month, inMonth);
        return new Alerts(balanceBelow, spendPercent, expiryNoticeDays, below, next);
    }
}
