package org.chairside.assessment;

import java.net.URI;

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

import org.chairside.problem.ProblemException;
import org.chairside.security.Roles;

/** One assessment, and its correction. */
@Path("/api/assessments/{id}")
@Authenticated
public class AssessmentResource {
    private final AssessmentService assessments;
    private final SecurityIdentity identity;

    public AssessmentResource(AssessmentService assessments, SecurityIdentity identity) {
        this.assessments = assessments;
        this.identity = identity;
    }

    @GET
    public AssessmentView get(@PathParam("id") long id) {
        Assessment a = Assessment.findById(id);
        if (a == null) {
            throw ProblemException.notFound("assessment", id);
        }
        return AssessmentView.of(a);
    }

    @POST
    @Path("/amendments")
    @RolesAllowed({Roles.NURSE, Roles.PROVIDER})
    public Response amend(@PathParam("id") long id, @Valid @NotNull(message = "the corrected assessment is required") AssessmentAmendment body) {
        AssessmentView a = assessments.amend(id, body.corrected(), body.reason(), identity.getPrincipal().getName());
        return Response.created(URI.create("/api/assessments/" + a.id())).entity(a).build();
    }
}
