package org.chairside.rules;

public enum Outcome {
    /** The condition holds (for as many readings as the rule wants). */
    BREACH,
    /** The reading is back inside the rule's limits. */
    CLEAR
}
