package org.chairside.rules;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.chairside.security.Roles;

@Path("/api/thresholds")
@Authenticated
public class ThresholdResource {
    private final Thresholds thresholds;
    private final SecurityIdentity identity;

    public ThresholdResource(Thresholds thresholds, SecurityIdentity identity) {
        this.thresholds = thresholds;
        this.identity = identity;
    }

    @GET
    public ThresholdProfile clinic() {
        return thresholds.clinic();
    }

    @PUT
    @Transactional
    @RolesAllowed(Roles.ADMIN)
    public ThresholdProfile saveClinic(ThresholdProfile body) {
        return thresholds.saveClinic(body, identity.getPrincipal().getName());
    }
}
