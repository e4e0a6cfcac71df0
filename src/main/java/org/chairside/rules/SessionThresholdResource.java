package org.chairside.rules;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.chairside.problem.ProblemException;
import org.chairside.security.Roles;
import org.chairside.session.InfusionSession;
import org.chairside.session.SessionService;

@Path("/api/sessions/{id}/thresholds")
@Authenticated
public class SessionThresholdResource {
    private final Thresholds thresholds;
    private final SessionService sessions;
    private final SecurityIdentity identity;

    public SessionThresholdResource(Thresholds thresholds, SessionService sessions, SecurityIdentity identity) {
        this.thresholds = thresholds;
        this.sessions = sessions;
        this.identity = identity;
    }

    /** A session's own thresholds: what the provider overrode, and what applies after overlaying the clinic's. */
    public record SessionThresholds(Long sessionId, ThresholdProfile overrides, ThresholdProfile effective) {
    }

    @GET
    public SessionThresholds forSession(@PathParam("id") long id) {
        SessionService.find(id);
        return new SessionThresholds(id, thresholds.overrides(id), thresholds.effective(id));
    }

    /** Replaces the session's overrides; an override rule replaces the clinic rule of the same condition. */
    @PUT
    @Transactional
    @RolesAllowed(Roles.PROVIDER)
    public SessionThresholds saveForSession(@PathParam("id") long id, ThresholdProfile body) {
        InfusionSession s = SessionService.lock(id);
        if (!s.state.isOpen()) {
            throw ProblemException.conflict("The session is closed (" + s.state + "): its thresholds are part of the record");
        }
        thresholds.saveOverrides(id, body, identity.getPrincipal().getName());
        sessions.announce(s);
        return new SessionThresholds(id, thresholds.overrides(id), thresholds.effective(id));
    }
}
