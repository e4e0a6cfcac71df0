package org.chairside.recliner;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.chairside.audit.AuditLog;
import org.chairside.audit.RecordClock;
import org.chairside.problem.ProblemException;
import org.chairside.security.Roles;
import org.chairside.session.InfusionSession;
import org.chairside.session.SessionService;
import org.chairside.session.SessionView;
import org.chairside.storage.ReadOnly;

@Path("/api/recliners")
@Authenticated
public class ReclinerResource {
    private final SecurityIdentity identity;
    private final SessionService sessions;
    private final AuditLog audit;

    public ReclinerResource(SecurityIdentity identity, SessionService sessions, AuditLog audit) {
        this.identity = identity;
        this.sessions = sessions;
        this.audit = audit;
    }

    public record NewRecliner(@NotBlank @Pattern(regexp = "[\\p{L}\\p{N} ._-]{1,40}", message = "must be 1-40 letters, digits, spaces, '.', '_' or '-'") String name) {
    }

    /** A chair and the session it holds now, if any. */
    public record ReclinerView(Long id, String name, SessionView session) {
    }

    @GET
    @Transactional
    public List<ReclinerView> list() {
        ReadOnly.forThisTransaction(Recliner.getEntityManager());
        Map<Long, InfusionSession> open = InfusionSession.openByRecliner();
        Function<InfusionSession, SessionView> views = sessions.views();
        return Recliner.<Recliner>listAll(Sort.by("name")).stream()
                .map(r -> new ReclinerView(r.id, r.name, open.containsKey(r.id) ? views.apply(open.get(r.id)) : null))
                .toList();
    }

    @POST
    @Transactional
    @RolesAllowed(Roles.ADMIN)
    // Without it a text/plain body "Bay 1" is turned into NewRecliner through its String constructor: 415 instead.
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull(message = "a recliner is required") NewRecliner body) {
        String name = body.name().trim();
        if (Recliner.findByName(name) != null) {
            throw ProblemException.conflict("A recliner named " + name + " already exists");
        }
        Recliner r = new Recliner();
        r.name = name;
        r.createdAt = RecordClock.now();
        r.createdBy = identity.getPrincipal().getName();
        r.persist();
        audit.record(r.createdBy, "CREATE", "recliner", r.id, name);
        return Response.created(URI.create("/api/recliners/" + r.id)).entity(new ReclinerView(r.id, r.name, null)).build();
    }
}
