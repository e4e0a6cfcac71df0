package org.chairside.security;

/**
 * An admin disabled or enabled a user, changed their roles or set their password; fired inside the change's
 * transaction. Once it commits, every instance forgets the user's remembered login (so the next request reads the
 * user table again) and ends the user's open live streams (authenticated once, when they opened).
 */
public record AccessChanged(String username) {
}
