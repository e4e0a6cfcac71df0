package org.chairside.vitals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.chairside.json.InstantSerializer;
import org.chairside.rules.Consciousness;
import org.chairside.rules.News2;
import org.chairside.rules.VitalSigns;
import org.chairside.session.SessionState;

/**
 * Writes a session's readings as the JSON array of {@link ReadingView}s, row by row from the query's result set. A
 * session fed by a device has ten thousand readings and more: going through Hibernate's row processing, a list of
 * records and Jackson's reflective bean serializer cost several times what the query itself does, held the whole list
 * and its 4 MB of JSON in memory, and sent the first byte only when the last row was read. The text is the same as
 * Jackson writes for the records (same fields, same order, nulls written), which the tests check byte for byte.
 * The list is built in memory (and a long one kept, see {@link ReadingListCache}) unless no copies are kept, then
 * streamed.
 */
@ApplicationScoped
public class ReadingListWriter {
    private static final String SELECT = "select id, session_id, taken_at, entered_at, phase, systolic, diastolic, heart_rate, spo2, "
            + "respiratory_rate, temperature_c, source, charted_by, superseded_by_id, superseded_at, superseded_by_user, amends_id, "
            + "amend_reason, on_oxygen, consciousness from reading where session_id = ? order by taken_at, id";
    /** Rows PostgreSQL hands over per round trip (it holds the whole result in the driver otherwise); H2 ignores it. */
    private static final int FETCH_SIZE = 1000;

    // The names of ReadingView's components, encoded once instead of on every row.
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString SESSION_ID = new SerializedString("sessionId");
    private static final SerializedString TAKEN_AT = new SerializedString("takenAt");
    private static final SerializedString ENTERED_AT = new SerializedString("enteredAt");
    private static final SerializedString PHASE = new SerializedString("phase");
    private static final SerializedString BASELINE = new SerializedString("baseline");
    private static final SerializedString SYSTOLIC = new SerializedString("systolic");
    private static final SerializedString DIASTOLIC = new SerializedString("diastolic");
    private static final SerializedString HEART_RATE = new SerializedString("heartRate");
    private static final SerializedString SPO2 = new SerializedString("spo2");
    private static final SerializedString RESPIRATORY_RATE = new SerializedString("respiratoryRate");
    private static final SerializedString TEMPERATURE_C = new SerializedString("temperatureC");
    private static final SerializedString ON_OXYGEN = new SerializedString("onOxygen");
    private static final SerializedString CONSCIOUSNESS = new SerializedString("consciousness");
    private static final SerializedString NEWS2 = new SerializedString("news2");
    private static final SerializedString SCORE = new SerializedString("score");
    private static final SerializedString BAND = new SerializedString("band");
    private static final SerializedString MISSING = new SerializedString("missing");
    private static final SerializedString SOURCE = new SerializedString("source");
    private static final SerializedString CHARTED_BY = new SerializedString("chartedBy");
    private static final SerializedString AMENDED = new SerializedString("amended");
    private static final SerializedString SUPERSEDED_BY_ID = new SerializedString("supersededById");
    private static final SerializedString SUPERSEDED_AT = new SerializedString("supersededAt");
    private static final SerializedString SUPERSEDED_BY = new SerializedString("supersededBy");
    private static final SerializedString AMENDS_ID = new SerializedString("amendsId");
    private static final SerializedString AMEND_REASON = new SerializedString("amendReason");

    private static final String COUNT = "select count(*) from reading where session_id = ?";
    /**
     * What changed after a reading: a row is written once and changed only when a correction supersedes it, in the
     * correction's transaction, so the newer rows and the originals they supersede are every difference.
     */
    private static final String CHANGED = SELECT.replace("where session_id = ?", "where session_id = ? and (id > ? or superseded_by_id > ?)");

    /** The readings that changed after a cursor, and how many readings the session has in all (see {@link #changes}). */
    public record Changes(byte[] json, int total) {
    }

    private final DataSource db;
    private final JsonFactory json;
    private final ReadingListCache copies;

    public ReadingListWriter(DataSource db, ObjectMapper mapper,
                             @ConfigProperty(name = "chairside.readings.list-cache") MemorySize cacheSize) {
        this.db = db;
        this.json = mapper.getFactory();
        this.copies = new ReadingListCache(cacheSize.asLongValue());
    }

    /**
     * The list as JSON bytes: the copy kept while the session's readings are unchanged, else read afresh and, if long,
     * kept. Null when no copies are kept ({@code chairside.readings.list-cache=0}): then {@link #write} streams it.
     * Built in memory, a fresh list goes out as one buffer too: through the container's 8 KB chunks the same bytes
     * took half as long again.
     */
    public byte[] list(long sessionId) {
        if (!copies.enabled()) {
            return null;
        }
        try (Connection c = db.getConnection()) {
            ReadingListCache.Copy copy = copies.get(sessionId);
            if (copy != null && copy.readings() == count(c, sessionId)) {
                return copy.json();
            }
            ByteArrayOutputStream json = new ByteArrayOutputStream(copy == null ? 8192 : copy.json().length + 4096);
            int readings = write(c, sessionId, json);
            byte[] bytes = json.toByteArray();
            copies.put(sessionId, readings, bytes);
            return bytes;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("listing the readings of session " + sessionId + " failed", e);
        }
    }

    /**
     * The readings written after {@code after} (a reading's id) and the originals those correct, as the list writes
     * them, with the session's count of readings. A screen that holds the list merges these into it instead of
     * reading the whole list again on every event; its list is whole when its count then equals {@code total}.
     * The ids of two instances' readings (scale-out) need not arrive in their order, and a reading committed late
     * with an id below the cursor is not among the changes: the count is what tells the screen to read the list
     * afresh. Counted after the changes are read, so that a count can only be larger than what they show, never hide
     * a reading they missed.
     */
    public Changes changes(long sessionId, long after) {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(CHANGED)) {
            p.setLong(1, sessionId);
            p.setLong(2, after);
            p.setLong(3, after);
            ByteArrayOutputStream json = new ByteArrayOutputStream(8192);
            try (ResultSet rs = p.executeQuery(); JsonGenerator g = this.json.createGenerator(json, JsonEncoding.UTF8)) {
                g.writeStartArray();
                while (rs.next()) {
                    row(rs, g);
                }
                g.writeEndArray();
            }
            return new Changes(json.toByteArray(), count(c, sessionId));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("listing the changed readings of session " + sessionId + " failed", e);
        }
    }

    /**
     * Every reading of the session in taken-at order, amended originals included, streamed as the rows are read (when
     * no copies are kept: nothing of the list is held in memory); the caller has checked the session exists.
     */
    public void write(long sessionId, OutputStream out) throws IOException {
        try (Connection c = db.getConnection()) {
            write(c, sessionId, out);
        } catch (SQLException e) {
            throw new IOException("listing the readings of session " + sessionId + " failed", e);
        }
    }

    private static int count(Connection c, long sessionId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(COUNT)) {
            p.setLong(1, sessionId);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Streams the list and returns how many readings it holds. */
    private int write(Connection c, long sessionId, OutputStream out) throws SQLException, IOException {
        int readings = 0;
        boolean autoCommit = c.getAutoCommit();
        // PostgreSQL streams a result by the fetch size only inside a transaction.
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement(SELECT)) {
            p.setFetchSize(FETCH_SIZE);
            p.setLong(1, sessionId);
            try (ResultSet rs = p.executeQuery(); JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8)) {
                // The container owns the response stream and closes it after this method.
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.writeStartArray();
                while (rs.next()) {
                    row(rs, g);
                    readings++;
                }
                g.writeEndArray();
            }
            c.commit();
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return readings;
    }

    private static void row(ResultSet rs, JsonGenerator g) throws SQLException, IOException {
        String phase = rs.getString(5);
        long supersededById = rs.getLong(14);
        boolean current = rs.wasNull();
        g.writeStartObject();
        g.writeFieldName(ID);
        g.writeNumber(rs.getLong(1));
        g.writeFieldName(SESSION_ID);
        g.writeNumber(rs.getLong(2));
        g.writeFieldName(TAKEN_AT);
        instant(rs, 3, g);
        g.writeFieldName(ENTERED_AT);
        instant(rs, 4, g);
        g.writeFieldName(PHASE);
        g.writeString(phase);
        g.writeFieldName(BASELINE);
        g.writeBoolean(Reading.isBaseline(SessionState.valueOf(phase)));
        g.writeFieldName(SYSTOLIC);
        number(rs, 6, g);
        g.writeFieldName(DIASTOLIC);
        number(rs, 7, g);
        g.writeFieldName(HEART_RATE);
        number(rs, 8, g);
        g.writeFieldName(SPO2);
        number(rs, 9, g);
        g.writeFieldName(RESPIRATORY_RATE);
        number(rs, 10, g);
        g.writeFieldName(TEMPERATURE_C);
        double temperature = rs.getDouble(11);
        boolean noTemperature = rs.wasNull();
        if (noTemperature) {
            g.writeNull();
        } else {
            g.writeNumber(temperature);
        }
        boolean onOxygen = rs.getBoolean(19);
        boolean noOxygen = rs.wasNull();
        String consciousness = rs.getString(20);
        g.writeFieldName(ON_OXYGEN);
        if (noOxygen) {
            g.writeNull();
        } else {
            g.writeBoolean(onOxygen);
        }
        g.writeFieldName(CONSCIOUSNESS);
        g.writeString(consciousness);
        g.writeFieldName(NEWS2);
        if (noOxygen && consciousness == null) {
            g.writeNull();
        } else {
            news2(News2.of(new VitalSigns(integer(rs, 6), integer(rs, 7), integer(rs, 8), integer(rs, 9), integer(rs, 10),
                    noTemperature ? null : temperature, noOxygen ? null : onOxygen,
                    consciousness == null ? null : Consciousness.valueOf(consciousness))), g);
        }
        g.writeFieldName(SOURCE);
        g.writeString(rs.getString(12));
        g.writeFieldName(CHARTED_BY);
        g.writeString(rs.getString(13));
        g.writeFieldName(AMENDED);
        g.writeBoolean(!current);
        g.writeFieldName(SUPERSEDED_BY_ID);
        if (current) {
            g.writeNull();
        } else {
            g.writeNumber(supersededById);
        }
        g.writeFieldName(SUPERSEDED_AT);
        instant(rs, 15, g);
        g.writeFieldName(SUPERSEDED_BY);
        g.writeString(rs.getString(16));
        g.writeFieldName(AMENDS_ID);
        number(rs, 17, g);
        g.writeFieldName(AMEND_REASON);
        g.writeString(rs.getString(18));
        g.writeEndObject();
    }

    /** As ReadingView.news2 writes it: only readings that carry oxygen or consciousness reach here (see there). */
    private static void news2(News2 n, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeFieldName(SCORE);
        if (n.score() == null) {
            g.writeNull();
        } else {
            g.writeNumber(n.score());
        }
        g.writeFieldName(BAND);
        g.writeString(n.band() == null ? null : n.band().name());
        g.writeFieldName(MISSING);
        g.writeStartArray();
        for (String m : n.missing()) {
            g.writeString(m);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    /** An integer or bigint column, or null; Jackson writes an int and a long of the same value alike. */
    private static void number(ResultSet rs, int column, JsonGenerator g) throws SQLException, IOException {
        long v = rs.getLong(column);
        if (rs.wasNull()) {
            g.writeNull();
        } else {
            g.writeNumber(v);
        }
    }

    private static void instant(ResultSet rs, int column, JsonGenerator g) throws SQLException, IOException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        if (t == null) {
            g.writeNull();
        } else {
            InstantSerializer.write(t.toEpochSecond(), t.getNano(), g);
        }
    }
}
