package org.chairside.vitals;

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
import org.chairside.session.SessionService;

@Path("/api/sessions/{id}/readings")
@Authenticated
public class SessionReadingResource {
    private final ChartingService charting;
    private final SecurityIdentity identity;

    public SessionReadingResource(ChartingService charting, SecurityIdentity identity) {
        this.charting = charting;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.NURSE, Roles.PROVIDER})
    public Response chart(@PathParam("id") long sessionId, @NotNull(message = "a reading is required") ChartRequest body) {
        ChartingService.Charted c = charting.chart(sessionId, List.of(body.input()), Source.MANUAL, identity.getPrincipal().getName(), "");
        ChartResult result = ChartResult.of(c);
        return Response.created(URI.create("/api/readings/" + result.reading().id())).entity(result).build();
    }

    /** Every reading of the session in taken-at order, amended originals included (marked amended). */
    @GET
    public List<ReadingView> list(@PathParam("id") long sessionId) {
        SessionService.find(sessionId);
        return Reading.getEntityManager().createQuery(ReadingView.SELECT + " where r.sessionId = :session order by r.takenAt, r.id",
                ReadingView.class).setParameter("session", sessionId).getResultList();
    }
}
