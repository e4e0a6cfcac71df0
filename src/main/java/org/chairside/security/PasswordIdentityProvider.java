package org.chairside.security;

import java.util.Optional;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** HTTP Basic and the login form: a username and password checked against the user table. */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    private final Credentials credentials;

    public PasswordIdentityProvider(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        Optional<Credentials.Account> remembered = credentials.rememberedLogin(request.getUsername(), request.getPassword().getPassword());
        if (remembered.isPresent()) {
            return Uni.createFrom().item(identity(remembered.get()));
        }
        return context.runBlocking(() -> credentials.verify(request.getUsername(), request.getPassword().getPassword())
                .map(PasswordIdentityProvider::identity)
                .orElseThrow(AuthenticationFailedException::new));
    }

    static SecurityIdentity identity(Credentials.Account account) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(account.username()))
                .addRoles(account.roles()).build();
    }
}
