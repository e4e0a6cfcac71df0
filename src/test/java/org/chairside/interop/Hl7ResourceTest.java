package org.chairside.interop;

import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.nurse;
import static org.chairside.interop.InteropFixture.readingCount;
import static org.chairside.interop.InteropFixture.resource;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

@QuarkusTest
class Hl7ResourceTest {
    private static final String ER7 = "x-application/hl7-v2+er7";

    @Inject
    MllpListener mllp;

    @Inject
    @ConfigProperty(name = "chairside.hl7.mllp.max-connections")
    int maxConnections;

    /** A session opened before the messages' times, in a recliner; returns {session, mrn, recliner name}. */
    private static Object[] session() {
        Object[] s = InteropFixture.sessionOpenedAt(Instant.parse("2025-03-01T06:00:00Z"));
        String chair = nurse().get("/api/sessions/" + s[0]).then().extract().jsonPath().getString("recliner.name");
        return new Object[] {s[0], s[1], chair};
    }

    private static String message(String file, Object[] s) {
        return resource("hl7/" + file).replace("${MRN}", (String) s[1]).replace("${CHAIR}", (String) s[2]);
    }

    private static ValidatableResponse post(String type, String body) {
        return nurse().contentType(type).body(body.getBytes(StandardCharsets.UTF_8)).post("/api/hl7").then();
    }

    private static String msa(String ack, int field) {
        for (String seg : ack.split("\r")) {
            if (seg.startsWith("MSA|")) {
                String[] f = seg.split("\\|", -1);
                return field < f.length ? f[field] : "";
            }
        }
        return null;
    }

    @Test
    void pcd01MessageIsStoredAndAcknowledged() {
        Object[] s = session();
        String ack = post(ER7, message("oru-r01-pcd01.hl7", s)).statusCode(200).contentType(containsString(ER7))
                .body(startsWith("MSH|")).extract().asString();
        assertEquals("AA", msa(ack, 1));
        assertEquals("MSG00001", msa(ack, 2));
        JsonPath r = nurse().get("/api/sessions/" + s[0] + "/readings").then().extract().jsonPath();
        assertEquals(1, r.getList("$").size());
        assertEquals(132, r.getInt("[0].systolic"));
        assertEquals(84, r.getInt("[0].diastolic"));
        assertEquals(76, r.getInt("[0].heartRate"), "the ECG rate wins over the oximeter's pulse");
        assertEquals(97, r.getInt("[0].spo2"));
        assertEquals(16, r.getInt("[0].respiratoryRate"));
        assertEquals("HL7", r.getString("[0].source"));
        assertEquals("2025-03-01T09:09:00Z", r.getString("[0].takenAt"));
        // the same message again (a monitor resending after a lost ACK): AA, stored once
        String again = post("text/plain", message("oru-r01-pcd01.hl7", s)).statusCode(200).extract().asString();
        assertEquals("AA", msa(again, 1));
        assertTrue(msa(again, 3).contains("already stored"), again);
        assertEquals(1, readingCount((long) s[0]));
    }

    /**
     * A monitor's correction (OBX-11 C, a new MSH-10) was answered AA and stored as a second reading at the same time,
     * the wrong one still current beside it: it is an AE naming the OBX, and a nurse amends the reading.
     */
    @Test
    void aCorrectionFromTheMonitorIsAnAeAndTheStoredReadingStaysAsItWas() {
        Object[] s = session();
        post(ER7, message("oru-r01-pcd01.hl7", s)).statusCode(200);
        String correction = message("oru-r01-pcd01.hl7", s).replace("|MSG00001|P|", "|MSG00002|P|")
                .replace("|132|mmHg|||||R|", "|142|mmHg|||||C|");
        String ack = post(ER7, correction).statusCode(422).extract().asString();
        assertEquals("AE", msa(ack, 1));
        assertEquals("MSG00002", msa(ack, 2));
        assertTrue(ack.contains("OBX 2: OBX-11 'C' (a correction) is not applied from HL7"), ack);
        assertTrue(ack.contains("amends the reading in Chairside"), ack);
        assertEquals(1, readingCount((long) s[0]));
        assertEquals(132, nurse().get("/api/sessions/" + s[0] + "/readings").then().extract().jsonPath().getInt("[0].systolic"));
    }

    @Test
    void aControlIdLongerThanTheKeyIsChartedOnceAndEchoedInTheAck() {
        Object[] s = session();
        String longId = "GW-" + "7".repeat(240);
        String message = message("oru-r01-pcd01.hl7", s).replace("MSG00001", longId);
        String ack = post(ER7, message).statusCode(200).extract().asString();
        assertEquals("AA", msa(ack, 1), ack);
        assertEquals(longId, msa(ack, 2));
        String again = post(ER7, message).statusCode(200).extract().asString();
        assertTrue(msa(again, 3).contains("already stored"), again);
        assertEquals(1, readingCount((long) s[0]));
    }

    @Test
    void cuffCodesLineFeedsFahrenheitAndHistoricalAlerts() {
        Object[] s = session();
        String ack = post(ER7, message("oru-r01-cuff-lf.hl7", s)).statusCode(200).extract().asString();
        assertEquals("AA", msa(ack, 1), ack);
        JsonPath r = nurse().get("/api/sessions/" + s[0] + "/readings").then().extract().jsonPath();
        assertEquals(2, r.getList("$").size());
        assertEquals(171, r.getInt("[0].systolic"));
        assertEquals(88, r.getInt("[0].heartRate"));
        assertEquals(37.0f, r.getFloat("[0].temperatureC"));
        nurse().get("/api/alerts?sessionId=" + s[0]).then().statusCode(200)
                .body("historical", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo(true)))
                .body("size()", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void aCorrectedMrnIsTheOneTheMonitorsMatchFromNowOn() {
        Object[] s = session();
        long patient = nurse().get("/api/sessions/" + s[0]).then().extract().jsonPath().getLong("patient.id");
        Map<String, Object> record = nurse().get("/api/patients/" + patient).then().statusCode(200).extract().jsonPath().getMap("$");
        String corrected = s[1] + "-C";
        Map<String, Object> body = new HashMap<>(record);
        body.remove("id");
        body.put("mrn", corrected);
        nurse().body(body).put("/api/patients/" + patient).then().statusCode(200);

        String old = post(ER7, message("oru-r01-pcd01.hl7", s)).statusCode(422).extract().asString();
        assertEquals("AE", msa(old, 1), "the mistyped MRN no longer names anyone");
        String ack = post(ER7, message("oru-r01-pcd01.hl7", new Object[] {s[0], corrected, s[2]})).statusCode(200).extract().asString();
        assertEquals("AA", msa(ack, 1));
        assertEquals(1, readingCount((long) s[0]));
    }

    @Test
    void errorsAreAnsweredWithAeOrArAndStoreNothing() {
        Object[] s = session();
        String ok = message("oru-r01-pcd01.hl7", s);
        // unknown patient
        String ack = post(ER7, ok.replace((String) s[1], "NO-SUCH-MRN")).statusCode(422).extract().asString();
        assertEquals("AE", msa(ack, 1));
        assertTrue(ack.contains("NO-SUCH-MRN") && ack.contains("ERR|"), ack);
        // unknown code
        ack = post(ER7, ok.replace("151562^MDC_RESP_RATE", "188736^MDC_MASS_BODY_ACTUAL")).statusCode(422).extract().asString();
        assertEquals("AE", msa(ack, 1));
        assertTrue(ack.contains("unknown observation code 188736"), ack);
        // implausible value
        ack = post(ER7, ok.replace("|97|%", "|120|%")).statusCode(422).extract().asString();
        assertEquals("AE", msa(ack, 1));
        assertTrue(ack.contains("spo2"), ack);
        // wrong unit
        ack = post(ER7, ok.replace("|132|mmHg", "|132|kPa")).statusCode(422).extract().asString();
        assertTrue(ack.contains("unit kPa"), ack);
        // not a number
        ack = post(ER7, ok.replace("|76|264864", "|seventy|264864")).statusCode(422).extract().asString();
        assertTrue(ack.contains("not a number"), ack);
        // recliner of another session in PV1-3
        Object[] other = session();
        ack = post(ER7, ok.replace("PV1||O|" + s[2], "PV1||O|" + other[2])).statusCode(422).extract().asString();
        assertTrue(ack.contains("another patient"), ack);
        // unsupported message type: AR
        ack = post(ER7, ok.replace("ORU^R01^ORU_R01", "ADT^A01^ADT_A01")).statusCode(400).extract().asString();
        assertEquals("AR", msa(ack, 1));
        // not HL7 at all: AR built from scratch
        ack = post("text/plain", "hello, this is not a message").statusCode(400).extract().asString();
        assertEquals("AR", msa(ack, 1));
        assertEquals(0, readingCount((long) s[0]));
        // no open session
        TestClinic.transition((long) s[0], "STOPPED", "left");
        ack = post(ER7, ok).statusCode(422).extract().asString();
        assertTrue(ack.contains("no open session"), ack);
    }

    /**
     * Rounding OBX-5 1E30000000 as a BigDecimal held a thread for minutes, over MLLP with no login; 4294967416 was
     * charted as heart rate 120 with AA.
     */
    @Test
    void aNumberNoVitalCanBeIsAnAeAtOnceNamingTheVitalAndItsRange() throws Exception {
        Object[] s = session();
        String ok = message("oru-r01-pcd01.hl7", s);
        for (String value : List.of("1E30000000", "4294967416", "-4294967176")) {
            String ack = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> post(ER7, ok.replace("|76|264864", "|" + value + "|264864")).statusCode(422).extract().asString());
            assertEquals("AE", msa(ack, 1), ack);
            assertTrue(ack.contains("OBX-5 '" + value + "' is not a plausible Heart rate: the plausible range is 20-300 /min"), ack);
        }
        List<String> acks = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> overMllp(List.of(ok.replace("|76|264864", "|1E30000000|264864"))));
        assertEquals("AE", msa(acks.get(0), 1), acks.get(0));
        assertEquals(0, readingCount((long) s[0]));
    }

    /** Keyed by the empty control id and the time, the oximeter's message was answered AA "1 already stored" and lost. */
    @Test
    void messagesWithoutAControlIdFromTwoDevicesAtOneTimeAreBothStoredAndEachOnlyOnce() {
        Object[] s = session();
        String ecg = "MSH|^~\\&|ECG-7|CLINIC|CHAIRSIDE|CLINIC|20250301091000||ORU^R01^ORU_R01||P|2.6\rPID|||" + s[1] + "^^^CLINIC^MR\r"
                + "OBR|1\rOBX|1|NM|147842^MDC_ECG_HEART_RATE^MDC||76|/min|||||R|||20250301090900+0000\r";
        String oximeter = ecg.replace("ECG-7", "OXI-2").replace("147842^MDC_ECG_HEART_RATE^MDC||76|/min", "150456^MDC_PULS_OXIM_SAT_O2^MDC||97|%");
        String ack = post(ER7, ecg).statusCode(200).extract().asString();
        assertEquals("AA", msa(ack, 1), ack);
        ack = post(ER7, oximeter).statusCode(200).extract().asString();
        assertEquals("AA", msa(ack, 1), ack);
        assertTrue(msa(ack, 3).startsWith("Stored 1 reading(s)") && !msa(ack, 3).contains("already stored"), ack);
        assertEquals(2, readingCount((long) s[0]));
        ack = post(ER7, oximeter).statusCode(200).extract().asString();
        assertTrue(msa(ack, 3).contains("1 already stored"), "sent again: stored once; " + ack);
        assertEquals(2, readingCount((long) s[0]));
    }

    /** Keyed by the temperature before rounding, a resend read 36.84 instead of 36.81 stored the same 36.8 twice. */
    @Test
    void withoutAControlIdAMessageStoredAlikeIsAlreadyStored() {
        Object[] s = session();
        String first = "MSH|^~\\&|THERMO-1|CLINIC|CHAIRSIDE|CLINIC|20250301091000||ORU^R01^ORU_R01||P|2.6\rPID|||" + s[1] + "^^^CLINIC^MR\r"
                + "OBR|1\rOBX|1|NM|150344^MDC_TEMP^MDC||36.84|Cel|||||R|||20250301090900+0000\r";
        assertEquals("AA", msa(post(ER7, first).statusCode(200).extract().asString(), 1));
        String ack = post(ER7, first.replace("36.84", "36.81")).statusCode(200).extract().asString();
        assertTrue(msa(ack, 3).contains("1 already stored"), ack);
        assertEquals(1, readingCount((long) s[0]));
    }

    @Test
    void aPatientMovedToAnotherReclinerIsChartedFromTheNewChairsMonitorAndNotFromTheOldOnes() {
        Object[] s = session();
        String ok = message("oru-r01-pcd01.hl7", s);
        String newChair = TestClinic.unique("Chair moved to");
        long to = TestClinic.admin().body(java.util.Map.of("name", newChair)).post("/api/recliners").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        nurse().body(java.util.Map.of("reclinerId", to, "reason", "chair motor failed")).post("/api/sessions/" + s[0] + "/moves")
                .then().statusCode(200);

        String ack = post(ER7, ok).statusCode(422).extract().asString();
        assertTrue(ack.contains("Recliner " + s[2] + " (PV1-3) has no open session"), ack);
        ack = post(ER7, ok.replace("PV1||O|" + s[2], "PV1||O|" + newChair)).statusCode(200).extract().asString();
        assertEquals("AA", msa(ack, 1), ack);
        assertEquals(1, readingCount((long) s[0]));
    }

    @Test
    void theReclinerInPv1ChoosesTheSessionAndALocationThatIsNoReclinerFallsBackToThePatientsOpenOne() {
        Object[] s = session();
        String ok = message("oru-r01-pcd01.hl7", s);
        String freeChair = TestClinic.unique("Free chair");
        TestClinic.admin().body(java.util.Map.of("name", freeChair)).post("/api/recliners").then().statusCode(201);
        String ack = post(ER7, ok.replace("PV1||O|" + s[2], "PV1||O|" + freeChair)).statusCode(422).extract().asString();
        assertEquals("AE", msa(ack, 1));
        assertTrue(ack.contains("Recliner " + freeChair + " (PV1-3) has no open session"), ack);
        assertEquals(0, readingCount((long) s[0]), "a monitor in the wrong chair charts nothing");

        ack = post(ER7, ok.replace("PV1||O|" + s[2], "PV1||O|Infusion bay 3")).statusCode(200).extract().asString();
        assertEquals("AA", msa(ack, 1), ack);
        assertEquals(1, readingCount((long) s[0]), "a location the clinic has no recliner for: the patient's one open session");
    }

    @Test
    void wrongContentTypeAndRoles() {
        Object[] s = session();
        post("application/json", "{}").statusCode(415);
        anonymous().contentType(ER7).body(message("oru-r01-pcd01.hl7", s).getBytes(StandardCharsets.UTF_8)).post("/api/hl7").then().statusCode(401);
        TestClinic.admin().contentType(ER7).body(message("oru-r01-pcd01.hl7", s).getBytes(StandardCharsets.UTF_8)).post("/api/hl7").then().statusCode(403);
        assertEquals(0, readingCount((long) s[0]));
    }

    @Test
    void mllpListenerUsesTheSameHandler() throws Exception {
        Object[] s = session();
        assertTrue(mllp.port() > 0, "the test profile starts the MLLP listener");
        try (Socket socket = new Socket("127.0.0.1", mllp.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 2; i++) {
                out.write(0x0b);
                out.write(message("oru-r01-pcd01.hl7", s).getBytes(StandardCharsets.UTF_8));
                out.write(new byte[] {0x1c, 0x0d});
                out.flush();
                String ack = MllpListener.readFrame(in);
                assertEquals("AA", msa(ack, 1), ack);
            }
            out.write(0x0b);
            out.write("MSH|^~\\&|X|Y|Z|W|20250301||ORU^R01|BAD1|P|2.5\rPID|||NOPE^^^^MR\rOBR|1\rOBX|1|NM|150456^SPO2^MDC||97|%|||||R|||20250301090000\r"
                    .getBytes(StandardCharsets.UTF_8));
            out.write(new byte[] {0x1c, 0x0d});
            out.flush();
            assertEquals("AE", msa(MllpListener.readFrame(in), 1));
        }
        assertEquals(1, readingCount((long) s[0]));
    }

    @Test
    void monitorsSendingOnSeveralConnectionsAtOnceAreAllChartedAndAResentMessageOnlyOnce() throws Exception {
        int connections = 4;
        int each = 5;
        List<Object[]> sessions = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            sessions.add(session());
        }
        ExecutorService monitors = Executors.newFixedThreadPool(connections);
        try {
            List<Future<List<String>>> sent = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                Object[] s = sessions.get(c);
                String monitor = "M" + c;
                sent.add(monitors.submit(() -> overMllp(IntStream.range(0, each).mapToObj(i -> numbered(s, monitor, i)).toList())));
            }
            for (Future<List<String>> acks : sent) {
                assertEquals(Collections.nCopies(each, "AA"), acks.get(60, TimeUnit.SECONDS).stream().map(a -> msa(a, 1)).toList());
            }
        } finally {
            monitors.shutdownNow();
        }
        // A gateway that missed an ACK sends the message again: acknowledged, stored once.
        String resentAck = overMllp(List.of(numbered(sessions.get(0), "M0", 0))).get(0);
        assertEquals("AA", msa(resentAck, 1), resentAck);
        assertTrue(msa(resentAck, 3).contains("1 already stored"), resentAck);
        for (Object[] s : sessions) {
            assertEquals(each, readingCount((long) s[0]), "readings of session " + s[0]);
        }
    }

    /**
     * A frame's CR after FS was read as one byte, whatever it was: without it the listener waited for the next message
     * and took its VT for the CR, so neither was acknowledged.
     */
    @Test
    void framesEndingAtFsWithoutCrAreEachAcknowledged() throws Exception {
        Object[] s = session();
        try (Socket socket = new Socket("127.0.0.1", mllp.port())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(withoutCr(numbered(s, "NOCR", 0)));
            out.flush();
            assertEquals("AA", msa(MllpListener.readFrame(in), 1), "answered without waiting for a CR");
            ByteArrayOutputStream backToBack = new ByteArrayOutputStream();
            backToBack.write(withoutCr(numbered(s, "NOCR", 1)));
            backToBack.write(MllpListener.frame(numbered(s, "NOCR", 2), StandardCharsets.UTF_8));
            out.write(backToBack.toByteArray());
            out.flush();
            assertEquals("AA", msa(MllpListener.readFrame(in), 1));
            String second = MllpListener.readFrame(in);
            assertEquals("AA", msa(second, 1), "the next message's VT is not taken for the CR");
            assertEquals("NOCR-2", msa(second, 2));
        }
        assertEquals(3, readingCount((long) s[0]));
    }

    private static byte[] withoutCr(String message) {
        byte[] framed = MllpListener.frame(message, StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(framed, framed.length - 1);
    }

    /**
     * Beyond chairside.hl7.mllp.max-connections a connection was queued behind the ones being served and, while those
     * stayed open, never served: its messages had no ACK. It is refused at once now, and served once a place is free.
     */
    @Test
    void aConnectionBeyondTheLimitIsClosedAtOnce() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < maxConnections; i++) {
                held.add(served());
            }
            try (Socket beyond = new Socket("127.0.0.1", mllp.port())) {
                beyond.setSoTimeout(10_000);
                assertEquals(-1, beyond.getInputStream().read(), "closed by the listener, not left waiting");
            }
            held.remove(0).close();
            held.add(served());
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    /**
     * A connection a worker serves: it answers a message. A place freed by a closed connection is free once its worker
     * has seen the end of the stream, a moment later: refused meanwhile, it is tried again.
     */
    private Socket served() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Socket socket = new Socket("127.0.0.1", mllp.port());
            socket.setSoTimeout(10_000);
            try {
                socket.getOutputStream().write(MllpListener.frame("not a message", StandardCharsets.UTF_8));
                String ack = MllpListener.readFrame(socket.getInputStream());
                if (ack != null) {
                    assertEquals("AR", msa(ack, 1), ack);
                    return socket;
                }
            } catch (IOException refused) {
                // closed by the listener: tried again below
            }
            socket.close();
            assertTrue(System.nanoTime() < deadline, "no place for a connection within 10 s");
            Thread.sleep(100);
        }
    }

    /** The sample message with its own control id and observation time (minute i after 09:10). */
    private static String numbered(Object[] s, String monitor, int i) {
        return message("oru-r01-pcd01.hl7", s).replace("MSG00001", monitor + "-" + i)
                .replace("20250301090900", String.format("202503010%d%02d00", 9 + (10 + i) / 60, (10 + i) % 60));
    }

    /** Sends each message on one MLLP connection, waiting for each ACK as a gateway does; returns the ACKs. */
    private List<String> overMllp(List<String> messages) throws IOException {
        List<String> acks = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", mllp.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (String m : messages) {
                out.write(MllpListener.frame(m, StandardCharsets.UTF_8));
                out.flush();
                acks.add(MllpListener.readFrame(in));
            }
        }
        return acks;
    }
}
