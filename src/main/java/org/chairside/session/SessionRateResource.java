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

/** The pump of one session: its rate changes, and the dose given so far. */
@Path("/api/sessions/{id}")
@Authenticated
public class SessionRateResource {
    private final RateChanges rates;
    private final SecurityIdentity identity;

    public SessionRateResource(RateChanges rates, SecurityIdentity identity) {
        this.rates = rates;
        this.identity = identity;
    }

    /** 201 with the dose as it stands after the change. */
    @POST
    @Path("/rate-changes")
    @RolesAllowed({Roles.NURSE, Roles.PROVIDER})
    public Response change(@PathParam("id") long id, @Valid @NotNull(message = "a rate change is required") RateChangeRequest body) {
        DoseView dose = rates.change(id, body, identity.getPrincipal().getName());
        return Response.created(URI.create("/api/sessions/" + id + "/dose")).entity(dose).build();
    }

    @GET
    @Path("/rate-changes")
    public List<RateChange> changes(@PathParam("id") long id) {
        SessionService.find(id);
        return RateChange.ofSession(id);
    }

    @GET
    @Path("/dose")
    public DoseView dose(@PathParam("id") long id) {
        return rates.dose(id);
    }
}
