package org.chairside.vitals;

import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.openSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;


/** With no copies kept (chairside.readings.list-cache=0) the list is streamed from the rows: the same text. */
@QuarkusTest
@TestProfile(ReadingListStreamedTest.NoCopies.class)
class ReadingListStreamedTest {
    public static class NoCopies implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chairside.readings.list-cache", "0");
        }
    }

    @Inject
    ObjectMapper mapper;

    @Test
    void aLongSessionIsStreamedWholeAcrossManyBuffersAsJacksonWritesIt() throws Exception {
        long session = openSession();
        DeviceReadings.store(session, 2000);
        String body = nurse().get("/api/sessions/" + session + "/readings").then().statusCode(200)
                .header("Transfer-Encoding", "chunked").extract().asString();
        assertTrue(body.length() > 500_000, "far more than one output buffer: " + body.length());
        List<ReadingView> views = QuarkusTransaction.requiringNew().call(() ->
                Reading.<Reading>list("sessionId = ?1 order by takenAt, id", session).stream().map(ReadingView::of).toList());
        assertEquals(mapper.writeValueAsString(views), body);
    }
}
