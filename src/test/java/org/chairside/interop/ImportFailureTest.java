package org.chairside.interop;

import static org.chairside.TestClinic.nurse;
import static org.chairside.interop.InteropFixture.readingCount;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;
import org.chairside.problem.ProblemException;
import org.chairside.vitals.Reading;

/**
 * An import stopped by something other than its file: the database failing part way, and the server going away (an
 * import left RUNNING with no progress). Before, the first answered a 500 saying "nothing was stored" after storing a
 * chunk and left the import RUNNING, and the second showed as running forever.
 */
@QuarkusTest
class ImportFailureTest {
    private static final Instant BEFORE_FILES = Instant.parse("2025-03-01T06:00:00Z");

    @Inject
    StalledImports stalled;
    @Inject
    CsvImportService imports;

    private static long session() {
        return (long) InteropFixture.sessionOpenedAt(BEFORE_FILES)[0];
    }

    /** Rows one second apart from 09:00, heart rate 70 except the given row (1-based), whose is {@code odd}. */
    private static String csv(int rows, int oddRow, int odd) {
        StringBuilder csv = new StringBuilder("Time,HR\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(Instant.parse("2025-03-01T09:00:00Z").plusSeconds(i)).append(',').append(i == oddRow ? odd : 70).append('\n');
        }
        return csv.toString();
    }

    private static void sql(String statement) {
        QuarkusTransaction.requiringNew().run(() -> Reading.getEntityManager().createNativeQuery(statement).executeUpdate());
    }

    @Test
    void aDatabaseFailurePartWayIs500SayingWhatWasStoredAndTheRestImportsLater() {
        long s = session();
        String file = csv(1500, 1200, 177);
        String id = TestClinic.unique("db-fails");
        // The database refuses the second chunk's rows (1,000 rows a chunk): a failure the file's checks cannot foresee.
        sql("alter table reading add constraint test_refuses_177 check (heart_rate <> 177)");
        try {
            nurse().contentType("text/csv").queryParam("importId", id).body(file).post("/api/sessions/" + s + "/imports/csv")
                    .then().statusCode(500).contentType("application/problem+json")
                    .header("Location", org.hamcrest.Matchers.endsWith("/api/imports/" + id))
                    .body("title", equalTo("Import failed"))
                    .body("detail", containsString("after 1000 stored rows"))
                    .body("detail", containsString("importing the same file again stores only the rest"))
                    .body("report.state", equalTo("FAILED")).body("report.rowsStored", equalTo(1000));
        } finally {
            sql("alter table reading drop constraint test_refuses_177");
        }
        assertEquals(1000, readingCount(s));
        nurse().get("/api/imports/" + id).then().statusCode(200)
                .body("state", equalTo("FAILED")).body("phase", equalTo("FINISHED"))
                .body("rowsStored", equalTo(1000)).body("detail", containsString("after 1000 stored rows"));
        nurse().contentType("text/csv").body(file).post("/api/sessions/" + s + "/imports/csv").then().statusCode(200)
                .body("rowsStored", equalTo(500)).body("duplicates", equalTo(1000));
        assertEquals(1500, readingCount(s));
    }

    @Test
    void anImportLeftRunningWithoutProgressIsMarkedFailedSayingWhatWasStored() {
        long s = session();
        String gone = TestClinic.unique("gone");
        String alive = TestClinic.unique("alive");
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            running(gone, s, 300);
            running(alive, s, 0);
        });
        // What a server killed part way leaves: the last progress written eleven minutes ago.
        QuarkusTransaction.requiringNew().run(() -> ImportRun.update("updatedAt = ?1 where id = ?2", now.minus(Duration.ofMinutes(11)), gone));
        assertTrue(stalled.markStalled(now) >= 1);
        nurse().get("/api/imports/" + gone).then().statusCode(200)
                .body("state", equalTo("FAILED")).body("phase", equalTo("FINISHED")).body("percent", equalTo(100))
                .body("detail", containsString("No progress for 10 minutes"))
                .body("detail", containsString("after 300 stored rows"));
        nurse().get("/api/imports/" + alive).then().statusCode(200).body("state", equalTo("RUNNING"));
        nurse().get("/api/sessions/" + s + "/imports").then().statusCode(200)
                .body("find { it.importId == '" + gone + "' }.state", equalTo("FAILED"));
        assertEquals(0, stalled.markStalled(now), "marked once");
    }

    @Test
    void anImportMarkedStalledWhileStillRunningStopsAtItsNextProgress() {
        long s = session();
        String id = TestClinic.unique("stalls");
        byte[] file = csv(2500, 0, 0).getBytes(StandardCharsets.UTF_8);
        // The upload pauses past the limit after about 1,200 rows (the first progress is written at 1,000); meanwhile
        // another instance's sweep marks it.
        InputStream slow = new FilterInputStream(new ByteArrayInputStream(file)) {
            long read;
            boolean swept;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (!swept && read > file.length / 2) {
                    swept = true;
                    assertTrue(stalled.markStalled(Instant.now().plus(Duration.ofMinutes(11))) >= 1);
                }
                int n = super.read(b, off, Math.min(len, 1024));
                read += Math.max(0, n);
                return n;
            }
        };
        ProblemException stopped = assertThrows(ProblemException.class, () -> imports.importCsv(s, slow, StandardCharsets.UTF_8,
                (long) file.length, new CsvImportService.Options(false, null, Map.of(), null, "UTC", null, id), "nurse"));
        assertEquals(409, stopped.status());
        assertTrue(stopped.getMessage().contains("No progress for 10 minutes"), stopped.getMessage());
        assertEquals(0, readingCount(s));
        nurse().get("/api/imports/" + id).then().statusCode(200).body("state", equalTo("FAILED"))
                .body("detail", equalTo(stopped.getMessage()));
    }

    private static void running(String id, long sessionId, long stored) {
        ImportRun r = new ImportRun();
        r.id = id;
        r.sessionId = sessionId;
        r.format = "CSV";
        r.state = ImportRun.State.RUNNING;
        r.phase = stored > 0 ? ImportRun.Phase.STORING : ImportRun.Phase.VALIDATING;
        r.policy = CsvImportService.ALL_OR_NONE;
        r.rowsValid = 1000;
        r.rowsStored = stored;
        r.startedAt = Instant.now().minus(Duration.ofMinutes(20));
        r.startedBy = "nurse";
        r.persist();
    }
}
