package org.chairside.security;

import jakarta.validation.constraints.NotBlank;

/** A user changes their own password: the current one proves it is them at the keyboard, not an unlocked screen. */
public record PasswordChange(@NotBlank String currentPassword,
                             @NotBlank @PasswordRule String newPassword) {
}
