package com.creditledger.kernel.invoice;

import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

/** One model's usage on an invoice: its calls, credits at list price and the amount billed. */
public record InvoiceLine(String model, long calls, Credits credits, Money amount) {

    public InvoiceLine plus(Credits moreCredits, Money moreAmount) {
        return new InvoiceLine(model, calls + 1, credits.plus(moreCredits), amount.plus(moreAmount));
    }
}
