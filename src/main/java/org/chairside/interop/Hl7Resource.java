package org.chairside.interop;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.chairside.problem.ProblemException;
import org.chairside.security.Roles;

/**
 * {@code POST /api/hl7}: one HL7 v2 message (ER7) in the body; the answer is the HL7 ACK in the same media type.
 * HTTP status: 200 with AA, 422 with AE (understood, not stored), 400 with AR (not a message we accept).
 */
@Path("/api/hl7")
public class Hl7Resource {
    static final List<String> TYPES = List.of("x-application/hl7-v2+er7", "application/hl7-v2+er7", "application/hl7-v2", "text/plain");

    private final Hl7Service hl7;
    private final SecurityIdentity identity;

    public Hl7Resource(Hl7Service hl7, SecurityIdentity identity) {
        this.hl7 = hl7;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.NURSE, Roles.PROVIDER})
    public Response receive(@HeaderParam("Content-Type") String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
        if (!TYPES.contains(type)) {
            throw new ProblemException(415, "Unsupported Media Type", "Send the HL7 v2 message as x-application/hl7-v2+er7 or text/plain", null);
        }
        Charset charset = StandardCharsets.UTF_8;
        try {
            String cs = MediaType.valueOf(contentType).getParameters().get("charset");
            if (cs != null) {
                charset = Charset.forName(cs);
            }
        } catch (IllegalArgumentException e) {
            throw new ProblemException(415, "Unsupported Media Type", "Unknown charset in " + contentType, null);
        }
        Hl7Service.Answer a = hl7.handle(new String(body == null ? new byte[0] : body, charset), identity.getPrincipal().getName());
        return Response.status(a.httpStatus()).type(type + "; charset=UTF-8").entity(a.ack()).build();
    }
}
