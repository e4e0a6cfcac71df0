package org.chairside.rules;

/** How a value is compared with a limit. Exact: SpO2 92 is not BELOW 92. */
public enum Operator {
    AT_OR_ABOVE("≥"), ABOVE(">"), BELOW("<"), AT_OR_BELOW("≤");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean crosses(double value, double limit) {
        return switch (this) {
            case AT_OR_ABOVE -> value >= limit;
            case ABOVE -> value > limit;
            case BELOW -> value < limit;
            case AT_OR_BELOW -> value <= limit;
        };
    }

    /** True for limits that fire on high values; decides which of two breaches is the worse one. */
    public boolean upward() {
        return this == AT_OR_ABOVE || this == ABOVE;
    }
}
