package com.creditledger.kernel.usage;

import java.util.List;

/** How a usage amount was derived: the rate card version in force and the unit prices it used. */
public record Pricing(String rateCardVersion, List<PricedDimension> dimensions) {
}
