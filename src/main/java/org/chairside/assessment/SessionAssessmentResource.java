package org.chairside.assessment;

import java.net.URI;
import java.util.List;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.chairside.security.Roles;

/** Sedation, dissociation and discharge scores of one session. */
@Path("/api/sessions/{id}/assessments")
@Authenticated
public class SessionAssessmentResource {
    private final AssessmentService assessments;
    private final SecurityIdentity identity;

    public SessionAssessmentResource(AssessmentService assessments, SecurityIdentity identity) {
        this.assessments = assessments;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.NURSE, Roles.PROVIDER})
    public Response record(@PathParam("id") long sessionId, @Valid @NotNull(message = "an assessment is required") NewAssessment body) {
        AssessmentView a = assessments.record(sessionId, body, identity.getPrincipal().getName());
        return Response.created(URI.create("/api/assessments/" + a.id())).entity(a).build();
    }

    /** In taken-at order, corrected originals included (marked amended). */
    @GET
    public List<AssessmentView> list(@PathParam("id") long sessionId) {
        return assessments.list(sessionId);
    }
}
