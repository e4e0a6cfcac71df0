package org.chairside.security;

/** A user ended their login (POST /api/logout): their open live streams end with it, on every instance. */
public record LoggedOut(String username) {
}
