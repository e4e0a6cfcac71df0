package org.chairside.security;

/** A user ended their login (POST /api/logout): whatever this instance still serves them on that login must end too. */
public record LoggedOut(String username) {
}
