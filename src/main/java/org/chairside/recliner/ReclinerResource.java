package org.chairside.recliner;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.chairside.audit.AuditLog;
import org.chairside.audit.RecordClock;
import org.chairside.live.EventLog;
import org.chairside.problem.ProblemException;
import org.chairside.security.Roles;
import org.chairside.session.InfusionSession;
import org.chairside.session.SessionService;
import org.chairside.session.SessionView;
import org.chairside.storage.ReadOnly;
import org.chairside.validation.PlainText;
import org.chairside.validation.StoredText;

/**
 * The clinic's chairs. An admin adds, renames, and takes them out of service (broken, under repair) and back: a chair
 * out of service takes no new session and leaves the board, and keeps its history.
 */
@Path("/api/recliners")
@Authenticated
public class ReclinerResource {
    /** The live stream's event for a chair added, renamed, or taken out of service or back: boards follow at once. */
    public static final String RECLINER_EVENT = "recliner";

    private final SecurityIdentity identity;
    private final SessionService sessions;
    private final AuditLog audit;
    private final EventLog events;

    public ReclinerResource(SecurityIdentity identity, SessionService sessions, AuditLog audit, EventLog events) {
        this.identity = identity;
        this.sessions = sessions;
        this.audit = audit;
        this.events = events;
    }

    /** What a board needs of a chair to add, rename or drop its tile. */
    public record ReclinerChange(Long id, String name, boolean inService) {
    }

    public record NewRecliner(@NotBlank @Pattern(regexp = "[\\p{L}\\p{N} ._-]{1,40}", message = "must be 1-40 letters, digits, spaces, '.', '_' or '-'") String name) {
    }

    public record OutOfService(@Size(max = 200, message = "must be at most 200 characters") @PlainText(multiline = true) String reason) {
    }

    /** A chair and the session it holds now, if any. */
    public record ReclinerView(Long id, String name, SessionView session, boolean inService, Instant outOfServiceSince,
                               String outOfServiceBy, String outOfServiceReason) {
        static ReclinerView of(Recliner r, SessionView session) {
            return new ReclinerView(r.id, r.name, session, r.inService(), r.outOfServiceSince, r.outOfServiceBy, r.outOfServiceReason);
        }
    }

    @GET
    @Transactional
    public List<ReclinerView> list() {
        ReadOnly.forThisTransaction(Recliner.getEntityManager());
        Map<Long, InfusionSession> open = InfusionSession.openByRecliner();
        Function<InfusionSession, SessionView> views = sessions.views();
        return Recliner.<Recliner>listAll(Sort.by("name")).stream()
                .map(r -> ReclinerView.of(r, open.containsKey(r.id) ? views.apply(open.get(r.id)) : null))
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
        announce(r);
        return Response.created(URI.create("/api/recliners/" + r.id)).entity(ReclinerView.of(r, null)).build();
    }

    /** The same chair under a new name: its sessions, past and open, show the new one. */
    @PUT
    @Path("/{id}")
    @Transactional
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public ReclinerView rename(@PathParam("id") long id, @Valid @NotNull(message = "a recliner is required") NewRecliner body) {
        Recliner r = locked(id);
        String name = body.name().trim();
        Recliner holder = Recliner.findByName(name);
        if (holder != null && !holder.id.equals(r.id)) {
            throw ProblemException.conflict("A recliner named " + name + " already exists");
        }
        if (!name.equals(r.name)) {
            audit.record(actor(), "RENAME", "recliner", r.id, r.name + " -> " + name);
            r.name = name;
            announce(r);
        }
        return view(r);
    }

    /** Refused while the chair holds an open session: its patient is discharged or the session stopped first. */
    @POST
    @Path("/{id}/out-of-service")
    @Transactional
    @RolesAllowed(Roles.ADMIN)
    public ReclinerView outOfService(@PathParam("id") long id, @Valid OutOfService body) {
        Recliner r = locked(id);
        if (InfusionSession.count("openReclinerId", r.id) > 0) {
            throw ProblemException.conflict("Recliner " + r.name + " holds an open session: discharge or stop it first");
        }
        if (r.inService()) {
            String reason = body == null ? null : StoredText.of(body.reason());
            r.outOfServiceSince = RecordClock.now();
            r.outOfServiceBy = actor();
            r.outOfServiceReason = reason;
            audit.record(actor(), "OUT_OF_SERVICE", "recliner", r.id, reason);
            announce(r);
        }
        return view(r);
    }

    @POST
    @Path("/{id}/in-service")
    @Transactional
    @RolesAllowed(Roles.ADMIN)
    public ReclinerView inService(@PathParam("id") long id) {
        Recliner r = locked(id);
        if (!r.inService()) {
            audit.record(actor(), "IN_SERVICE", "recliner", r.id, "out of service since " + r.outOfServiceSince);
            r.outOfServiceSince = null;
            r.outOfServiceBy = null;
            r.outOfServiceReason = null;
            announce(r);
        }
        return view(r);
    }

    // Locked as a check-in locks it, so a chair cannot be taken out of service while a patient is being seated in it.
    private static Recliner locked(long id) {
        Recliner r = Recliner.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (r == null) {
            throw ProblemException.notFound("recliner", id);
        }
        return r;
    }

    private void announce(Recliner r) {
        events.append(List.of(new EventLog.Pending(RECLINER_EVENT, null, new ReclinerChange(r.id, r.name, r.inService()))));
    }

    private ReclinerView view(Recliner r) {
        InfusionSession open = InfusionSession.find("openReclinerId", r.id).firstResult();
        return ReclinerView.of(r, open == null ? null : sessions.view(open));
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
