package org.chairside.interop;

import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.transaction.Transactional;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.chairside.problem.Problem;
import org.chairside.problem.ProblemException;
import org.chairside.problem.QueryNumber;
import org.chairside.problem.Violation;
import org.chairside.security.Roles;
import org.chairside.session.SessionService;

/**
 * {@code POST /api/sessions/{id}/imports/csv}: a CSV export from a monitor or spreadsheet. The body is streamed,
 * never held in memory. Query parameters: {@code dryRun}, {@code policy} (all-or-none | valid-rows), {@code map}
 * (repeatable, {@code <header>=<field>}), {@code timePattern}, {@code zone}, {@code delimiter}, {@code importId}
 * (to poll {@code GET /api/imports/{importId}} while the upload runs).
 */
@Path("/api/sessions/{id}/imports")
public class CsvImportResource {
    static final List<String> CSV_TYPES = List.of("text/csv", "application/csv", "text/plain", "application/vnd.ms-excel",
            "text/comma-separated-values", "text/tab-separated-values");

    private final CsvImportService imports;
    private final SecurityIdentity identity;

    public CsvImportResource(CsvImportService imports, SecurityIdentity identity) {
        this.imports = imports;
        this.identity = identity;
    }

    /** A rejected import: a problem document that also carries the report (every bad row with its column and reason). */
    public record ImportProblem(String type, String title, int status, String detail, List<Violation> violations,
                                ImportReport report) {
    }

    @POST
    @Path("/csv")
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @RolesAllowed({Roles.NURSE, Roles.PROVIDER})
    public Response importCsv(@PathParam("id") long sessionId, @HeaderParam("Content-Type") String contentType,
                              @HeaderParam("Content-Length") Long contentLength,
                              @QueryParam("dryRun") String dryRunParam, @QueryParam("policy") String policy,
                              @QueryParam("map") List<String> map, @QueryParam("timePattern") String timePattern,
                              @QueryParam("zone") String zone, @QueryParam("delimiter") String delimiter,
                              @QueryParam("importId") String importId, InputStream body) {
        boolean dryRun = QueryNumber.flag("dryRun", dryRunParam, false);
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
        if (!CSV_TYPES.contains(type)) {
            throw new ProblemException(415, "Unsupported Media Type", "Send the file as text/csv", null);
        }
        java.nio.charset.Charset charset;
        try {
            charset = MediaType.valueOf(contentType).getParameters().containsKey("charset")
                    ? java.nio.charset.Charset.forName(MediaType.valueOf(contentType).getParameters().get("charset"))
                    : java.nio.charset.StandardCharsets.UTF_8;
        } catch (IllegalArgumentException e) {
            throw new ProblemException(415, "Unsupported Media Type", "Unknown charset in " + contentType + "; send UTF-8", null);
        }
        CsvImportService.Outcome out = imports.importCsv(sessionId, body, charset, contentLength,
                new CsvImportService.Options(dryRun, policy, mapping(map), timePattern, zone, delimiter, importId),
                identity.getPrincipal().getName());
        ImportReport report = out.report();
        URI location = URI.create("/api/imports/" + report.importId());
        return switch (out.state()) {
            case DONE -> Response.ok(report).type(MediaType.APPLICATION_JSON).location(location).build();
            case REJECTED -> Response.status(422).type(Problem.MEDIA_TYPE).location(location)
                    .entity(problem(422, "Import rejected", report)).build();
            default -> {
                // FAILED: stopped part way, by the session (closed meanwhile, say) or by the server's own failure
                int status = out.serverFault() ? 500 : 409;
                yield Response.status(status).type(Problem.MEDIA_TYPE).location(location)
                        .entity(problem(status, out.serverFault() ? "Import failed" : "Import stopped", report)).build();
            }
        };
    }

    /** The session's imports, newest first: progress only; the full report is under /api/imports/{importId}. */
    @GET
    @Authenticated
    @Transactional
    public List<ImportReport> list(@PathParam("id") long sessionId) {
        SessionService.find(sessionId);
        return ImportRun.<ImportRun>list("sessionId = ?1 order by startedAt desc", sessionId).stream()
                .map(ImportReport::progress).toList();
    }

    private static ImportProblem problem(int status, String title, ImportReport report) {
        List<Violation> violations = report.rejected() == null ? null : report.rejected().stream()
                .map(e -> new Violation("row " + e.row() + (e.column().equals("*") ? "" : ", column " + e.column()), e.reason()))
                .toList();
        return new ImportProblem("about:blank", title, status, report.detail(), violations, report);
    }

    /** "SYS Pressure=SYSTOLIC" (split at the last '=' or ':') -> header -> field. */
    static Map<String, String> mapping(List<String> map) {
        Map<String, String> out = new LinkedHashMap<>();
        if (map == null) {
            return out;
        }
        for (String m : map) {
            int at = Math.max(m.lastIndexOf('='), m.lastIndexOf(':'));
            if (at <= 0 || at == m.length() - 1) {
                throw ProblemException.invalid("map", "'" + m + "' must be <column header>=<field>, e.g. map=NIBP Sys=SYSTOLIC");
            }
            out.put(m.substring(0, at).trim(), m.substring(at + 1).trim());
        }
        return out;
    }
}
