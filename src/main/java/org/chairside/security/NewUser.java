package org.chairside.security;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record NewUser(
        @NotBlank @Pattern(regexp = "[a-z0-9._-]{2,64}", message = "must be 2-64 lower-case letters, digits, '.', '_' or '-'") String username,
        @NotBlank @Size(min = 10, max = 128, message = "must be 10 to 128 characters") String password,
        @NotEmpty(message = "needs at least one of NURSE, PROVIDER, ADMIN") List<@Pattern(regexp = "NURSE|PROVIDER|ADMIN", message = "must be NURSE, PROVIDER or ADMIN") String> roles,
        @Size(max = 100) String displayName) {
}
