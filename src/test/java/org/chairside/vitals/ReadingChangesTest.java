package org.chairside.vitals;

import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.chart;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.openSession;
import static org.chairside.TestClinic.provider;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * GET /api/sessions/{id}/readings?after=: what an open session view fetches on each live event instead of the whole
 * list. Merged into the list a client holds, the changes must give exactly the list read afresh.
 */
@QuarkusTest
class ReadingChangesTest {
    @Inject
    ObjectMapper mapper;

    private static Response changesAfter(long session, long after) {
        return nurse().get("/api/sessions/" + session + "/readings?after=" + after);
    }

    private JsonNode whole(long session) throws Exception {
        return mapper.readTree(nurse().get("/api/sessions/" + session + "/readings").then().statusCode(200).extract().asString());
    }

    private static List<Long> ids(JsonNode list) {
        List<Long> ids = new ArrayList<>();
        list.forEach(r -> ids.add(r.get("id").asLong()));
        return ids;
    }

    @Test
    void onlyNewReadingsAndTheOriginalsTheyCorrectComeWithTheSessionsCount() throws Exception {
        long session = openSession();
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        long first = chart(session, Map.of("heartRate", 70, "takenAt", t.toString())).getLong("reading.id");
        long second = chart(session, Map.of("heartRate", 72, "takenAt", t.plusSeconds(10).toString())).getLong("reading.id");
        JsonNode held = whole(session);

        long third = chart(session, Map.of("heartRate", 74, "takenAt", t.plusSeconds(20).toString())).getLong("reading.id");
        Response r = changesAfter(session, second);
        r.then().statusCode(200).header("X-Total-Count", "3").header("Cache-Control", "no-store");
        assertEquals(List.of(third), ids(mapper.readTree(r.asString())));

        // A correction is a new reading and changes its original: both come, in the list's order.
        long fix = nurse().body(Map.of("heartRate", 71, "reason", "typed 70, meant 71"))
                .post("/api/readings/" + first + "/amendments").then().statusCode(201).extract().jsonPath().getLong("reading.id");
        r = changesAfter(session, third);
        r.then().statusCode(200).header("X-Total-Count", "4");
        JsonNode changed = mapper.readTree(r.asString());
        assertEquals(List.of(first, fix), ids(changed));
        assertEquals(fix, changed.get(0).get("supersededById").asLong());

        // The held list with every change merged, as the session view does it, is the list read afresh, field for field.
        Map<Long, JsonNode> merged = new HashMap<>();
        held.forEach(x -> merged.put(x.get("id").asLong(), x));
        mapper.readTree(changesAfter(session, second).asString()).forEach(x -> merged.put(x.get("id").asLong(), x));
        JsonNode fresh = whole(session);
        assertEquals(fresh.size(), merged.size());
        fresh.forEach(x -> assertEquals(x, merged.get(x.get("id").asLong())));
        assertEquals(List.of(first, fix, second, third), ids(fresh));
    }

    @Test
    void nothingChangedIsAnEmptyListAndFromTheStartIsTheWholeList() throws Exception {
        long session = openSession();
        long only = chart(session, Map.of("heartRate", 70)).getLong("reading.id");
        changesAfter(session, only).then().statusCode(200).header("X-Total-Count", "1").body("size()", equalTo(0));
        Response all = changesAfter(session, 0);
        all.then().statusCode(200).header("X-Total-Count", "1");
        assertEquals(whole(session), mapper.readTree(all.asString()));
    }

    @Test
    void aCursorThatIsNotANumberIsNamedAndAnUnknownSessionIsNotAnEmptyList() {
        long session = openSession();
        nurse().get("/api/sessions/" + session + "/readings?after=latest").then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("after")).body("violations[0].rule", equalTo("must be a whole number"));
        nurse().get("/api/sessions/987654321/readings?after=1").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void changesNeedALoginAndAnyRoleMayReadThem() {
        long session = openSession();
        long first = chart(session, Map.of("heartRate", 70)).getLong("reading.id");
        chart(session, Map.of("heartRate", 75));
        anonymous().get("/api/sessions/" + session + "/readings?after=" + first).then().statusCode(401);
        for (var who : List.of(nurse(), provider(), admin())) {
            who.get("/api/sessions/" + session + "/readings?after=" + first).then().statusCode(200)
                    .header("X-Total-Count", "2").body("heartRate", equalTo(List.of(75)));
        }
    }
}
