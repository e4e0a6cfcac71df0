package org.chairside.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

/**
 * A device-fed session's view: the table shows the newest readings and more on request, the trend draws a line where
 * a dot per reading would be thousands of nodes, and either stays as chosen while the session's events redraw it.
 */
@QuarkusTest
class LongSessionBrowserTest extends BrowserTest {

    @Test
    void theTableShowsTheNewestTwoHundredAndEarlierOnesOnRequest() {
        long session = TestClinic.openSession();
        long firstId = 0;
        for (int i = 0; i < 320; i++) {
            long id = TestClinic.chart(session, Map.of("heartRate", 60 + i % 40)).getLong("reading.id");
            firstId = i == 0 ? id : firstId;
        }
        Page page = browser.loggedIn("nurse", 1280, 1000);
        page.navigate(app + "#/session/" + session);
        Locator view = page.locator("#session-view");
        Locator rows = view.locator("table.readings tbody tr");
        assertThat(rows).hasCount(200);
        assertThat(view.locator("#readings-shown")).hasText("The newest 200 of 320 readings.");
        // past 300 readings of a series the trend is a line without a dot per reading
        assertThat(view.locator(".trend circle.dot")).hasCount(0);
        assertThat(view.locator(".trend polyline.series.hr")).hasCount(1);

        Locator earlier = view.locator("[data-key=earlier-readings]");
        assertThat(earlier).hasText("Show 120 earlier");
        earlier.click();
        assertThat(rows).hasCount(320);
        assertThat(view.locator("#readings-shown")).hasCount(0);
        assertThat(rows.first()).hasAttribute("data-reading-id", Long.toString(firstId));

        // a new reading redraws the view: the earlier rows stay shown
        long next = TestClinic.chart(session, Map.of("heartRate", 99)).getLong("reading.id");
        assertThat(view.locator("tr[data-reading-id='" + next + "']")).hasCount(1);
        assertThat(rows).hasCount(321);
        assertEquals(List.of(), browser.errors);
    }

    @Test
    void aShortSessionKeepsItsDotsAndItsWholeTable() {
        long session = TestClinic.openSession();
        TestClinic.chart(session, Map.of("systolic", 120, "diastolic", 80, "heartRate", 72, "spo2", 98));
        TestClinic.chart(session, Map.of("heartRate", 75));
        Page page = browser.loggedIn("nurse", 1280, 1000);
        page.navigate(app + "#/session/" + session);
        Locator view = page.locator("#session-view");
        assertThat(view.locator("table.readings tbody tr")).hasCount(2);
        assertThat(view.locator("[data-key=earlier-readings]")).hasCount(0);
        // systolic, diastolic, heart rate twice, SpO2: a dot each
        assertThat(view.locator(".trend circle.dot")).hasCount(5);
        assertEquals(List.of(), browser.errors);
    }

    /** The trend line's thinning, run in the browser on a table of cases: {points as "x:y", the points kept}. */
    @Test
    void theLineKeepsTheFirstLowestHighestAndLastOfEachColumn() {
        Page page = browser.loggedIn("nurse", 1280, 1000);
        Object[][] cases = {
            // four or fewer: as they are
            {"0:5 0:6 0:7", "0:5 0:6 0:7"},
            // one column of many: first, lowest, highest, last, in the order taken
            {"10:50 10.2:40 10.3:90 10.4:60 10.45:55", "10:50 10.2:40 10.3:90 10.45:55"},
            // a spike in a crowded column stays
            {"1:60 1.1:61 1.2:160 1.3:61 1.4:60 2:60", "1:60 1.2:160 1.4:60 2:60"},
            // columns apart keep every point
            {"0:1 1:2 2:3 3:4 4:5", "0:1 1:2 2:3 3:4 4:5"},
            // the first is the lowest and the last the highest: each kept once
            {"5:1 5.1:3 5.2:2 5.3:4 5.4:9", "5:1 5.4:9"},
        };
        for (Object[] c : cases) {
            Object kept = page.evaluate("async (line) => {"
                    + " const m = await import('/assets/js/chartline.js');"
                    + " const pts = line.split(' ').map((p) => p.split(':').map(Number));"
                    + " return m.linePoints(pts).map(([x, y]) => `${x}:${y}`).join(' '); }", c[0]);
            assertEquals(c[1], kept, "points " + c[0]);
        }
        assertEquals(List.of(), browser.errors);
    }
}
