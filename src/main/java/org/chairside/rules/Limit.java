package org.chairside.rules;

/** One number a clinic signs off: "systolic AT_OR_ABOVE 180 is HIGH". */
public record Limit(Vital vital, Operator operator, Double value, Priority priority) {

    public boolean crossedBy(double observed) {
        return operator.crosses(observed, value);
    }

    public String describe() {
        return vital.label() + " " + operator.symbol() + " " + Numbers.plain(value) + " " + vital.unit();
    }
}
