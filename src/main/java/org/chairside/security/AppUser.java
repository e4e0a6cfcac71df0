package org.chairside.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.chairside.audit.RecordClock;

/** A person who logs in. Passwords are stored as bcrypt hashes (Modular Crypt Format). */
@Entity
@Table(name = "app_user")
public class AppUser extends PanacheEntity {
    public String username;

    @Column(name = "password_hash")
    public String passwordHash;

    /** Comma-separated. */
    public String roles;

    public String displayName;
    public Instant createdAt;
    public String createdBy;

    /** When an admin disabled the user (null: the user may log in). */
    public Instant disabledAt;
    public String disabledBy;

    public static AppUser create(String username, String password, List<String> roles, String displayName, String createdBy) {
        AppUser u = new AppUser();
        u.username = username;
        u.setPassword(password);
        u.setRoles(roles);
        u.displayName = displayName;
        u.createdAt = RecordClock.now();
        u.createdBy = createdBy;
        return u;
    }

    public boolean active() {
        return disabledAt == null;
    }

    /** @throws IllegalArgumentException for a password bcrypt would cut (see {@link PasswordRule}) */
    public void setPassword(String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > PasswordRule.MAX_BYTES) {
            throw new IllegalArgumentException("A password of more than " + PasswordRule.MAX_BYTES + " bytes would be cut by bcrypt");
        }
        passwordHash = BcryptUtil.bcryptHash(password);
    }

    public void setRoles(List<String> roles) {
        this.roles = String.join(",", roles.stream().distinct().toList());
    }

    public List<String> roleList() {
        return Arrays.stream(roles.split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList();
    }

    public static AppUser findByUsername(String username) {
        return find("username", username).firstResult();
    }
}
