package org.chairside.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks usernames and passwords against the user table. A bcrypt check costs tens of milliseconds of CPU
 * by design; API clients and device gateways send HTTP Basic on every request, so a successful check is
 * remembered for a short while as a salted SHA-256 of the credentials (the salt is random per process and
 * never stored). A wrong password is always checked against bcrypt. A disabled user is refused like an unknown one,
 * and a change to a user's access makes every instance forget what it remembered of them ({@link AccessChanged}).
 */
@ApplicationScoped
public class Credentials {
    private final Duration remember;
    private final Clock clock;
    private final byte[] salt = new byte[32];
    private final Map<String, Remembered> verified = new ConcurrentHashMap<>();
    private final Map<String, Remembered> accounts = new ConcurrentHashMap<>();
    // Counts forgets: a check that read the user table before one must not remember what it read.
    private final AtomicLong forgets = new AtomicLong();

    private final FailedLogins failedLogins;

    public Credentials(@ConfigProperty(name = "chairside.security.remember-login") Duration remember, FailedLogins failedLogins) {
        this.remember = remember;
        this.clock = Clock.systemUTC();
        this.failedLogins = failedLogins;
        new SecureRandom().nextBytes(salt);
    }

    /** Refused without a password check: too many wrong passwords for this name from this address. */
    public static final String LOCKED_UNTIL = "chairside.login-locked-until";

    /** A user who may log in: the roles to grant. */
    public record Account(String username, Set<String> roles) {
    }

    private record Remembered(byte[] digest, Account account, long until) {
    }

    /**
     * A password checked within the remembered time, without blocking: the common case, answered on the I/O thread.
     * Empty means "ask {@link #verify}", not "wrong". (A wrong password makes this instance forget the right one, so
     * the next right one goes through {@link #verify} and forgets the failures.)
     */
    public Optional<Account> rememberedLogin(String username, char[] password) {
        Remembered r = verified.get(username);
        if (r != null && r.until() > clock.millis() && MessageDigest.isEqual(r.digest(), digest(username, password))) {
            return Optional.of(r.account());
        }
        return Optional.empty();
    }

    /**
     * Blocking: may read the database and run bcrypt. {@code client} is the address the attempt came from; past too many
     * failures from it for this name this throws an {@link AuthenticationFailedException} carrying {@link #LOCKED_UNTIL}.
     */
    public Optional<Account> verify(String username, char[] password, String client) {
        Optional<Account> remembered = rememberedLogin(username, password);
        if (remembered.isPresent()) {
            return remembered;
        }
        byte[] digest = digest(username, password);
        long now = clock.millis();
        long forgetsBefore = forgets.get();
        Check check = QuarkusTransaction.requiringNew().call(() -> {
            Optional<Instant> locked = failedLogins.lockedUntil(username, client);
            if (locked.isPresent()) {
                return new Check(Optional.empty(), locked.get());
            }
            AppUser u = AppUser.findByUsername(username);
            // An unknown or disabled name costs the same bcrypt as a wrong password: the answer's time must not tell
            // a guesser which names exist.
            boolean matches = BcryptUtil.matches(new String(password), u == null ? Decoy.HASH : u.passwordHash);
            if (u == null || !u.active() || !matches) {
                return new Check(Optional.empty(), null);
            }
            failedLogins.succeeded(username, client);
            return new Check(Optional.of(new Account(u.username, Set.copyOf(u.roleList()))), null);
        });
        if (check.lockedUntil() != null) {
            throw new AuthenticationFailedException("too many failed logins", Map.of(LOCKED_UNTIL, check.lockedUntil()));
        }
        if (check.account().isEmpty()) {
            verified.remove(username);
            failedLogins.failed(username, client);
        } else {
            remember(verified, username, new Remembered(digest, check.account().get(), now + remember.toMillis()), forgetsBefore);
        }
        return check.account();
    }

    /** What the password check found: the account, or nothing; or that the pair was locked and nothing was checked. */
    private record Check(Optional<Account> account, Instant lockedUntil) {
    }

    /** A hash no password is known to match, made at first need (a bcrypt hash takes tens of milliseconds). */
    private static final class Decoy {
        static final String HASH = BcryptUtil.bcryptHash(UUID.randomUUID().toString());
    }

    /**
     * The roles of a user already authenticated (the browser's session cookie), remembered like a checked
     * password; empty if the user is gone.
     */
    public Optional<Account> account(String username) {
        Optional<Account> remembered = rememberedAccount(username);
        if (remembered.isPresent()) {
            return remembered;
        }
        long now = clock.millis();
        long forgetsBefore = forgets.get();
        Optional<Account> found = QuarkusTransaction.requiringNew().call(() -> Optional.ofNullable(AppUser.findByUsername(username))
                .filter(AppUser::active)
                .map(u -> new Account(u.username, Set.copyOf(u.roleList()))));
        found.ifPresent(a -> remember(accounts, username, new Remembered(null, a, now + remember.toMillis()), forgetsBefore));
        return found;
    }

    private void remember(Map<String, Remembered> into, String username, Remembered what, long forgetsBefore) {
        into.put(username, what);
        // A forget between the read and the put: the put may hold what the forget was meant to drop.
        if (forgets.get() != forgetsBefore) {
            into.remove(username, what);
        }
    }

    /** Drops what this instance remembered of the user: their next request reads the user table again. */
    public void forget(String username) {
        forgets.incrementAndGet();
        verified.remove(username);
        accounts.remove(username);
    }

    void accessChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccessChanged change) {
        forget(change.username());
    }

    /** The account of an authenticated user, if remembered; does not block. */
    public Optional<Account> rememberedAccount(String username) {
        long now = clock.millis();
        Remembered r = verified.get(username);
        if (r != null && r.until() > now) {
            return Optional.of(r.account());
        }
        Remembered known = accounts.get(username);
        return known != null && known.until() > now ? Optional.of(known.account()) : Optional.empty();
    }

    private byte[] digest(String username, char[] password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(username.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(new String(password).getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
