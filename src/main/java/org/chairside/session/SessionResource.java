package org.chairside.session;

import java.net.URI;
import java.util.List;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.chairside.problem.ProblemException;
import org.chairside.problem.QueryNumber;
import org.chairside.security.Roles;

@Path("/api/sessions")
@Authenticated
public class SessionResource {
    private static final String NEWEST_FIRST = " order by s.createdAt desc, s.id desc";
    private final SessionService sessions;
    private final SecurityIdentity identity;

    public SessionResource(SessionService sessions, SecurityIdentity identity) {
        this.sessions = sessions;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.NURSE, Roles.PROVIDER})
    public Response open(@Valid @NotNull(message = "a session is required") NewSession body) {
        SessionView view = sessions.open(body, identity.getPrincipal().getName());
        return Response.created(URI.create("/api/sessions/" + view.id())).entity(view).build();
    }

    /**
     * Sessions, newest first. {@code state} filters by one state, or OPEN / CLOSED for all open or closed ones.
     */
    @GET
    @Transactional
    public List<SessionView> list(@QueryParam("state") String state, @QueryParam("patientId") String patientParam) {
        Long patientId = QueryNumber.parse("patientId", patientParam);
        StringBuilder q = new StringBuilder("from InfusionSession s where 1 = 1");
        Parameters p = new Parameters();
        if (state != null && !state.isBlank()) {
            switch (state.trim().toUpperCase()) {
                case "OPEN" -> q.append(" and s.").append(InfusionSession.OPEN);
                // Not "openReclinerId is null" (set together with the closing time): H2 would then read every closed
                // session through that unique index and sort them all, where this reads the newest first (see history).
                case "CLOSED" -> q.append(" and s.closedAt is not null");
                default -> {
                    SessionState one;
                    try {
                        one = SessionState.valueOf(state.trim().toUpperCase());
                    } catch (IllegalArgumentException e) {
                        throw ProblemException.invalid("state", "must be OPEN, CLOSED or one of " + List.of(SessionState.values()));
                    }
                    if (one.isOpen()) {
                        p.and("state", one);
                        q.append(" and s.state = :state");
                    } else {
                        q.append(" and ").append(InfusionSession.closedInStateNewestFirst(one));
                    }
                }
            }
        }
        if (patientId != null) {
            q.append(" and s.patient.id = :patient");
            p.and("patient", patientId);
        }
        // The page's ids first, from the session table alone: joined to patients and recliners, H2 starts from the few
        // recliners and sorts every matching session (430-580 ms over 100,000 closed ones, against 2-3 ms).
        TypedQuery<Long> page = InfusionSession.getEntityManager()
                .createQuery("select s.id " + q + NEWEST_FIRST, Long.class).setMaxResults(200);
        p.map().forEach(page::setParameter);
        List<Long> ids = page.getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        // Patient and recliner in the same query: the view shows both, and loading them one session at a time cost two
        // more queries per row (up to 400 for a page of 200).
        return InfusionSession.<InfusionSession>list("from InfusionSession s join fetch s.patient join fetch s.recliner"
                + " where s.id in ?1" + NEWEST_FIRST, ids).stream().map(sessions.views()).toList();
    }

    @GET
    @Path("/{id}")
    @Transactional
    public SessionView get(@PathParam("id") long id) {
        return sessions.view(SessionService.find(id));
    }

    @POST
    @Path("/{id}/transitions")
    @RolesAllowed({Roles.NURSE, Roles.PROVIDER})
    public SessionView transition(@PathParam("id") long id, @Valid @NotNull(message = "a transition is required") TransitionRequest body) {
        return sessions.transition(id, body, identity);
    }

    @GET
    @Path("/{id}/transitions")
    public List<SessionTransition> timeline(@PathParam("id") long id) {
        SessionService.find(id);
        return SessionTransition.list("sessionId", Sort.by("at").and("id"), id);
    }

    @POST
    @Path("/{id}/moves")
    @RolesAllowed({Roles.NURSE, Roles.PROVIDER})
    public SessionView move(@PathParam("id") long id, @Valid @NotNull(message = "a move is required") MoveRequest body) {
        return sessions.move(id, body, identity.getPrincipal().getName());
    }

    @GET
    @Path("/{id}/moves")
    public List<SessionMove> moves(@PathParam("id") long id) {
        SessionService.find(id);
        return SessionMove.ofSession(id);
    }
}
