package org.chairside.security;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One browser login, from the login form to the logout (see V16__login.sql). */
@Entity
@Table(name = "login")
public class Login extends PanacheEntityBase {
    /** SHA-256 of the token in the browser's cookie, hex. */
    @Id
    public String id;

    public String username;
    public Instant startedAt;
    public String client;

    /** When the user logged out (null: the login holds until its cookie expires). */
    public Instant endedAt;
}
