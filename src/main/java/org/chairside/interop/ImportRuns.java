package org.chairside.interop;

import java.time.Instant;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import org.chairside.problem.ProblemException;

/**
 * An import's row while it runs: created, its progress written after every chunk of rows, and finished with its report.
 * Each write is a transaction of its own, so that a client polling the import sees the progress as it is made. The
 * {@link ImportRun} the import holds is a copy of the row, refreshed after each write.
 */
@ApplicationScoped
class ImportRuns {
    private final ObjectMapper json;

    ImportRuns(ObjectMapper json) {
        this.json = json;
    }

    ImportRun start(String id, long sessionId, boolean dryRun, String policy, Long contentLength, String actor) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (ImportRun.findById(id) != null) {
                throw ProblemException.conflict("An import with id " + id + " already exists; choose a new importId");
            }
            ImportRun r = new ImportRun();
            r.id = id;
            r.sessionId = sessionId;
            r.format = "CSV";
            r.state = ImportRun.State.RUNNING;
            r.phase = ImportRun.Phase.VALIDATING;
            r.dryRun = dryRun;
            r.policy = policy;
            r.bytesTotal = contentLength != null && contentLength > 0 ? contentLength : null;
            r.startedAt = Instant.now();
            r.startedBy = actor;
            r.persist();
            return r;
        });
    }

    /** Changes the import's row in a transaction of its own (the caller's work in {@code change} joins it), refusing one marked stopped. */
    void progress(ImportRun run, Consumer<ImportRun> change) {
        ImportRun updated = QuarkusTransaction.requiringNew().call(() -> {
            ImportRun r = stillRunning(run.id);
            change.accept(r);
            return r;
        });
        copy(updated, run);
    }

    private static ImportRun stillRunning(String id) {
        ImportRun r = ImportRun.findById(id);
        if (r.state != ImportRun.State.RUNNING) {
            throw new Stopped(r.detail);
        }
        return r;
    }

    /** The import was marked FAILED by someone else (StalledImports) while this request still ran it. */
    static final class Stopped extends ProblemException {
        Stopped(String detail) {
            super(409, "Import stopped", detail, null);
        }
    }

    /** Ends the import in {@code state}; its report is {@code body} completed with the import's figures, or just the figures. */
    ImportReport finish(ImportRun run, ImportRun.State state, String detail, ImportReport body) {
        ImportRun updated = QuarkusTransaction.requiringNew().call(() -> {
            ImportRun r = state == ImportRun.State.FAILED ? ImportRun.findById(run.id) : stillRunning(run.id);
            r.state = state;
            r.phase = ImportRun.Phase.FINISHED;
            r.detail = detail.length() > 1000 ? detail.substring(0, 997) + "..." : detail;
            r.finishedAt = Instant.now();
            if (r.bytesTotal == null) {
                r.bytesTotal = r.bytesRead;
            }
            return r;
        });
        copy(updated, run);
        ImportReport report = body == null ? ImportReport.progress(run) : complete(run, body);
        QuarkusTransaction.requiringNew().run(() -> {
            ImportRun r = ImportRun.findById(run.id);
            r.report = write(report);
        });
        return report;
    }

    private static ImportReport complete(ImportRun r, ImportReport b) {
        return new ImportReport(r.id, r.sessionId, r.format, r.dryRun, r.policy, r.state.name(), r.phase.name(), r.percent(),
                r.detail, b.columns(), b.ignoredColumns(), b.rowsRead(), b.rowsValid(), b.rowsRejected(), r.rowsStored,
                r.rowsDuplicate, b.preview(), b.rejected(), b.rejectedTruncated(), r.startedAt, r.finishedAt, r.startedBy);
    }

    private static void copy(ImportRun from, ImportRun to) {
        to.state = from.state;
        to.phase = from.phase;
        to.rowsRead = from.rowsRead;
        to.rowsValid = from.rowsValid;
        to.rowsRejected = from.rowsRejected;
        to.rowsStored = from.rowsStored;
        to.rowsDuplicate = from.rowsDuplicate;
        to.bytesRead = from.bytesRead;
        to.bytesTotal = from.bytesTotal;
        to.detail = from.detail;
        to.finishedAt = from.finishedAt;
    }

    private String write(ImportReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
