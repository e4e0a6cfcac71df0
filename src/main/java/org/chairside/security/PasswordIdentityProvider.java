package org.chairside.security;

import java.util.Optional;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * HTTP Basic and the login form: a username and password checked against the user table. A login through the form also
 * starts a {@link Logins login} that a logout ends on the server.
 */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    private final Credentials credentials;
    private final Logins logins;

    public PasswordIdentityProvider(Credentials credentials, Logins logins) {
        this.credentials = credentials;
        this.logins = logins;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        boolean form = rc != null && LoginFormGuard.PATH.equals(rc.normalizedPath());
        Optional<Credentials.Account> remembered = credentials.rememberedLogin(request.getUsername(), request.getPassword().getPassword());
        if (remembered.isPresent() && !form) {
            return Uni.createFrom().item(identity(remembered.get()));
        }
        String client = client(rc);
        return context.runBlocking(() -> {
            Credentials.Account account = remembered
                    .or(() -> credentials.verify(request.getUsername(), request.getPassword().getPassword(), client))
                    .orElseThrow(AuthenticationFailedException::new);
            if (form) {
                logins.start(account.username(), client, rc);
            }
            return identity(account);
        });
    }

    /** The address the attempt came from (behind a proxy, its forwarded address when the proxy settings say so). */
    private static String client(RoutingContext rc) {
        return rc == null || rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().hostAddress();
    }

    static SecurityIdentity identity(Credentials.Account account) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(account.username()))
                .addRoles(account.roles()).build();
    }
}
