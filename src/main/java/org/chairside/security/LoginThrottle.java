package org.chairside.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed password checks per username and client address: after {@code attempts} failures within {@code lockout}, that
 * pair is refused for {@code lockout} without a password check. Keyed by the pair, not the name alone, so that guessing
 * a device gateway's password from one address does not lock the gateway out at its own. A success forgets the pair.
 * At most {@code maxTracked} pairs are followed; past that, expired ones are dropped and new ones go untracked until
 * there is room, so a flood of made-up names cannot exhaust the memory.
 */
final class LoginThrottle {
    private record Key(String username, String client) {
    }

    private record State(int failures, Instant windowStart, Instant lockedUntil) {
    }

    private final int attempts;
    private final Duration lockout;
    private final Clock clock;
    private final int maxTracked;
    private final Map<Key, State> states = new ConcurrentHashMap<>();

    LoginThrottle(int attempts, Duration lockout, Clock clock, int maxTracked) {
        this.attempts = attempts;
        this.lockout = lockout;
        this.clock = clock;
        this.maxTracked = maxTracked;
    }

    /** When the pair may try again, if it may not now. */
    Optional<Instant> lockedUntil(String username, String client) {
        State s = states.get(new Key(username, client));
        Instant now = clock.instant();
        return s != null && s.lockedUntil() != null && s.lockedUntil().isAfter(now) ? Optional.of(s.lockedUntil()) : Optional.empty();
    }

    void failed(String username, String client) {
        Key key = new Key(username, client);
        Instant now = clock.instant();
        if (!states.containsKey(key) && states.size() >= maxTracked) {
            states.values().removeIf(s -> expired(s, now));
            if (states.size() >= maxTracked) {
                return;
            }
        }
        states.compute(key, (k, s) -> {
            State fresh = s == null || expired(s, now) ? new State(0, now, null) : s;
            int failures = fresh.failures() + 1;
            return failures >= attempts ? new State(0, now, now.plus(lockout)) : new State(failures, fresh.windowStart(), fresh.lockedUntil());
        });
    }

    void succeeded(String username, String client) {
        // Called for every request with a remembered password: nothing to build or look up while nothing failed.
        if (!states.isEmpty()) {
            states.remove(new Key(username, client));
        }
    }

    int tracked() {
        return states.size();
    }

    /** Its failures are older than the lockout, and any lock has run out. */
    private boolean expired(State s, Instant now) {
        return !s.windowStart().plus(lockout).isAfter(now) && (s.lockedUntil() == null || !s.lockedUntil().isAfter(now));
    }
}
