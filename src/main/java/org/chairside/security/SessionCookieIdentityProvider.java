package org.chairside.security;

import java.util.Optional;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The browser's encrypted session cookie names a user; the roles are looked up, so a removed user is out. */
@ApplicationScoped
public class SessionCookieIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {
    private final Credentials credentials;

    public SessionCookieIdentityProvider(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        Optional<Credentials.Account> remembered = credentials.rememberedAccount(request.getPrincipal());
        if (remembered.isPresent()) {
            return Uni.createFrom().item(PasswordIdentityProvider.identity(remembered.get()));
        }
        return context.runBlocking(() -> credentials.account(request.getPrincipal())
                .map(PasswordIdentityProvider::identity)
                .orElseThrow(AuthenticationFailedException::new));
    }
}
