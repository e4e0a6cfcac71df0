package org.chairside.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

/**
 * An open session view follows its session's events by fetching what changed since the newest reading it holds, not
 * the whole list (megabytes for a device-fed session, every second); and reads the whole list again when the server's
 * count says the merged one is not whole.
 */
@QuarkusTest
class ReadingChangesBrowserTest extends BrowserTest {

    /** The query strings of the readings requests the page makes, in order. */
    private static List<String> readingRequests(Page page, long session) {
        return requests(page, "/api/sessions/" + session + "/readings");
    }

    /** What follows the prefix in each GET the page makes under it, in order. */
    private static List<String> requests(Page page, String prefix) {
        List<String> seen = new CopyOnWriteArrayList<>();
        page.onRequest(r -> {
            String path = r.url().replaceFirst("^https?://[^/]+", "");
            if (r.method().equals("GET") && path.startsWith(prefix)) {
                seen.add(path.substring(prefix.length()));
            }
        });
        return seen;
    }

    @Test
    void newReadingsAndCorrectionsArriveAsChangesAndTheViewShowsThemInPlace() {
        long session = TestClinic.openSession();
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        long early = TestClinic.chart(session, Map.of("heartRate", 70, "takenAt", t.toString())).getLong("reading.id");
        long late = TestClinic.chart(session, Map.of("heartRate", 72, "takenAt", t.plusSeconds(30).toString())).getLong("reading.id");
        Page page = browser.loggedIn("nurse", 1280, 1000);
        List<String> requests = readingRequests(page, session);
        List<String> transitions = requests(page, "/api/sessions/" + session + "/transitions");
        page.navigate(app + "#/session/" + session);
        Locator rows = page.locator("#session-view table.readings tbody tr");
        assertThat(rows).hasCount(2);

        long next = TestClinic.chart(session, Map.of("heartRate", 77, "takenAt", t.plusSeconds(60).toString())).getLong("reading.id");
        assertThat(page.locator("tr[data-reading-id='" + next + "']")).containsText("77");
        // A correction of the earliest: the original struck through where it was, the correction after it.
        long fix = TestClinic.nurse().body(Map.of("heartRate", 71, "reason", "typed 70, meant 71"))
                .post("/api/readings/" + early + "/amendments").then().statusCode(201).extract().jsonPath().getLong("reading.id");
        assertThat(page.locator("tr[data-reading-id='" + early + "']")).hasClass("amended");
        assertThat(page.locator("tr[data-reading-id='" + early + "'] .amend-note")).containsText("typed 70, meant 71");
        assertThat(rows).hasCount(4);
        assertEquals(List.of(Long.toString(early), Long.toString(fix), Long.toString(late), Long.toString(next)),
                rows.evaluateAll("rs => rs.map(r => r.dataset.readingId)"));

        assertEquals("", requests.get(0), "the first load reads the whole list");
        assertTrue(requests.size() >= 3, "one load per event: " + requests);
        assertTrue(requests.subList(1, requests.size()).stream().allMatch(q -> q.startsWith("?after=")),
                "after the first load only changes are fetched: " + requests);
        assertEquals("?after=" + late, requests.get(1));
        // Readings and alerts leave the session's other lists as they were: only the first load asked for them.
        assertEquals(1, transitions.size(), "the transitions after readings only: " + transitions);
        // Any other event of the session (here a screening recorded) loads the whole view again.
        TestClinic.screen(session);
        page.waitForCondition(() -> transitions.size() == 2);
        assertEquals(List.of(), browser.errors);
    }

    @Test
    void aMergedListOfAnotherLengthThanTheServersCountIsReadWholeAgain() {
        long session = TestClinic.openSession();
        TestClinic.chart(session, Map.of("heartRate", 70));
        Page page = browser.loggedIn("nurse", 1280, 1000);
        List<String> requests = readingRequests(page, session);
        // As if another instance committed a reading whose id is below the newest held: the count is one more than
        // what the changes show.
        page.route("**/api/sessions/" + session + "/readings?after=*", route -> {
            var real = route.fetch();
            Map<String, String> headers = new HashMap<>(real.headers());
            headers.put("x-total-count", Integer.toString(Integer.parseInt(real.headers().get("x-total-count")) + 1));
            route.fulfill(new Route.FulfillOptions().setResponse(real).setHeaders(headers));
        });
        page.navigate(app + "#/session/" + session);
        Locator rows = page.locator("#session-view table.readings tbody tr");
        assertThat(rows).hasCount(1);

        long next = TestClinic.chart(session, Map.of("heartRate", 88)).getLong("reading.id");
        assertThat(page.locator("tr[data-reading-id='" + next + "']")).containsText("88");
        assertThat(rows).hasCount(2);
        int after = requests.indexOf(requests.stream().filter(q -> q.startsWith("?after=")).findFirst().orElseThrow());
        assertTrue(requests.size() > after + 1 && requests.get(after + 1).isEmpty(),
                "a count that does not match is followed by the whole list: " + requests);
        assertEquals(List.of(), browser.errors);
    }

    /** The merge, run in the browser on a table of cases: {held, changed, the merged list's ids and amended flags}. */
    @Test
    void theMergeKeepsTheServersOrder() {
        Page page = browser.loggedIn("nurse", 1280, 1000);
        String t0 = "2026-12-03T10:00:00Z";
        String t05 = "2026-12-03T10:00:00.500Z";
        String t1 = "2026-12-03T10:01:00Z";
        String t2 = "2026-12-03T10:02:00Z";
        // each reading as "id@takenAt", an amended one with a trailing "*"
        Object[][] cases = {
            {List.of("1@" + t0, "2@" + t1), List.of(), "1 2"},
            {List.of("1@" + t0, "2@" + t1), List.of("3@" + t2), "1 2 3"},
            // charted later with an earlier taken-at time
            {List.of("1@" + t0, "2@" + t2), List.of("3@" + t1), "1 3 2"},
            // the same time: by id
            {List.of("1@" + t1, "2@" + t2), List.of("3@" + t1), "1 3 2"},
            // a correction: the original amended in its place, the correction after it
            {List.of("1@" + t0, "2@" + t1, "3@" + t2), List.of("2@" + t1 + "*", "4@" + t1), "1 2* 4 3"},
            // by time, not by the text: 10:00:00.500Z sorts after 10:00:00Z though "." is before "Z"
            {List.of("1@" + t0, "2@" + t1), List.of("3@" + t05), "1 3 2"},
            // several new ones at once, out of order
            {List.of("5@" + t1), List.of("7@" + t2, "6@" + t0), "6 5 7"},
            {List.of(), List.of("1@" + t0), "1"},
        };
        for (Object[] c : cases) {
            Object merged = page.evaluate("async ([held, changed]) => {"
                    + " const m = await import('/assets/js/readinglist.js');"
                    + " const r = (s) => ({ id: Number(s.split('@')[0]), takenAt: s.split('@')[1].replace('*', ''), amended: s.endsWith('*') });"
                    + " return m.mergeReadings(held.map(r), changed.map(r)).map((x) => x.id + (x.amended ? '*' : '')).join(' '); }",
                    List.of(c[0], c[1]));
            assertEquals(c[2], merged, "held " + c[0] + ", changed " + c[1]);
        }
        assertEquals(List.of(), browser.errors);
    }
}
