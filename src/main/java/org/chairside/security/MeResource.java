package org.chairside.security;

import java.util.List;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.chairside.audit.AuditLog;
import org.chairside.problem.ProblemException;

/** Who is logged in (the dashboard shows the name and offers only what the roles allow), and their own password. */
@Path("/api/me")
@Authenticated
public class MeResource {
    private final SecurityIdentity identity;
    private final AuditLog audit;
    private final Event<AccessChanged> accessChanged;

    public MeResource(SecurityIdentity identity, AuditLog audit, Event<AccessChanged> accessChanged) {
        this.identity = identity;
        this.audit = audit;
        this.accessChanged = accessChanged;
    }

    public record Me(String username, String displayName, List<String> roles) {
    }

    @GET
    public Me me() {
        AppUser u = AppUser.findByUsername(identity.getPrincipal().getName());
        return new Me(identity.getPrincipal().getName(), u != null ? u.displayName : null,
                identity.getRoles().stream().sorted().toList());
    }

    /**
     * The old password stops working at once on every instance. This browser's login stays (it holds no password); the
     * user's live streams end, as at any change of access, and the dashboard's reconnect at once and resume.
     */
    @PUT
    @Path("password")
    @Transactional
    public Response changePassword(@Valid @NotNull PasswordChange body) {
        AppUser u = AppUser.findByUsername(identity.getPrincipal().getName());
        if (u == null || !BcryptUtil.matches(body.currentPassword(), u.passwordHash)) {
            throw ProblemException.invalid("currentPassword", "does not match your current password");
        }
        if (body.newPassword().equals(body.currentPassword())) {
            throw ProblemException.invalid("newPassword", "must differ from the current password");
        }
        u.setPassword(body.newPassword());
        audit.record(u.username, "PASSWORD_CHANGE", "user", u.id, null);
        accessChanged.fire(new AccessChanged(u.username));
        return Response.noContent().build();
    }
}
