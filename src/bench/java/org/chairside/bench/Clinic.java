package org.chairside.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The clinic a benchmark charts into, made through the API on a fresh server: the bench's user (nurse, provider and
 * admin) logged in by form, and {@link #SESSIONS} infusing sessions, each in its own recliner with its own patient.
 */
final class Clinic {
    static final int SESSIONS = 256;

    final Server server;
    final Api admin;
    final long[] sessionIds = new long[SESSIONS];
    /** Logged in again after a restart: a restart ends no login, but the bench measures with a fresh one. */
    Api api;

    private Clinic(Server server, Api admin, Api api) {
        this.server = server;
        this.admin = admin;
        this.api = api;
    }

    static Clinic open(Server server) throws Exception {
        Api admin = Api.basic(server.base(), "admin", Server.ADMIN_PASSWORD, Api.newClient(null));
        admin.create("/api/users", "{\"username\":\"" + Api.USER + "\",\"password\":\"" + Api.PASSWORD
                + "\",\"roles\":[\"NURSE\",\"PROVIDER\",\"ADMIN\"]}");
        Clinic clinic = new Clinic(server, admin, Api.login(server.base(), Api.USER, Api.PASSWORD, Api.newClient(null)));
        long t0 = System.nanoTime();
        ExecutorService pool = Api.pool(8, "setup");
        List<Future<Long>> made = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            int n = i;
            made.add(pool.submit(() -> clinic.infusingSession(n)));
        }
        for (int i = 0; i < SESSIONS; i++) {
            clinic.sessionIds[i] = made.get(i).get();
        }
        pool.shutdown();
        System.out.println("[bench] " + SESSIONS + " infusing sessions made through the API on " + server.base() + " in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
        return clinic;
    }

    void logInAgain() throws IOException, InterruptedException {
        api = Api.login(server.base(), Api.USER, Api.PASSWORD, Api.newClient(null));
    }

    private long infusingSession(int n) throws Exception {
        long recliner = api.create("/api/recliners", "{\"name\":\"B-Chair-" + n + "\"}").get("id").asLong();
        long patient = api.create("/api/patients", "{\"mrn\":\"B-" + n + "\",\"givenName\":\"Bench\",\"familyName\":\"Patient " + n
                + "\",\"birthDate\":\"1980-01-01\",\"weightKg\":70}").get("id").asLong();
        long session = api.create("/api/sessions", "{\"patientId\":" + patient + ",\"reclinerId\":" + recliner
                + ",\"weightKg\":70,\"protocol\":{\"drug\":\"ketamine\",\"doseMgPerKg\":0.5,\"plannedMinutes\":40}}").get("id").asLong();
        api.create("/api/sessions/" + session + "/readings", "{\"systolic\":120,\"diastolic\":80,\"heartRate\":72,\"spo2\":98}");
        // the contraindication screening a start needs; a compared build older than it has no such endpoint (404)
        int screened = api.send(api.post("/api/sessions/" + session + "/screenings", "{\"unstableCardiovascular\":false,"
                + "\"aneurysmalVascular\":false,\"uncontrolledHypertension\":false,\"psychosisOrMania\":false}")).statusCode();
        if (screened != 201 && screened != 404) {
            throw new IllegalStateException("POST /api/sessions/" + session + "/screenings answered " + screened);
        }
        api.create("/api/sessions/" + session + "/transitions", "{\"to\":\"INFUSING\"}");
        return session;
    }

    /** 95 % normal readings; 5 % with a heart rate of 115 (over the 110 limit: a MEDIUM alert, resolved by the next normal one). */
    static String reading(double crossingShare) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int hr = r.nextDouble() < crossingShare ? 115 : 66 + r.nextInt(14);
        return "{\"systolic\":" + (112 + r.nextInt(14)) + ",\"diastolic\":" + (72 + r.nextInt(10)) + ",\"heartRate\":" + hr
                + ",\"spo2\":" + (96 + r.nextInt(4)) + ",\"respiratoryRate\":" + (12 + r.nextInt(6)) + ",\"temperatureC\":36.8}";
    }

    /** Each client charts into its own sessions only, so that no two clients wait for one session's lock. */
    Load.Requests chartRequests(int clients, double crossing) {
        int perClient = Math.max(1, SESSIONS / clients);
        return (c, i) -> Wire.Call.post("/api/sessions/" + sessionIds[(c + clients * (int) (i % perClient)) % SESSIONS] + "/readings",
                reading(crossing));
    }

    /** One normal reading into one of the infusing sessions, so that the next request cannot be a cached result. */
    void chartBetween(int i) throws IOException, InterruptedException {
        long session = sessionIds[Math.floorMod(i, SESSIONS)];
        HttpResponse<String> r = api.send(api.post("/api/sessions/" + session + "/readings", reading(0)));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("charting between history requests answered " + r.statusCode() + ": " + r.body());
        }
    }
}
