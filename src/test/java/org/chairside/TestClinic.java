package org.chairside;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.chairside.session.InfusionSession;

/**
 * Builds clinic data through the public API, as a client would. Names are unique per call, so tests
 * never depend on each other's data or order. Users: admin (bootstrapped by the %test profile), nurse,
 * provider, and "charge" who is both nurse and provider.
 */
public final class TestClinic {
    public static final String PASSWORD = "test-password-1";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static volatile boolean usersReady;

    private TestClinic() {
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    public static RequestSpecification as(String user) {
        ensureUsers();
        return asExisting(user);
    }

    public static RequestSpecification admin() {
        return asExisting("admin");
    }

    public static RequestSpecification nurse() {
        return as("nurse");
    }

    public static RequestSpecification provider() {
        return as("provider");
    }

    private static RequestSpecification asExisting(String user) {
        String password = user.equals("admin") ? "admin-test-pw" : PASSWORD;
        return given().auth().preemptive().basic(user, password).contentType(ContentType.JSON);
    }

    public static synchronized void ensureUsers() {
        if (usersReady) {
            return;
        }
        createUser("nurse", "NURSE");
        createUser("provider", "PROVIDER");
        createUser("charge", "NURSE", "PROVIDER");
        usersReady = true;
    }

    private static void createUser(String name, String... roles) {
        int status = asExisting("admin").body(Map.of("username", name, "password", PASSWORD, "roles", roles))
                .post("/api/users").statusCode();
        if (status != 201 && status != 409) {
            throw new IllegalStateException("creating user " + name + " answered " + status);
        }
    }

    public static String unique(String prefix) {
        return prefix + "-" + System.nanoTime() % 1_000_000 + "-" + SEQ.incrementAndGet();
    }

    public static long newRecliner() {
        return admin().body(Map.of("name", unique("Chair"))).post("/api/recliners")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public static long newPatient() {
        return nurse().body(Map.of("mrn", unique("MRN"), "givenName", "Test", "familyName", unique("Patient"),
                        "birthDate", "1975-05-05", "weightKg", 70))
                .post("/api/patients").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A new session, CHECKED_IN and screened with no contraindication (as the clinic does at check-in), in a new recliner. */
    public static long openSession() {
        return openSession(newRecliner());
    }

    /** A session with a normal baseline (120/80, HR 72, SpO2 98), now INFUSING. */
    public static long infusingSession() {
        long id = openSession();
        chart(id, Map.of("systolic", 120, "diastolic", 80, "heartRate", 72, "spo2", 98));
        transition(id, "INFUSING", null);
        return id;
    }

    /** Moves the session's timeline (its start and every phase change) {@code minutes} into the past. */
    public static void startedAgo(long session, long minutes) {
        Duration back = Duration.ofMinutes(minutes);
        QuarkusTransaction.requiringNew().run(() -> {
            InfusionSession s = InfusionSession.findById(session);
            s.startedAt = s.startedAt.minus(back);
            org.chairside.session.SessionTransition.<org.chairside.session.SessionTransition>list("sessionId", session)
                    .forEach(t -> t.at = t.at.minus(back));
        });
    }

    /** The JSON body of a valid new session (ketamine 0.5 mg/kg over 40 minutes, 70 kg). */
    public static Map<String, Object> sessionBody(long patientId, long reclinerId) {
        return Map.of("patientId", patientId, "reclinerId", reclinerId, "weightKg", 70,
                "protocol", Map.of("drug", "ketamine", "doseMgPerKg", 0.5, "plannedMinutes", 40));
    }

    /** A new session, CHECKED_IN and not screened (nothing on its record yet), in a new recliner. */
    public static long openUnscreenedSession() {
        return nurse().body(sessionBody(newPatient(), newRecliner()))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A new session, CHECKED_IN and screened with no contraindication, in the given recliner. */
    public static long openSession(long reclinerId) {
        long id = nurse().body(sessionBody(newPatient(), reclinerId))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath().getLong("id");
        screen(id);
        return id;
    }

    /** The body of a contraindication screening: those named are present, the others absent. */
    public static Map<String, Object> screeningBody(String... present) {
        Map<String, Object> body = new java.util.HashMap<>();
        for (String answer : new String[] {"unstableCardiovascular", "aneurysmalVascular", "uncontrolledHypertension", "psychosisOrMania"}) {
            body.put(answer, java.util.Arrays.asList(present).contains(answer));
        }
        return body;
    }

    /** A screening recorded by the nurse: those named are present, the others absent (none named: a clear screening). */
    public static io.restassured.path.json.JsonPath screen(long sessionId, String... present) {
        return nurse().body(screeningBody(present)).post("/api/sessions/" + sessionId + "/screenings")
                .then().statusCode(201).extract().jsonPath();
    }

    /** The JSON body of a transition; {@code reason} may be null. */
    public static Map<String, Object> transitionBody(String to, String reason) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("to", to);
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }

    public static io.restassured.path.json.JsonPath chart(long sessionId, Map<String, ?> values) {
        return nurse().body(values).post("/api/sessions/" + sessionId + "/readings")
                .then().statusCode(201).extract().jsonPath();
    }

    /** A modified Aldrete score of the given items' sum (each 0-2), recorded now by the nurse. */
    public static io.restassured.path.json.JsonPath aldrete(long sessionId, int activity, int respiration, int circulation,
                                                            int consciousness, int oxygenSaturation) {
        return nurse().body(Map.of("scale", "ALDRETE", "items", Map.of("activity", activity, "respiration", respiration,
                        "circulation", circulation, "consciousness", consciousness, "oxygenSaturation", oxygenSaturation)))
                .post("/api/sessions/" + sessionId + "/assessments").then().statusCode(201).extract().jsonPath();
    }

    /** From recovery, as a nurse discharges: a modified Aldrete score of 10, then the discharge. */
    public static void discharge(long sessionId) {
        aldrete(sessionId, 2, 2, 2, 2, 2);
        transition(sessionId, "DISCHARGED", null);
    }

    public static void transition(long sessionId, String to, String reason) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("to", to);
        if (reason != null) {
            body.put("reason", reason);
        }
        nurse().body(body).post("/api/sessions/" + sessionId + "/transitions").then().statusCode(200);
    }

    /** A session of the given drug (esketamine, say) started {@code minutesAgo} ago, now in recovery, with an Aldrete score of 10. */
    public static long esketamineInRecovery(String drug, long minutesAgo) {
        long session = nurse().body(Map.of("patientId", newPatient(), "reclinerId", newRecliner(), "weightKg", 70,
                        "protocol", Map.of("drug", drug, "doseMgPerKg", 0.8, "plannedMinutes", 10)))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath().getLong("id");
        screen(session);
        chart(session, Map.of("systolic", 120, "diastolic", 80, "heartRate", 72, "spo2", 98));
        transition(session, "INFUSING", null);
        dosedAgo(session, minutesAgo);
        transition(session, "RECOVERY", null);
        aldrete(session, 2, 2, 2, 2, 2);
        return session;
    }

    /** Moves the session's start (an esketamine dose) back to {@code minutes} ago. */
    public static void dosedAgo(long session, long minutes) {
        Instant dosed = Instant.now().minus(Duration.ofMinutes(minutes));
        QuarkusTransaction.requiringNew().run(() -> InfusionSession.update("startedAt = ?1 where id = ?2", dosed, session));
    }
}
