package org.chairside.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An admin sets a user's password (a new starter's first, or one the user forgot). */
public record NewPassword(@NotBlank @Size(min = MIN, max = MAX, message = RULE) String password) {
    static final int MIN = 10;
    static final int MAX = 128;
    static final String RULE = "must be 10 to 128 characters";
}
