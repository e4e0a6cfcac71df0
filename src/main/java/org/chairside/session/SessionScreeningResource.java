package org.chairside.session;

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

/** The contraindication screenings of one session. */
@Path("/api/sessions/{id}/screenings")
@Authenticated
public class SessionScreeningResource {
    private final Screenings screenings;
    private final SecurityIdentity identity;

    public SessionScreeningResource(Screenings screenings, SecurityIdentity identity) {
        this.screenings = screenings;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.NURSE, Roles.PROVIDER})
    public Response record(@PathParam("id") long id, @Valid @NotNull(message = "a screening is required") ScreeningRequest body) {
        ScreeningView view = screenings.record(id, body, identity.getPrincipal().getName());
        return Response.created(URI.create("/api/sessions/" + id + "/screenings")).entity(view).build();
    }

    /** Oldest first; the newest is the one the start is judged on. */
    @GET
    public List<ScreeningView> list(@PathParam("id") long id) {
        return screenings.ofSession(id);
    }
}
