package org.chairside.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.chairside.audit.RecordClock;

/**
 * Browser logins that a logout ends on the server. The form login's cookie alone stays valid until it expires; it is
 * accepted only with the token of a login that has not ended ({@link #COOKIE}). A token found live is remembered for
 * {@code chairside.security.remember-login}, so a browser's requests do not each read the table; a logout forgets the
 * user's tokens on this instance at once and, through the broker's notice, on the others.
 */
@ApplicationScoped
public class Logins {
    /** The cookie holding a login's token: HTTP-only, same-site strict, ending with the browser session like the login cookie. */
    public static final String COOKIE = "chairside-login";
    private static final int TOKEN_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private final Duration remember;
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    // Counts forgets: a check that read the table before one must not remember what it read.
    private final AtomicLong forgets = new AtomicLong();

    private record Live(String username, long until) {
    }

    public Logins(@ConfigProperty(name = "chairside.security.remember-login") Duration remember) {
        this.remember = remember;
    }

    /** Starts a login for a user who just passed the login form, and gives the browser its token. Blocks. */
    public void start(String username, String client, RoutingContext rc) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        QuarkusTransaction.requiringNew().run(() -> {
            Login login = new Login();
            login.id = hash(token);
            login.username = username;
            login.startedAt = RecordClock.now();
            login.client = client == null || client.length() <= 64 ? client : client.substring(0, 64);
            login.persist();
        });
        // Secure over HTTPS, as Quarkus sets its login cookie; behind a TLS proxy the request is HTTPS once
        // quarkus.http.proxy.proxy-address-forwarding lets the proxy's X-Forwarded-Proto or Forwarded header say so.
        rc.response().addCookie(cookie(token).setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setSecure(rc.request().isSSL()));
    }

    /** Whether the token is of the user's login, known live on this instance lately; false means "ask {@link #isLive}". */
    public boolean knownLive(String token, String username) {
        Live l = token == null ? null : live.get(token);
        if (l != null && l.until() <= clock.millis()) {
            live.remove(token, l); // a login cookie left unused: nothing stays remembered for it
            return false;
        }
        return l != null && l.username().equals(username);
    }

    /** Whether the token is of a login of this user that has not ended. Blocks. */
    public boolean isLive(String token, String username) {
        if (token == null) {
            return false;
        }
        long forgetsBefore = forgets.get();
        boolean found = QuarkusTransaction.requiringNew().call(() -> Login.<Login>findByIdOptional(hash(token))
                .filter(l -> l.endedAt == null && l.username.equals(username)).isPresent());
        if (found) {
            Live entry = new Live(username, clock.millis() + remember.toMillis());
            live.put(token, entry);
            if (forgets.get() != forgetsBefore) {
                live.remove(token, entry);
            }
        }
        return found;
    }

    /** Ends the login the token belongs to (a logout); the cookie that carried it is to be cleared. Blocks. */
    public void end(String token, String username) {
        if (token != null) {
            QuarkusTransaction.requiringNew().run(() -> Login.<Login>findByIdOptional(hash(token))
                    .filter(l -> l.endedAt == null && l.username.equals(username))
                    .ifPresent(l -> l.endedAt = RecordClock.now()));
        }
        forget(username);
    }

    /** Forgets the user's tokens known live here: their next request reads the table (a logout on any instance). */
    public void forget(String username) {
        forgets.incrementAndGet();
        live.values().removeIf(l -> l.username().equals(username));
    }

    /** The token a request carries, if any. */
    public static String token(RoutingContext rc) {
        Cookie c = rc == null ? null : rc.request().getCookie(COOKIE);
        return c == null || c.getValue().isEmpty() ? null : c.getValue();
    }

    /** The instruction to a browser to drop the token. */
    public static Cookie cleared() {
        return cookie("").setMaxAge(0).setHttpOnly(true).setSameSite(CookieSameSite.STRICT);
    }

    private static Cookie cookie(String value) {
        return Cookie.cookie(COOKIE, value).setPath("/");
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
