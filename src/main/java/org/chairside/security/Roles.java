package org.chairside.security;

import java.util.Set;

/** The clinic's roles. A user may hold several. */
public final class Roles {
    public static final String NURSE = "NURSE";
    public static final String PROVIDER = "PROVIDER";
    public static final String ADMIN = "ADMIN";
    public static final Set<String> ALL = Set.of(NURSE, PROVIDER, ADMIN);

    private Roles() {
    }
}
