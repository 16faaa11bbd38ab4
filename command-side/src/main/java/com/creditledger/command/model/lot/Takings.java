package com.creditledger.command.model.lot;

import com.creditledger.kernel.Invariants;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.util.ArrayList;
import java.util.List;

/**
 * Credits taken from lots in a given order, each lot giving what it has free until the wanted
 * amount is covered, with the cash each taking releases. Usage draws and refunds both take credit
 * this way; they differ only in which lots and in what order.
 */
public record Takings(List<Taking> takings, Credits uncovered) {

    public record Taking(String lotId, Credits credits, Money cash) {
    }

    public static Takings inOrder(List<Lot> lots, Credits wanted) {
        List<Taking> takings = new ArrayList<>();
        Credits left = wanted;
        for (Lot lot : lots) {
            if (!left.isPositive()) {
                break;
            }
            Credits taken = left.min(lot.free());
            takings.add(new Taking(lot.lotId(), taken, lot.cashReleasedBy(taken)));
            left = left.minus(taken);
        }
        Credits taken = takings.stream().map(Taking::credits).reduce(Credits.ZERO, Credits::plus);
        Credits uncovered = left;
        Invariants.check(!uncovered.isNegative() && taken.plus(uncovered).equals(wanted),
                () -> "takings " + taken + " and uncovered " + uncovered + " make up the " + wanted + " wanted");
        return new Takings(List.copyOf(takings), uncovered);
    }
}
