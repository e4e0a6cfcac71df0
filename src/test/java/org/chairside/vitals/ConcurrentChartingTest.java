package org.chairside.vitals;

import static org.chairside.TestClinic.infusingSession;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.transition;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * Readings posted at the same moment are committed together; each still gets its own answer, and one
 * refused reading (closed session, implausible value) never takes the others down with it.
 */
@QuarkusTest
class ConcurrentChartingTest {

    @Test
    void simultaneousReadingsAreEachAnsweredForThemselves() throws Exception {
        List<Long> open = List.of(infusingSession(), infusingSession(), infusingSession());
        long closed = infusingSession();
        transition(closed, "STOPPED", "patient asked to stop");

        record Post(long session, int heartRate, int expectedStatus) {
        }
        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            if (i % 10 == 3) {
                posts.add(new Post(closed, 70, 409));
            } else if (i % 10 == 7) {
                posts.add(new Post(open.get(i % 3), 900, 422));
            } else {
                posts.add(new Post(open.get(i % 3), 60 + i, 201));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (Post p : posts) {
                answers.add(pool.submit(() -> nurse().body(Map.of("heartRate", p.heartRate()))
                        .post("/api/sessions/" + p.session() + "/readings").andReturn()));
            }
            Map<Long, Set<Integer>> stored = Map.of(open.get(0), new HashSet<>(), open.get(1), new HashSet<>(), open.get(2), new HashSet<>());
            for (int i = 0; i < posts.size(); i++) {
                Post p = posts.get(i);
                Response r = answers.get(i).get();
                assertEquals(p.expectedStatus(), r.statusCode(), "post " + i + ": " + r.asString());
                if (p.expectedStatus() == 201) {
                    assertEquals(p.heartRate(), r.jsonPath().getInt("reading.heartRate"));
                    assertEquals(p.session(), r.jsonPath().getLong("reading.sessionId"));
                    stored.get(p.session()).add(p.heartRate());
                }
            }
            for (long session : open) {
                // every 201 is there, and nothing else besides the baseline (which has no heart rate over 72)
                Set<Integer> listed = new HashSet<>(nurse().get("/api/sessions/" + session + "/readings").then().statusCode(200)
                        .extract().jsonPath().getList("findAll { it.systolic == null }.heartRate", Integer.class));
                assertEquals(stored.get(session), listed, "session " + session);
            }
            assertEquals(List.of(), nurse().get("/api/sessions/" + closed + "/readings").then()
                    .extract().jsonPath().getList("findAll { it.systolic == null }"));
        } finally {
            pool.shutdownNow();
        }
    }
}
