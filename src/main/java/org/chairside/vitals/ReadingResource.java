package org.chairside.vitals;

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

@Path("/api/readings")
@Authenticated
public class ReadingResource {
    private final ChartingService charting;
    private final SecurityIdentity identity;

    public ReadingResource(ChartingService charting, SecurityIdentity identity) {
        this.charting = charting;
        this.identity = identity;
    }

    @GET
    @Path("/{id}")
    public ReadingView get(@PathParam("id") long id) {
        Reading r = Reading.findById(id);
        if (r == null) {
            throw ProblemException.notFound("reading", id);
        }
        return ReadingView.of(r);
    }

    @POST
    @Path("/{id}/amendments")
    @RolesAllowed({Roles.NURSE, Roles.PROVIDER})
    public Response amend(@PathParam("id") long id, @Valid @NotNull(message = "the corrected reading is required") AmendRequest body) {
        ChartingService.Charted c = charting.amend(id, body.input(), body.reason(), identity.getPrincipal().getName());
        ChartResult result = ChartResult.of(c);
        return Response.created(URI.create("/api/readings/" + result.reading().id())).entity(result).build();
    }
}
