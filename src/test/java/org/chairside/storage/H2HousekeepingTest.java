package org.chairside.storage;

import static org.chairside.TestClinic.infusingSession;
import static org.chairside.TestClinic.nurse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import org.chairside.vitals.ChartingService;
import org.chairside.vitals.ReadingInput;
import org.chairside.vitals.Source;

/**
 * Charting many small commits leaves the H2 file mostly dead space; housekeeping passes (scheduled every second in
 * production, off in the test profile so that this test sees the file before them) reclaim it, and every reading is
 * still there afterwards. On a database file of its own: how far a bounded pass can shorten the file depends on where
 * the chunks the earlier test classes left lie, and the suite's other data decided whether the file shrank at all.
 */
@QuarkusTest
@TestProfile(H2HousekeepingTest.OwnDatabaseFile.class)
class H2HousekeepingTest {
    public static class OwnDatabaseFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chairside.h2.file", "./target/test-db/housekeeping");
        }
    }

    private static final int SESSIONS = 8;
    private static final int GROUPS = 300;

    @Inject
    H2Housekeeping housekeeping;
    @Inject
    ChartingService charting;
    @Inject
    AgroalDataSource dataSource;
    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    @Test
    void theDeadSpaceThatChartingLeavesIsReclaimedAndNoReadingIsLost() throws Exception {
        if (!"h2".equals(dbKind)) {
            assertNull(housekeeping.pass(), "nothing to do on " + dbKind);
            return;
        }
        List<Long> sessions = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            sessions.add(infusingSession());
        }
        // H2 keeps a chunk for 45 s after its last live page is gone (a disk may hold back writes that long);
        // without that wait here, a chunk qualifies as soon as it is sparse.
        retentionMillis(0);
        try {
            for (int g = 0; g < GROUPS; g++) {
                List<ChartingService.Entry> group = new ArrayList<>();
                for (long session : sessions) {
                    group.add(new ChartingService.Entry(session,
                            new ReadingInput(null, null, null, 60 + g % 40, null, null, null, null), Source.MANUAL, "nurse"));
                }
                charting.chartTogether(group); // one commit, one new chunk
            }
            H2Housekeeping.Snapshot charted = housekeeping.snapshot();
            assertNotNull(charted);
            assertTrue(charted.chunksFillRate() < 50, "charting in small commits leaves mostly dead space: " + charted);

            int passes = 0;
            boolean shortened = false;
            for (H2Housekeeping.Pass pass = housekeeping.pass(); (pass.rewritten() || pass.shortened()) && passes < 500;
                    pass = housekeeping.pass()) {
                System.out.println("H2HousekeepingTest: " + pass);
                shortened |= pass.shortened();
                passes++;
            }
            H2Housekeeping.Snapshot kept = housekeeping.snapshot();
            System.out.println("H2HousekeepingTest: after charting " + charted + ", after " + passes + " passes " + kept);
            assertTrue(kept.chunksFillRate() >= 80, "after " + passes + " passes: " + kept + "; after charting: " + charted);
            assertTrue(kept.fileBytes() < charted.fileBytes(), "the file shrank: " + kept + "; after charting: " + charted);
            assertTrue(shortened, "a pass moved chunks forward and cut the file's tail");
        } finally {
            retentionMillis(45_000);
        }
        for (long session : sessions) {
            assertEquals(GROUPS, nurse().get("/api/sessions/" + session + "/readings").then().statusCode(200)
                    .extract().jsonPath().getList("findAll { it.systolic == null }").size(),
                    "heart rates charted in session " + session + " (its pre-start blood pressure aside)");
        }
    }

    private void retentionMillis(int millis) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET RETENTION_TIME " + millis);
        }
    }

    /** What the charting wrote is forced to the disk on H2; PostgreSQL syncs its own and is left alone. */
    @Test
    void theFileIsForcedToTheDiskOnH2Only() throws Exception {
        assertEquals("h2".equals(dbKind), housekeeping.sync(), "on " + dbKind);
    }
}
