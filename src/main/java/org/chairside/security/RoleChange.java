package org.chairside.security;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

public record RoleChange(
        @NotEmpty(message = Roles.NONE_RULE) List<@Pattern(regexp = Roles.PATTERN, message = Roles.PATTERN_RULE) String> roles) {
}
