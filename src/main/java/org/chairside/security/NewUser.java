package org.chairside.security;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.chairside.validation.PlainText;

public record NewUser(
        @NotBlank @Pattern(regexp = "[a-z0-9._-]{2,64}", message = "must be 2-64 lower-case letters, digits, '.', '_' or '-'") String username,
        @NotBlank @PasswordRule String password,
        @NotEmpty(message = Roles.NONE_RULE) List<@Pattern(regexp = Roles.PATTERN, message = Roles.PATTERN_RULE) String> roles,
        @Size(max = 100) @PlainText String displayName) {
}
