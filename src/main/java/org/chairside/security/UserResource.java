package org.chairside.security;

import java.net.URI;
import java.util.List;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.chairside.audit.AuditLog;
import org.chairside.problem.ProblemException;

@Path("/api/users")
@RolesAllowed(Roles.ADMIN)
public class UserResource {
    private final SecurityIdentity identity;
    private final AuditLog audit;

    public UserResource(SecurityIdentity identity, AuditLog audit) {
        this.identity = identity;
        this.audit = audit;
    }

    @GET
    public List<UserView> list() {
        return AppUser.<AppUser>listAll(io.quarkus.panache.common.Sort.by("username")).stream().map(UserView::of).toList();
    }

    @POST
    @Transactional
    public Response create(@Valid @NotNull NewUser body) {
        if (AppUser.findByUsername(body.username()) != null) {
            throw ProblemException.conflict("The username " + body.username() + " is taken");
        }
        AppUser user = AppUser.create(body.username(), body.password(), body.roles().stream().distinct().toList(),
                body.displayName(), identity.getPrincipal().getName());
        user.persist();
        audit.record(identity.getPrincipal().getName(), "CREATE", "user", user.id, "roles=" + user.roles);
        return Response.created(URI.create("/api/users/" + user.id)).entity(UserView.of(user)).build();
    }
}
