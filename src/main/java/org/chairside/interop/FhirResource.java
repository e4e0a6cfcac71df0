package org.chairside.interop;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.parser.DataFormatException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;

import org.chairside.security.Roles;

/**
 * FHIR R4 in and out (application/fhir+json). {@code POST /api/fhir/Bundle} and {@code POST /api/fhir/Observation}
 * chart vital-signs Observations; every error is an OperationOutcome. The export is {@link FhirExportResource}.
 */
@Path("/api/fhir")
public class FhirResource {
    static final List<String> TYPES = List.of(FhirSupport.FHIR_JSON, "application/json", "application/json+fhir");

    private final FhirSupport fhir;
    private final FhirService service;
    private final SecurityIdentity identity;
    private final FhirVitals vitals;

    public FhirResource(FhirSupport fhir, FhirService service, SecurityIdentity identity,
                        @ConfigProperty(name = "chairside.fhir.mrn-system") Optional<String> mrnSystem) {
        this.fhir = fhir;
        this.service = service;
        this.identity = identity;
        this.vitals = new FhirVitals(mrnSystem);
    }

    @POST
    @Path("/Bundle")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.NURSE, Roles.PROVIDER})
    public Response bundle(@HeaderParam("Content-Type") String contentType, String body) {
        Received<Bundle> in = receive(contentType, body, Bundle.class);
        if (in.error() != null) {
            return in.error();
        }
        Bundle b = in.resource();
        try {
            List<FhirService.Stored> stored = service.chart(vitals.read(b), identity.getPrincipal().getName());
            int n = stored.stream().mapToInt(s -> s.readings().size()).sum();
            int j = stored.stream().mapToInt(s -> s.joined().size()).sum();
            int d = stored.stream().mapToInt(FhirService.Stored::duplicates).sum();
            OperationOutcome oo = new OperationOutcome();
            oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION).setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDiagnostics("Stored " + n + " reading(s)" + (j > 0 ? ", joined " + j + " to the reading(s) of their time "
                            + stored.stream().flatMap(s -> s.joined().stream()).map(r -> "as reading " + r.id + " (amends " + r.amendsId + ")").toList() : "")
                            + (d > 0 ? ", " + d + " Observation(s) already stored" : "")
                            + (stored.isEmpty() ? "" : " for session(s) " + stored.stream().map(s -> String.valueOf(s.sessionId())).distinct().toList()));
            return fhirResponse(200, oo);
        } catch (FhirService.FhirRejected e) {
            return outcome(e);
        }
    }

    @POST
    @Path("/Observation")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.NURSE, Roles.PROVIDER})
    public Response observation(@HeaderParam("Content-Type") String contentType, String body) {
        Received<Observation> in = receive(contentType, body, Observation.class);
        if (in.error() != null) {
            return in.error();
        }
        Observation o = in.resource();
        try {
            List<FhirService.Stored> stored = service.chart(vitals.read(o), identity.getPrincipal().getName());
            FhirService.Stored s = stored.get(0);
            OperationOutcome oo = new OperationOutcome();
            org.chairside.vitals.Reading reading = !s.readings().isEmpty() ? s.readings().get(0) : s.joined().isEmpty() ? null : s.joined().get(0);
            oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION).setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDiagnostics(reading == null ? "Already stored: nothing new"
                            : reading.amendsId == null ? "Stored as reading " + reading.id + " of session " + s.sessionId()
                            : "Joined to reading " + reading.amendsId + " of the same time: stored as reading " + reading.id
                                    + " of session " + s.sessionId() + ", which amends it");
            Response.ResponseBuilder r = Response.status(reading != null ? 201 : 200).type(FhirSupport.FHIR_JSON).entity(fhir.json().encodeResourceToString(oo));
            if (reading != null) {
                r.location(URI.create("/api/readings/" + reading.id));
            }
            return r.build();
        } catch (FhirService.FhirRejected e) {
            return outcome(e);
        }
    }

    /** A request body as the resource it must be, or the answer that says why it is not. */
    private record Received<T>(T resource, Response error) {
    }

    private <T extends IBaseResource> Received<T> receive(String contentType, String body, Class<T> type) {
        Response bad = checkType(contentType);
        if (bad != null) {
            return new Received<>(null, bad);
        }
        String name = type.getSimpleName();
        FhirNumbers.Unreadable huge = body == null ? null : FhirNumbers.firstUnreadable(body, name);
        if (huge != null) {
            return new Received<>(null, outcome(422, OperationOutcome.IssueType.VALUE, huge.expression(),
                    huge.text() + " is not a plausible value: no vital sign, nor any element Chairside reads, has so many digits"));
        }
        IBaseResource parsed;
        try {
            parsed = parse(body);
        } catch (DataFormatException e) {
            return new Received<>(null, outcome(400, OperationOutcome.IssueType.STRUCTURE, name,
                    "Not a valid FHIR R4 JSON resource: " + clip(e.getMessage())));
        }
        if (!type.isInstance(parsed)) {
            return new Received<>(null, outcome(400, OperationOutcome.IssueType.INVALID, name,
                    "Expected a" + ("AEIOU".indexOf(name.charAt(0)) >= 0 ? "n " : " ") + name + ", got " + parsed.fhirType()));
        }
        return new Received<>(type.cast(parsed), null);
    }

    private IBaseResource parse(String body) {
        if (body == null || body.isBlank()) {
            throw new DataFormatException("the body is empty");
        }
        return fhir.strictJson().parseResource(body);
    }

    private Response checkType(String contentType) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
        if (!TYPES.contains(type)) {
            return outcome(415, OperationOutcome.IssueType.NOTSUPPORTED, null, "Send application/fhir+json");
        }
        return null;
    }

    private Response outcome(FhirService.FhirRejected e) {
        OperationOutcome oo = new OperationOutcome();
        for (FhirVitals.Issue i : e.issues()) {
            OperationOutcome.OperationOutcomeIssueComponent issue = oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(e.status() == 409 ? OperationOutcome.IssueType.CONFLICT : OperationOutcome.IssueType.PROCESSING)
                    .setDiagnostics(i.message());
            if (i.expression() != null) {
                issue.addExpression(i.expression());
            }
        }
        return fhirResponse(e.status(), oo);
    }

    private Response outcome(int status, OperationOutcome.IssueType type, String expression, String message) {
        OperationOutcome oo = new OperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent issue = oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(type).setDiagnostics(message);
        if (expression != null) {
            issue.addExpression(expression);
        }
        return fhirResponse(status, oo);
    }

    private Response fhirResponse(int status, IBaseResource r) {
        return Response.status(status).type(FhirSupport.FHIR_JSON).entity(fhir.json().encodeResourceToString(r)).build();
    }

    private static String clip(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
