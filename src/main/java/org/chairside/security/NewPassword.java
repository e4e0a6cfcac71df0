package org.chairside.security;

import jakarta.validation.constraints.NotBlank;

/** An admin sets a user's password (a new starter's first, or one the user forgot). */
public record NewPassword(@NotBlank @PasswordRule String password) {
}
