package org.chairside.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A user changes their own password: the current one proves it is them at the keyboard, not an unlocked screen. */
public record PasswordChange(@NotBlank String currentPassword,
                             @NotBlank @Size(min = NewPassword.MIN, max = NewPassword.MAX, message = NewPassword.RULE) String newPassword) {
}
