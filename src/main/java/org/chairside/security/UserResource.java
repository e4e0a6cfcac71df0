package org.chairside.security;

import java.net.URI;
import java.util.List;

import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.chairside.audit.AuditLog;
import org.chairside.audit.RecordClock;
import org.chairside.problem.ProblemException;

/**
 * The clinic's users, for admins. Nobody is deleted: a user who leaves is disabled, so their name stays on what they
 * charted and in the audit trail. An admin may not disable themselves or take away their own admin role, so the clinic
 * always keeps an admin who can log in.
 */
@Path("/api/users")
@RolesAllowed(Roles.ADMIN)
public class UserResource {
    private final SecurityIdentity identity;
    private final AuditLog audit;
    private final Event<AccessChanged> accessChanged;

    public UserResource(SecurityIdentity identity, AuditLog audit, Event<AccessChanged> accessChanged) {
        this.identity = identity;
        this.audit = audit;
        this.accessChanged = accessChanged;
    }

    @GET
    public List<UserView> list() {
        return AppUser.<AppUser>listAll(Sort.by("username")).stream().map(UserView::of).toList();
    }

    @GET
    @Path("{id}")
    public UserView get(@PathParam("id") long id) {
        return UserView.of(find(id));
    }

    @POST
    @Transactional
    public Response create(@Valid @NotNull NewUser body) {
        if (AppUser.findByUsername(body.username()) != null) {
            throw ProblemException.conflict("The username " + body.username() + " is taken");
        }
        AppUser user = AppUser.create(body.username(), body.password(), body.roles(), body.displayName(), actor());
        user.persist();
        audit.record(actor(), "CREATE", "user", user.id, "roles=" + user.roles);
        return Response.created(URI.create("/api/users/" + user.id)).entity(UserView.of(user)).build();
    }

    @PUT
    @Path("{id}/roles")
    @Transactional
    public UserView changeRoles(@PathParam("id") long id, @Valid @NotNull RoleChange body) {
        callerStillAnActiveAdmin();
        AppUser user = find(id);
        if (isCaller(user) && !body.roles().contains(Roles.ADMIN)) {
            throw ProblemException.conflict("You may not take away your own ADMIN role: another admin has to");
        }
        String before = user.roles;
        user.setRoles(body.roles());
        if (!user.roles.equals(before)) {
            audit.record(actor(), "ROLES", "user", user.id, "roles=" + before + " -> " + user.roles);
            accessChanged.fire(new AccessChanged(user.username));
        }
        return UserView.of(user);
    }

    /** Logins, HTTP Basic and open live streams of the user end; what they charted stays theirs. Repeating it changes nothing. */
    @POST
    @Path("{id}/disable")
    @Transactional
    public UserView disable(@PathParam("id") long id) {
        callerStillAnActiveAdmin();
        AppUser user = find(id);
        if (isCaller(user)) {
            throw ProblemException.conflict("You may not disable yourself: another admin has to");
        }
        if (user.active()) {
            user.disabledAt = RecordClock.now();
            user.disabledBy = actor();
            audit.record(actor(), "DISABLE", "user", user.id, null);
            accessChanged.fire(new AccessChanged(user.username));
        }
        return UserView.of(user);
    }

    @POST
    @Path("{id}/enable")
    @Transactional
    public UserView enable(@PathParam("id") long id) {
        AppUser user = find(id);
        if (!user.active()) {
            audit.record(actor(), "ENABLE", "user", user.id, "disabled " + user.disabledAt + " by " + user.disabledBy);
            user.disabledAt = null;
            user.disabledBy = null;
            accessChanged.fire(new AccessChanged(user.username));
        }
        return UserView.of(user);
    }

    /**
     * Two admins disabling each other (or taking each other's ADMIN role) at the same moment both succeeded, and a clinic
     * whose only admins they were had none left. The active admins' rows are locked, in id order, before either change,
     * so such changes take turns; the caller must still be an active admin when its turn comes. The caller stays one
     * (it cannot disable itself or drop its own ADMIN), so the clinic always keeps an admin.
     */
    private void callerStillAnActiveAdmin() {
        String caller = actor();
        boolean stillAdmin = AppUser.<AppUser>find("disabledAt is null and roles like ?1 order by id", "%" + Roles.ADMIN + "%")
                .withLock(LockModeType.PESSIMISTIC_WRITE).list().stream()
                .anyMatch(u -> u.username.equals(caller) && u.roleList().contains(Roles.ADMIN));
        if (!stillAdmin) {
            throw ProblemException.conflict("You are no longer an active admin: another admin changed your account a moment ago");
        }
    }

    /** A new starter's first password, or one a user forgot: the old one stops working on every instance. */
    @PUT
    @Path("{id}/password")
    @Transactional
    public Response setPassword(@PathParam("id") long id, @Valid @NotNull NewPassword body) {
        AppUser user = find(id);
        user.setPassword(body.password());
        audit.record(actor(), "PASSWORD_SET", "user", user.id, null);
        accessChanged.fire(new AccessChanged(user.username));
        return Response.noContent().build();
    }

    private static AppUser find(long id) {
        AppUser user = AppUser.findById(id);
        if (user == null) {
            throw ProblemException.notFound("user", id);
        }
        return user;
    }

    private boolean isCaller(AppUser user) {
        return user.username.equals(actor());
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
