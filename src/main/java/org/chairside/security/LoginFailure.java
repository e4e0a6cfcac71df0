package org.chairside.security;

import java.io.Serializable;
import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** The recent wrong passwords for one username from one client address (see {@link LoginThrottle}). */
@Entity
@Table(name = "login_failure")
@IdClass(LoginFailure.Key.class)
public class LoginFailure extends PanacheEntityBase {
    /** Of the username and the client columns. */
    static final int MAX_LENGTH = 64;

    @Id
    public String username;
    @Id
    public String client;

    public int failures;
    public Instant windowStart;
    /** Null: not locked. */
    public Instant lockedUntil;

    public record Key(String username, String client) implements Serializable {
    }

    LoginThrottle.Tally tally() {
        return new LoginThrottle.Tally(failures, windowStart, lockedUntil);
    }

    void set(LoginThrottle.Tally t) {
        failures = t.failures();
        windowStart = t.windowStart();
        lockedUntil = t.lockedUntil();
    }
}
