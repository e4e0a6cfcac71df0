package org.chairside.security;

import java.util.List;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Who is logged in: the dashboard shows the name and offers only what the roles allow. */
@Path("/api/me")
@Authenticated
public class MeResource {
    private final SecurityIdentity identity;

    public MeResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    public record Me(String username, String displayName, List<String> roles) {
    }

    @GET
    public Me me() {
        AppUser u = AppUser.findByUsername(identity.getPrincipal().getName());
        return new Me(identity.getPrincipal().getName(), u != null ? u.displayName : null,
                identity.getRoles().stream().sorted().toList());
    }
}
