package org.chairside.security;

import java.util.Optional;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The browser's encrypted session cookie names a user; it is accepted with the token of a login that has not ended (a
 * logout ends it, see {@link Logins}), and the roles are looked up, so a removed user is out.
 */
@ApplicationScoped
public class SessionCookieIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {
    private final Credentials credentials;
    private final Logins logins;

    public SessionCookieIdentityProvider(Credentials credentials, Logins logins) {
        this.credentials = credentials;
        this.logins = logins;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        String user = request.getPrincipal();
        String token = Logins.token(HttpSecurityUtils.getRoutingContextAttribute(request));
        if (token == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        Optional<Credentials.Account> remembered = credentials.rememberedAccount(user);
        if (remembered.isPresent() && logins.knownLive(token, user)) {
            return Uni.createFrom().item(PasswordIdentityProvider.identity(remembered.get()));
        }
        return context.runBlocking(() -> {
            if (!logins.isLive(token, user)) {
                throw new AuthenticationFailedException();
            }
            return credentials.account(user).map(PasswordIdentityProvider::identity).orElseThrow(AuthenticationFailedException::new);
        });
    }
}
