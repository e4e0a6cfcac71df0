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

    /**
     * A session's own thresholds: what the provider overrode, what applies after overlaying the clinic's, and until when
     * the discharge rule keeps the patient under observation, and why (null when no minimum applies or its clock has not
     * started).
     */
    public record SessionThresholds(Long sessionId, ThresholdProfile overrides, ThresholdProfile effective,
                                    Discharge.Observation dischargeObservation) {
    }

    @GET
    public SessionThresholds forSession(@PathParam("id") long id) {
        return of(SessionService.find(id));
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
        return of(s);
    }

    private SessionThresholds of(InfusionSession s) {
        ThresholdProfile effective = thresholds.effective(s.id);
        Discharge d = effective.discharge();
        return new SessionThresholds(s.id, thresholds.overrides(s.id), effective,
                d == null ? null : d.longestObservation(s.drug, s.startedAt, s.infusionEndedAt));
    }
}
