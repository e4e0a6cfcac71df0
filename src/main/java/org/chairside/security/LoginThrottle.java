package org.chairside.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The rule for wrong passwords, for one username and client address at a time: after {@code attempts} failures within
 * {@code lockout}, the pair is refused for {@code lockout} without a password check. Keyed by the pair, not the name
 * alone, so that guessing a device gateway's password from one address does not lock the gateway out at its own. A
 * right password forgets the pair. Where the tallies are kept is {@link FailedLogins}'s business.
 */
final class LoginThrottle {
    /** One pair's failures since {@code windowStart}, and the end of its lock (null: not locked). */
    record Tally(int failures, Instant windowStart, Instant lockedUntil) {
    }

    private final int attempts;
    private final Duration lockout;

    LoginThrottle(int attempts, Duration lockout) {
        if (attempts < 1) {
            throw new IllegalArgumentException("login attempts must be at least 1, was " + attempts);
        }
        this.attempts = attempts;
        this.lockout = lockout;
    }

    /** When the pair may try again, if it may not at {@code now}; {@code tally} null means no failures. */
    Optional<Instant> lockedUntil(Tally tally, Instant now) {
        return tally != null && tally.lockedUntil() != null && tally.lockedUntil().isAfter(now) ? Optional.of(tally.lockedUntil()) : Optional.empty();
    }

    /** The tally after one more failure at {@code now}; {@code previous} null means none before. */
    Tally afterFailure(Tally previous, Instant now) {
        Tally counting = previous == null || expired(previous, now) ? new Tally(0, now, null) : previous;
        int failures = counting.failures() + 1;
        return failures >= attempts
                ? new Tally(0, now, now.plus(lockout))
                : new Tally(failures, counting.windowStart(), counting.lockedUntil());
    }

    /** Its failures are older than the lockout and any lock has run out: the tally can be forgotten. */
    boolean expired(Tally tally, Instant now) {
        return !tally.windowStart().isAfter(forgottenBefore(now)) && (tally.lockedUntil() == null || !tally.lockedUntil().isAfter(now));
    }

    /** Failures counted from before this instant no longer count. */
    Instant forgottenBefore(Instant now) {
        return now.minus(lockout);
    }
}
