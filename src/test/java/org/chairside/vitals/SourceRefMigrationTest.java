package org.chairside.vitals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** V7 moves the importers' keys out of the reading table: a clinic upgrading keeps every key and its uniqueness. */
class SourceRefMigrationTest {
    private static final String URL = "jdbc:h2:mem:source-ref-migration;DB_CLOSE_DELAY=-1";

    private static Flyway flyway(String target) {
        return Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").target(target).load();
    }

    @Test
    void keysChartedBeforeTheUpgradeStillStopASecondImport() throws SQLException {
        flyway("6").migrate();
        try (Connection c = DriverManager.getConnection(URL, "sa", ""); Statement s = c.createStatement()) {
            s.execute("set referential_integrity false");
            s.execute("insert into reading (id, session_id, taken_at, entered_at, phase, source, source_ref, charted_by) values "
                    + "(1, 7, current_timestamp, current_timestamp, 'INFUSING', 'HL7', 'hl7:MSG1:20250301', 'device'), "
                    + "(2, 7, current_timestamp, current_timestamp, 'INFUSING', 'MANUAL', null, 'nurse')");
            s.execute("set referential_integrity true");

            flyway("7").migrate();

            ResultSet keys = s.executeQuery("select session_id, source_ref, reading_id from reading_source_ref");
            keys.next();
            assertEquals(7, keys.getLong(1));
            assertEquals("hl7:MSG1:20250301", keys.getString(2));
            assertEquals(1, keys.getLong(3));
            assertEquals(false, keys.next(), "a manual reading has no key");
            ResultSet indexed = s.executeQuery("select count(*) from information_schema.index_columns "
                    + "where table_name = 'READING' and column_name = 'SOURCE_REF'");
            indexed.next();
            assertEquals(0, indexed.getInt(1), "charting a reading writes no index entry for its key");
            assertThrows(SQLException.class, () -> s.execute(
                    "insert into reading_source_ref (session_id, source_ref, reading_id) values (7, 'hl7:MSG1:20250301', 2)"));
        }
    }
}
