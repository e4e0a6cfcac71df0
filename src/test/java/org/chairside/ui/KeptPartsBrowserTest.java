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
 * A live event redraws an open session view; what it did not change stays the same element (the browser then styles
 * and lays out only what did), and what it changed is drawn anew.
 */
@QuarkusTest
class KeptPartsBrowserTest extends BrowserTest {

    /** Marks an element with a property of the page's own: a new element drawn in its place does not have it. */
    private static void mark(Locator element) {
        element.evaluate("e => { e.keptMark = true; }");
    }

    private static boolean marked(Locator element) {
        return (Boolean) element.evaluate("e => e.keptMark === true");
    }

    @Test
    void aNewReadingLeavesTheRowsAlertsAndThresholdEditorAsTheyWereAndACorrectionOrAcknowledgementRedrawsItsOwn() {
        long session = TestClinic.openSession();
        long first = TestClinic.chart(session, Map.of("heartRate", 70)).getLong("reading.id");
        long second = TestClinic.chart(session, Map.of("heartRate", 72)).getLong("reading.id");
        long alert = TestClinic.chart(session, Map.of("heartRate", 142)).getLong("alerts[0].id");
        Page page = browser.loggedIn("provider", 1280, 1000);
        page.navigate(app + "#/session/" + session);
        Locator view = page.locator("#session-view");
        Locator firstRow = view.locator("tr[data-reading-id='" + first + "']");
        Locator secondRow = view.locator("tr[data-reading-id='" + second + "']");
        Locator alertEntry = view.locator(".timeline li[data-alert-id='" + alert + "']");
        Locator editor = view.locator("section[aria-labelledby=thr-title] input").first();
        assertThat(alertEntry).hasCount(1);
        for (Locator l : List.of(firstRow, secondRow, alertEntry, editor)) {
            mark(l);
        }

        // (an SpO2 alone: a heart rate back in range would change the alert, which is then drawn anew)
        long next = TestClinic.chart(session, Map.of("spo2", 97)).getLong("reading.id");
        assertThat(view.locator("tr[data-reading-id='" + next + "']")).containsText("97");
        assertEquals(List.of(true, true, true, true), List.of(marked(firstRow), marked(secondRow), marked(alertEntry), marked(editor)),
                "rows, the alert's entry and the threshold editor kept through a reading");

        // A correction of the first: its row drawn again, struck through; the second's row stays.
        TestClinic.nurse().body(Map.of("heartRate", 71, "reason", "typed 70, meant 71"))
                .post("/api/readings/" + first + "/amendments").then().statusCode(201);
        assertThat(firstRow).hasClass("amended");
        assertEquals(false, marked(firstRow), "the corrected reading's row is drawn anew");
        assertEquals(true, marked(secondRow));

        // An acknowledgement: the alert's entry drawn again with its new state.
        TestClinic.nurse().body(Map.of("note", "repositioned")).post("/api/alerts/" + alert + "/acknowledge").then().statusCode(200);
        assertThat(alertEntry.locator(".alert-state")).containsText("Acknowledged by nurse");
        assertEquals(false, marked(alertEntry), "the acknowledged alert's entry is drawn anew");
        assertEquals(List.of(), browser.errors);
    }

    @Test
    void whatIsTypedInAKeptEditorStaysWithItsFocusThroughLiveReadings() {
        long session = TestClinic.openSession();
        TestClinic.chart(session, Map.of("heartRate", 70));
        Page page = browser.loggedIn("provider", 1280, 1000);
        page.navigate(app + "#/session/" + session);
        Locator field = page.locator("#session-view section[aria-labelledby=thr-title] input[name$='.value']").first();
        field.fill("77");
        field.focus();
        for (int hr : new int[] {71, 72, 73}) {
            long id = TestClinic.chart(session, Map.of("heartRate", hr)).getLong("reading.id");
            assertThat(page.locator("tr[data-reading-id='" + id + "']")).hasCount(1);
        }
        assertThat(field).hasValue("77");
        assertThat(field).isFocused();
        assertEquals(List.of(), browser.errors);
    }

    @Test
    void theBannerAndTheSoundLineStayAsTheyWereThroughReadingsThatChangeNoAlert() {
        long session = TestClinic.openSession();
        long other = TestClinic.openSession();
        long alert = TestClinic.chart(session, Map.of("systolic", 190, "diastolic", 95)).getLong("alerts.find { it.priority == 'HIGH' }.id");
        Page page = browser.loggedIn("nurse", 1280, 1000);
        page.navigate(app + "#/board");
        Locator item = page.locator("#banner li[data-alert-id='" + alert + "']");
        Locator sound = page.locator("#sound-status > *").first();
        assertThat(item).hasCount(1);
        mark(item);
        mark(sound);

        // Another chair's reading: its tile shows it, the banner and the sound line at the top are left alone (any
        // change there repaints the whole page).
        TestClinic.chart(other, Map.of("heartRate", 81));
        assertThat(page.locator("article.tile[data-session-id='" + other + "'] [data-vital=hr] .value")).hasText("81");
        assertEquals(List.of(true, true), List.of(marked(item), marked(sound)));

        // An alert that changes: the banner follows.
        long second = TestClinic.chart(other, Map.of("systolic", 192, "diastolic", 96)).getLong("alerts.find { it.priority == 'HIGH' }.id");
        assertThat(page.locator("#banner li[data-alert-id='" + second + "']")).hasCount(1);
        TestClinic.nurse().body(Map.of()).post("/api/alerts/" + alert + "/acknowledge").then().statusCode(200);
        assertThat(item).hasCount(0);
        assertEquals(List.of(), browser.errors);
    }

    @Test
    void aReadingUpdatesATilesVitalsAndTrendInPlaceAndLeavesItsNamePatientAndAlertAsTheyWere() {
        long session = TestClinic.openSession();
        TestClinic.chart(session, Map.of("systolic", 120, "diastolic", 80, "heartRate", 70, "spo2", 98));
        TestClinic.chart(session, Map.of("systolic", 122, "diastolic", 81, "heartRate", 72, "spo2", 97));
        Page page = browser.loggedIn("nurse", 1280, 1000);
        page.navigate(app + "#/board");
        Locator tile = page.locator("article.tile[data-session-id='" + session + "']");
        Locator head = tile.locator(".tile-head");
        Locator patient = tile.locator(".patient");
        Locator alertSlot = tile.locator(".alert-slot");
        Locator vitals = tile.locator("dl.vitals");
        Locator trend = tile.locator("svg.sparkline");
        Locator hrLine = trend.locator("polyline.hr");
        assertThat(tile.locator("[data-vital=hr] .value")).hasText("72");
        String linesBefore = hrLine.getAttribute("points");
        for (Locator l : List.of(head, patient, alertSlot, vitals, trend)) {
            mark(l);
        }

        TestClinic.chart(session, Map.of("heartRate", 84, "spo2", 96));
        assertThat(tile.locator("[data-vital=hr] .value")).hasText("84");
        assertThat(tile.locator("[data-vital=spo2] .value")).hasText("96");
        assertThat(tile.locator("[data-vital=hr] .age")).hasText("just now");
        assertThat(hrLine).not().hasAttribute("points", linesBefore);
        assertEquals(List.of(true, true, true, true, true),
                List.of(marked(head), marked(patient), marked(alertSlot), marked(vitals), marked(trend)),
                "name, patient, alert slot, vitals and trend are the same elements after a reading");

        // An alert raised: the alert slot is drawn anew, the rest stays.
        TestClinic.chart(session, Map.of("heartRate", 142));
        assertThat(tile.locator(".alert-slot .alert-message")).hasCount(1);
        assertEquals(List.of(false, true, true), List.of(marked(tile.locator(".alert-slot")), marked(head), marked(vitals)));
        assertEquals(List.of(), browser.errors);
    }

    @Test
    void aBurstOfEventsForOneChairDrawsItsTileOnceWithTheNewest() {
        long session = TestClinic.openSession();
        TestClinic.chart(session, Map.of("heartRate", 70));
        Page page = browser.loggedIn("nurse", 1280, 1000);
        page.navigate(app + "#/board");
        assertThat(page.locator("article.tile[data-session-id='" + session + "'] [data-vital=hr] .value")).hasText("70");
        // Twenty readings handed to the page's store at once, as a stream catching up delivers them in one chunk; the
        // tile's heart rate is watched for every change written into it.
        Object drawn = page.evaluate("async (sid) => {"
                + " const store = await import('/assets/js/store.js');"
                + " const value = document.querySelector(`article.tile[data-session-id=\"${sid}\"] [data-vital=hr] .value`);"
                + " let writes = 0; new MutationObserver((rs) => { writes += rs.length; }).observe(value, { childList: true, characterData: true, subtree: true });"
                + " const t0 = Date.now();"
                + " for (let i = 0; i < 20; i++) store.apply('reading', { id: 1e9 + i, sessionId: sid, takenAt: new Date(t0 + i * 1000).toISOString(),"
                + "   heartRate: 100 + i, amended: false, source: 'MANUAL', chartedBy: 'nurse' });"
                + " await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));"
                + " return value.textContent + ' after ' + writes + ' write(s)'; }", Math.toIntExact(session));
        assertEquals("119 after 1 write(s)", drawn);
        assertEquals(List.of(), browser.errors);
    }

    /** dom.js replace() on a table of cases: {children before, children after, how many of them are the same elements}. */
    @Test
    void replaceLeavesTheChildrenAlreadyThereInPlace() {
        Page page = browser.loggedIn("nurse", 1280, 1000);
        Object[][] cases = {
            {"a b c", "b c d", 2},
            {"a b c", "c b a", 3},
            {"a b", "a x b", 2},
            {"", "a", 0},
            {"a b c", "", 0},
            {"a b c", "x y", 0},
            {"a b c", "a c", 2},
        };
        for (Object[] c : cases) {
            Object result = page.evaluate("async ([before, after]) => {"
                    + " const { h, replace } = await import('/assets/js/dom.js');"
                    + " const made = new Map(); const node = (k) => made.get(k) || made.set(k, h('i', { text: k })).get(k);"
                    + " const words = (s) => s.split(' ').filter(Boolean);"
                    + " const box = h('div', {}, words(before).map(node)); const was = [...box.children];"
                    + " replace(box, words(after).map(node));"
                    + " return [...box.children].map((e) => e.textContent).join(' ') + '|' + [...box.children].filter((e) => was.includes(e)).length; }",
                    List.of(c[0], c[1]));
            assertEquals(c[1] + "|" + c[2], result, "from '" + c[0] + "' to '" + c[1] + "'");
        }
        assertEquals(List.of(), browser.errors);
    }
}
