package org.chairside.rules;

/**
 * What one rule concluded about one reading. For a BREACH, {@code limit} is the worst limit crossed,
 * {@code observed} the value compared with it (the change for baseline rules) and {@code message} the
 * sentence a nurse reads on the board.
 */
public record Finding(Rule rule, Outcome outcome, Limit limit, Double observed, Double reading, String message) {

    public Priority priority() {
        return limit == null ? null : limit.priority();
    }

    static Finding clear(Rule rule) {
        return new Finding(rule, Outcome.CLEAR, null, null, null, null);
    }
}
