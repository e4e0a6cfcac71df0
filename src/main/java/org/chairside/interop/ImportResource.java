package org.chairside.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.chairside.problem.ProblemException;

/** Progress and reports of imports, for the dashboard's progress bar. Any logged-in user may read them. */
@Path("/api")
@Authenticated
public class ImportResource {
    private final ObjectMapper json;

    public ImportResource(ObjectMapper json) {
        this.json = json;
    }

    /** A running import's progress (rows read, stored, percent); once finished, its full report. */
    @GET
    @Path("/imports/{importId}")
    @Transactional
    public ImportReport get(@PathParam("importId") String importId) {
        ImportRun r = ImportRun.findById(importId);
        if (r == null) {
            throw ProblemException.notFound("import", importId);
        }
        return view(r);
    }

    private ImportReport view(ImportRun r) {
        if (r.report != null) {
            try {
                return json.readValue(r.report, ImportReport.class);
            } catch (JsonProcessingException e) {
                return ImportReport.progress(r);
            }
        }
        return ImportReport.progress(r);
    }
}
