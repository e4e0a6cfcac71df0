package org.chairside.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

/**
 * Fills the stopped server's H2 file with a clinic's past, by plain JDBC batches following the Flyway schema
 * (V1__core_schema.sql): {@code patients} patients, {@code sessions} closed sessions spread over them and over
 * the last three years, and one closed session with {@code bigReadings} readings (one a second, as a device feed
 * charts) and an alert every 20 readings. Ids start far above anything the API made, and the sequences are moved
 * past them.
 */
final class HistorySeed {
    static final long BASE = 10_000_000L;

    final long bigSessionId;
    final long searchPatientId;
    final int sessions;
    final int patients;
    final int bigReadings;
    final int bigAlerts;
    long millis;

    HistorySeed(int patients, int sessions, int bigReadings) {
        this.patients = patients;
        this.sessions = sessions;
        this.bigReadings = bigReadings;
        this.bigAlerts = bigReadings / 20;
        this.bigSessionId = BASE + sessions + 1;
        this.searchPatientId = BASE + 1;
    }

    void run(String jdbcUrl) throws SQLException {
        long t0 = System.nanoTime();
        SplittableRandom rnd = new SplittableRandom(42);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int recliners = 50;
        try (Connection c = DriverManager.getConnection(jdbcUrl, "chairside", "")) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("insert into recliner (id, name, created_at, created_by) values (?, ?, ?, 'seed')")) {
                for (int i = 1; i <= recliners; i++) {
                    p.setLong(1, BASE + i);
                    p.setString(2, "H-Chair-" + i);
                    p.setTimestamp(3, ts(now.minus(1200, ChronoUnit.DAYS)));
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement("insert into patient (id, mrn, given_name, family_name, birth_date, weight_kg, "
                    + "created_at, created_by) values (?, ?, ?, ?, ?, ?, ?, 'seed')")) {
                for (int i = 1; i <= patients; i++) {
                    p.setLong(1, BASE + i);
                    p.setString(2, "H" + i);
                    p.setString(3, "Given" + i);
                    p.setString(4, "Family" + (i % 997));
                    p.setObject(5, LocalDate.of(1950 + i % 50, 1 + i % 12, 1 + i % 28));
                    p.setBigDecimal(6, java.math.BigDecimal.valueOf(55 + i % 50));
                    p.setTimestamp(7, ts(now.minus(1200, ChronoUnit.DAYS)));
                    p.addBatch();
                    if (i % 5000 == 0) {
                        p.executeBatch();
                    }
                }
                p.executeBatch();
            }
            c.commit();
            String sessionSql = "insert into infusion_session (id, patient_id, recliner_id, open_recliner_id, state, weight_kg, drug, "
                    + "dose_mg_per_kg, planned_minutes, created_at, created_by, started_at, infusion_ended_at, closed_at, phase_since, "
                    + "version) values (?, ?, ?, null, ?, ?, 'ketamine', ?, 40, ?, 'seed', ?, ?, ?, ?, 0)";
            try (PreparedStatement p = c.prepareStatement(sessionSql);
                 PreparedStatement last = c.prepareStatement("insert into session_last_reading (session_id, taken_at) values (?, ?)")) {
                for (int i = 1; i <= sessions + 1; i++) {
                    boolean big = i == sessions + 1;
                    // session i belongs to patient ((i-1) % patients) + 1: every patient has sessions/patients of them
                    long patient = big ? searchPatientId : BASE + 1 + (i - 1) % patients;
                    Instant created = big ? now.minus(2, ChronoUnit.DAYS)
                            : now.minus(3 * 365 * 24 * 60, ChronoUnit.MINUTES).plus((long) i * (3L * 365 * 24 * 60) / sessions, ChronoUnit.MINUTES);
                    Instant started = created.plus(10, ChronoUnit.MINUTES);
                    Instant ended = started.plus(40, ChronoUnit.MINUTES);
                    Instant closed = big ? created.plusSeconds(bigReadings + 60) : ended.plus(60, ChronoUnit.MINUTES);
                    p.setLong(1, BASE + i);
                    p.setLong(2, patient);
                    p.setLong(3, BASE + 1 + i % recliners);
                    p.setString(4, rnd.nextInt(50) == 0 ? "STOPPED" : "DISCHARGED");
                    p.setBigDecimal(5, java.math.BigDecimal.valueOf(70));
                    p.setBigDecimal(6, new java.math.BigDecimal("0.500"));
                    p.setTimestamp(7, ts(created));
                    p.setTimestamp(8, ts(started));
                    p.setTimestamp(9, ts(ended));
                    p.setTimestamp(10, ts(closed));
                    p.setTimestamp(11, ts(closed));
                    p.addBatch();
                    last.setLong(1, BASE + i);
                    last.setTimestamp(2, ts(closed.minus(5, ChronoUnit.MINUTES)));
                    last.addBatch();
                    if (i % 5000 == 0) {
                        p.executeBatch();
                        last.executeBatch();
                        c.commit();
                    }
                }
                p.executeBatch();
                last.executeBatch();
            }
            c.commit();
            seedBigSession(c, now, rnd);
            try (Statement s = c.createStatement()) {
                for (String seq : new String[] {"patient_seq", "recliner_seq", "infusion_session_seq", "reading_seq", "alert_seq",
                        "session_transition_seq"}) {
                    s.execute("alter sequence " + seq + " restart with " + (BASE * 3));
                }
                s.execute("analyze");
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                s.execute("checkpoint sync");
            }
        }
        millis = (System.nanoTime() - t0) / 1_000_000;
    }

    private void seedBigSession(Connection c, Instant now, SplittableRandom rnd) throws SQLException {
        Instant created = now.minus(2, ChronoUnit.DAYS);
        Instant first = created.plus(1, ChronoUnit.MINUTES);
        String readingSql = "insert into reading (id, session_id, taken_at, entered_at, phase, systolic, diastolic, heart_rate, spo2, "
                + "respiratory_rate, temperature_c, source, source_ref, charted_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'DEVICE', ?, 'seed')";
        try (PreparedStatement p = c.prepareStatement(readingSql)) {
            for (int i = 1; i <= bigReadings; i++) {
                Instant at = first.plusSeconds(i);
                p.setLong(1, BASE + i);
                p.setLong(2, bigSessionId);
                p.setTimestamp(3, ts(at));
                p.setTimestamp(4, ts(at.plusMillis(300)));
                p.setString(5, i <= 5 ? "CHECKED_IN" : i < bigReadings * 8 / 10 ? "INFUSING" : "RECOVERY");
                boolean high = i % 20 == 0;
                p.setInt(6, high ? 165 : 115 + rnd.nextInt(12));
                p.setInt(7, 72 + rnd.nextInt(10));
                p.setInt(8, 65 + rnd.nextInt(15));
                p.setInt(9, 96 + rnd.nextInt(4));
                p.setInt(10, 12 + rnd.nextInt(6));
                p.setDouble(11, 36.6);
                p.setString(12, "dev-" + i);
                p.addBatch();
                if (i % 5000 == 0) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
        // the device keys, as an import would have recorded them
        try (PreparedStatement p = c.prepareStatement("insert into reading_source_ref (session_id, source_ref, reading_id) "
                + "select session_id, source_ref, id from reading where session_id = ? and source_ref is not null")) {
            p.setLong(1, bigSessionId);
            p.executeUpdate();
        }
        String alertSql = "insert into alert (id, session_id, condition_code, condition_label, priority, state, open_condition, message, "
                + "vital, operator, limit_value, trigger_value, worst_value, last_value, breach_count, first_reading_id, last_reading_id, "
                + "condition_cleared, historical, escalated, raised_at, active_since, updated_at, resolved_at, resolved_by, version) "
                + "values (?, ?, 'BP_HIGH', 'Blood pressure high', 'MEDIUM', 'RESOLVED', null, 'Systolic 165 mmHg at or above 160', "
                + "'SYSTOLIC', 'AT_OR_ABOVE', 160, 165, 165, 165, 1, ?, ?, false, false, false, ?, ?, ?, ?, ?, 0)";
        try (PreparedStatement p = c.prepareStatement(alertSql)) {
            for (int k = 1; k <= bigAlerts; k++) {
                long readingId = BASE + k * 20L;
                Instant at = first.plusSeconds(k * 20L);
                p.setLong(1, BASE + k);
                p.setLong(2, bigSessionId);
                p.setLong(3, readingId);
                p.setLong(4, readingId);
                p.setTimestamp(5, ts(at));
                p.setTimestamp(6, ts(at));
                p.setTimestamp(7, ts(at.plusSeconds(1)));
                p.setTimestamp(8, ts(at.plusSeconds(1)));
                p.setString(9, "reading " + (readingId + 1));
                p.addBatch();
            }
            p.executeBatch();
        }
        c.commit();
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }
}
