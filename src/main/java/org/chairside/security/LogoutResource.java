package org.chairside.security;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Ends a browser login: the form login keeps the user in an encrypted, HTTP-only cookie that page scripts
 * cannot touch, so the server tells the browser to drop it, and ends the login on the server ({@link Logins}).
 * The user's open live streams are cut as well (see {@link LoggedOut}): a stream is authenticated once, when it
 * opens, and would otherwise go on showing patients' vitals in a tab the user left open.
 */
@Path("/api/logout")
@Authenticated
public class LogoutResource {
    private final String cookieName;
    private final String cookiePath;
    private final SecurityIdentity identity;
    private final Event<LoggedOut> loggedOut;
    private final Logins logins;

    public LogoutResource(SecurityIdentity identity, Event<LoggedOut> loggedOut, Logins logins,
                          @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential") String cookieName,
                          @ConfigProperty(name = "quarkus.http.auth.form.cookie-path", defaultValue = "/") String cookiePath) {
        this.cookieName = cookieName;
        this.cookiePath = cookiePath;
        this.identity = identity;
        this.loggedOut = loggedOut;
        this.logins = logins;
    }

    @POST
    public Response logout(RoutingContext context) {
        // read before the cookies are cleared: Vert.x keeps a request's and its response's cookies in one jar
        String token = Logins.token(context);
        // Replaces any refreshed login cookie the form mechanism queued on this same response.
        context.response().addCookie(Cookie.cookie(cookieName, "").setPath(cookiePath).setMaxAge(0)
                .setHttpOnly(true).setSameSite(CookieSameSite.STRICT));
        context.response().addCookie(Logins.cleared());
        String user = identity.getPrincipal().getName();
        // ended on the server: a copy of the cookies taken before the logout no longer logs anyone in
        logins.end(token, user);
        loggedOut.fire(new LoggedOut(user));
        return Response.noContent().build();
    }
}
