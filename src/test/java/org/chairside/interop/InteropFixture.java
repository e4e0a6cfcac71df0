package org.chairside.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.path.json.JsonPath;

import org.chairside.TestClinic;
import org.chairside.session.InfusionSession;
import org.chairside.vitals.Reading;

/** Test helpers for imports: files from src/test/resources/interop, sessions opened "in the past". */
final class InteropFixture {
    private InteropFixture() {
    }

    static String resource(String path) {
        try (InputStream in = InteropFixture.class.getResourceAsStream("/interop/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource interop/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Imported files carry the monitor's times, which are in the past: the session is moved back so that they fall
     * inside it (a reading may not be older than its session). Nothing else about the session changes.
     */
    static void openedAt(long sessionId, Instant createdAt) {
        QuarkusTransaction.requiringNew().run(() ->
                InfusionSession.update("createdAt = ?1, phaseSince = ?1 where id = ?2", createdAt, sessionId));
    }

    /** A CHECKED_IN session opened at the given time, for a new patient; returns {session id, patient MRN}. */
    static Object[] sessionOpenedAt(Instant createdAt) {
        long id = TestClinic.openSession();
        openedAt(id, createdAt);
        String mrn = TestClinic.nurse().get("/api/sessions/" + id).then().statusCode(200).extract().jsonPath().getString("patient.mrn");
        return new Object[] {id, mrn};
    }

    static long readingCount(long sessionId) {
        return QuarkusTransaction.requiringNew().call(() -> Reading.count("sessionId", sessionId));
    }

    static List<Object> readings(long sessionId) {
        JsonPath p = TestClinic.nurse().get("/api/sessions/" + sessionId + "/readings").then().statusCode(200).extract().jsonPath();
        return p.getList("$");
    }
}
