package org.chairside.interop;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** {@code GET /api/sessions/{id}/fhir}: the session as a FHIR R4 Bundle; any logged-in user. */
@Path("/api/sessions/{id}/fhir")
@Authenticated
public class FhirExportResource {
    private final FhirSupport fhir;
    private final FhirService service;

    public FhirExportResource(FhirSupport fhir, FhirService service) {
        this.fhir = fhir;
        this.service = service;
    }

    @GET
    public Response export(@PathParam("id") long sessionId) {
        return Response.ok(fhir.json().encodeResourceToString(service.export(sessionId))).type(FhirSupport.FHIR_JSON).build();
    }
}
