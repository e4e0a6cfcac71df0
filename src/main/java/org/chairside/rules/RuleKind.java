package org.chairside.rules;

public enum RuleKind {
    /** Compares the charted value with the limit. */
    LIMIT,
    /** Compares the change from this session's baseline with the limit; needs a baseline and applies after it. */
    CHANGE_FROM_BASELINE
}
