package org.chairside.security;

import java.util.Set;

/** The clinic's roles. A user may hold several. */
public final class Roles {
    public static final String NURSE = "NURSE";
    public static final String PROVIDER = "PROVIDER";
    public static final String ADMIN = "ADMIN";
    public static final Set<String> ALL = Set.of(NURSE, PROVIDER, ADMIN);

    /** The rule a request's role names follow, and its message (annotations need them as constants). */
    public static final String PATTERN = "NURSE|PROVIDER|ADMIN";
    public static final String PATTERN_RULE = "must be NURSE, PROVIDER or ADMIN";
    public static final String NONE_RULE = "needs at least one of NURSE, PROVIDER, ADMIN";

    private Roles() {
    }
}
