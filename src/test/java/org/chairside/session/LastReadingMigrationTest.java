package org.chairside.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** V9 moves a session's last reading time out of the session's row: a clinic upgrading keeps every session's. */
class LastReadingMigrationTest {
    private static final String URL = "jdbc:h2:mem:last-reading-migration;DB_CLOSE_DELAY=-1";

    private static Flyway flyway(String target) {
        return Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").target(target).load();
    }

    @Test
    void everySessionKeepsItsLastReadingTime() throws SQLException {
        flyway("8").migrate();
        try (Connection c = DriverManager.getConnection(URL, "sa", ""); Statement s = c.createStatement()) {
            s.execute("set referential_integrity false");
            String columns = "insert into infusion_session (id, patient_id, recliner_id, open_recliner_id, state, weight_kg, drug, "
                    + "dose_mg_per_kg, planned_minutes, created_at, created_by, phase_since, last_reading_taken_at, version) values ";
            s.execute(columns + "(1, 1, 1, null, 'DISCHARGED', 70, 'ketamine', 0.5, 40, timestamp with time zone '2025-03-01 09:00:00+00', "
                    + "'nurse', timestamp with time zone '2025-03-01 10:00:00+00', timestamp with time zone '2025-03-01 10:35:12.5+00', 3)");
            s.execute(columns + "(2, 2, 2, 2, 'CHECKED_IN', 70, 'ketamine', 0.5, 40, timestamp with time zone '2025-03-01 11:00:00+00', "
                    + "'nurse', timestamp with time zone '2025-03-01 11:00:00+00', null, 0)");
            s.execute("set referential_integrity true");

            flyway("9").migrate();

            ResultSet rows = s.executeQuery("select session_id, taken_at from session_last_reading order by session_id");
            rows.next();
            assertEquals(1, rows.getLong(1));
            assertEquals(OffsetDateTime.parse("2025-03-01T10:35:12.5Z"), rows.getObject(2, OffsetDateTime.class));
            assertFalse(rows.next(), "a session with no reading yet has no row");
            ResultSet column = s.executeQuery("select count(*) from information_schema.columns "
                    + "where table_name = 'INFUSION_SESSION' and column_name = 'LAST_READING_TAKEN_AT'");
            column.next();
            assertEquals(0, column.getInt(1), "charting no longer updates the session's row");
            assertThrows(SQLException.class, () -> s.execute("insert into session_last_reading values (99, current_timestamp)"),
                    "the row belongs to a session that exists");
        }
    }
}
