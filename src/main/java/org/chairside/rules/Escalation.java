package org.chairside.rules;

/** A HIGH alert nobody acknowledged for this long is escalated to a second person. */
public record Escalation(Integer unacknowledgedSeconds) {
}
