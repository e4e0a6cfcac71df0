package org.chairside.security;

import java.time.Instant;
import java.util.List;

public record UserView(Long id, String username, String displayName, List<String> roles, Instant createdAt,
                       boolean active, Instant disabledAt, String disabledBy) {
    static UserView of(AppUser u) {
        return new UserView(u.id, u.username, u.displayName, u.roleList(), u.createdAt, u.active(), u.disabledAt, u.disabledBy);
    }
}
