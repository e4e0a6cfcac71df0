package org.chairside.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The {@link LoginThrottle}'s tallies, kept in the database: every instance behind a balancer counts the same
 * failures (a guesser does not get five tries per instance), and a restart does not lift a lock. Only the slow path
 * touches it (a password not remembered), so a device gateway's requests cost no query.
 */
@ApplicationScoped
public class FailedLogins {
    private static final Logger LOG = Logger.getLogger(FailedLogins.class);

    private final LoginThrottle throttle;
    private final Clock clock;
    private volatile boolean stopping;

    public FailedLogins(@ConfigProperty(name = "chairside.security.login-attempts") int attempts,
                        @ConfigProperty(name = "chairside.security.login-lockout") Duration lockout) {
        this.throttle = new LoginThrottle(attempts, lockout);
        this.clock = Clock.systemUTC();
    }

    /** When the pair may try again, if it may not now. Reads in the caller's transaction. */
    Optional<Instant> lockedUntil(String username, String client) {
        LoginFailure row = LoginFailure.findById(key(username, client));
        return throttle.lockedUntil(row == null ? null : row.tally(), clock.instant());
    }

    /** Counts one wrong password, in a transaction of its own. */
    void failed(String username, String client) {
        try {
            QuarkusTransaction.requiringNew().run(() -> count(username, client));
        } catch (PersistenceException e) {
            // Another instance wrote the pair's first failure at the same moment: the row exists now, count on it.
            LOG.debugf("login failure for one pair counted twice at once, counting again: %s", e.getMessage());
            QuarkusTransaction.requiringNew().run(() -> count(username, client));
        }
    }

    private void count(String username, String client) {
        // Locked for the update, so failures at the same moment on two instances both count.
        LoginFailure.Key key = key(username, client);
        LoginFailure row = LoginFailure.findById(key, LockModeType.PESSIMISTIC_WRITE);
        LoginThrottle.Tally after = throttle.afterFailure(row == null ? null : row.tally(), clock.instant());
        if (row == null) {
            row = new LoginFailure();
            row.username = key.username();
            row.client = key.client();
            row.set(after);
            row.persistAndFlush();
        } else {
            row.set(after);
        }
    }

    /** A right password: forgets the pair's failures. In the caller's transaction (after {@link #lockedUntil}, whose read it reuses). */
    void succeeded(String username, String client) {
        LoginFailure row = LoginFailure.findById(key(username, client));
        if (row != null) {
            row.delete();
        }
    }

    /**
     * The row's key. A name longer than any user's (64 characters) is cut to fit: it names no account, but its guesses
     * still cost a bcrypt each and must be throttled like any other.
     */
    private static LoginFailure.Key key(String username, String client) {
        return new LoginFailure.Key(fit(username), fit(client));
    }

    private static String fit(String s) {
        return s.length() <= LoginFailure.MAX_LENGTH ? s : s.substring(0, LoginFailure.MAX_LENGTH);
    }

    /** Deletes the tallies whose failures and locks have run out, so names made up by a guesser do not pile up. */
    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (stopping) {
            return;
        }
        try {
            long deleted = forgetExpired();
            if (deleted > 0) {
                LOG.debugf("forgot %d expired login failure tallies", deleted);
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                // The next pass tries again; a tally left a minute longer changes nothing.
                LOG.warn("Forgetting expired login failures failed", e);
            }
        }
    }

    /** @return how many tallies were deleted */
    long forgetExpired() {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> LoginFailure.delete(
                "windowStart <= ?1 and (lockedUntil is null or lockedUntil <= ?2)", throttle.forgottenBefore(now), now));
    }

    void onStop(@Observes ShutdownEvent event) {
        // The scheduler can still fire while the connection pool closes.
        stopping = true;
    }
}
