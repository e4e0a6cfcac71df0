package org.chairside.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.provider;
import static org.chairside.ui.BoardBrowserTest.reclinerOf;
import static org.chairside.ui.BoardBrowserTest.tile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

/**
 * The board while events keep coming: what it shows stays right (when vitals are due, which alert still needs
 * acknowledging), and what a nurse or provider is typing survives the updates that rebuild the page around it.
 */
@QuarkusTest
class LiveBoardBrowserTest extends BrowserTest {
    private static final Pattern DUE = Pattern.compile("Next vitals due in (?:(\\d+) min )?(\\d+) s");

    /** A session whose vitals are due every two minutes while infusing (a provider's override), so the countdown shows seconds. */
    private static long infusingEveryTwoMinutes() {
        long session = TestClinic.openSession();
        Map<String, Object> charting = provider().get("/api/sessions/" + session + "/thresholds").then().statusCode(200)
                .extract().jsonPath().getMap("effective.charting");
        charting.put("infusingMinutes", 2);
        provider().body(Map.of("charting", charting)).put("/api/sessions/" + session + "/thresholds").then().statusCode(200);
        TestClinic.chart(session, Map.of("systolic", 120, "diastolic", 80, "heartRate", 72, "spo2", 98));
        TestClinic.transition(session, "INFUSING", null);
        return session;
    }

    private static long secondsLeft(String due) {
        Matcher m = DUE.matcher(due);
        assertTrue(m.find(), due);
        return (m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 60) + Long.parseLong(m.group(2));
    }

    /**
     * The board keeps the newer version of an alert by its updatedAt, which the server writes to the microsecond: an
     * acknowledgement and a breach that re-activates the alert in the same millisecond must still be told apart, or
     * the acknowledgement's answer, arriving after the stream's newer ACTIVE version, silences a break-through alarm.
     */
    @Test
    void versionsOfAnAlertAreOrderedToTheMicrosecond() {
        Page page = browser.loggedIn("nurse", 1280, 900);
        Object order = page.evaluate("async () => { const f = await import('./assets/js/format.js'); return ["
                + "f.compareInstants('2026-12-02T01:00:00.123456Z', '2026-12-02T01:00:00.123100Z'),"
                + "f.compareInstants('2026-12-02T01:00:00.1231Z', '2026-12-02T01:00:00.123456Z'),"
                + "f.compareInstants('2026-12-02T01:00:00Z', '2026-12-02T01:00:00.000001Z'),"
                + "f.compareInstants('2026-12-02T01:00:01Z', '2026-12-02T01:00:00.999999Z'),"
                + "f.compareInstants('2026-12-02T01:00:00.5Z', '2026-12-02T01:00:00.500000Z')]; }");
        assertEquals(List.of(1, -1, -1, 1, 0), order);
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }

    @Test
    void theNextVitalsDueMovesOnWithEveryReadingChartedElsewhere() {
        long session = infusingEveryTwoMinutes();
        long recliner = reclinerOf(session);
        Page page = browser.loggedIn("nurse", 1920, 1080);
        Locator due = tile(page, recliner).locator(".due");
        assertThat(due).containsText("Next vitals due in 1 min");
        page.waitForTimeout(15_000);
        // Charted by someone else (a monitor, another screen): the board learns of it from the stream alone.
        TestClinic.chart(session, Map.of("heartRate", 76));
        assertThat(tile(page, recliner).locator("[data-vital=hr] .value")).hasText("76");
        Instant serverDue = Instant.parse(nurse().get("/api/sessions/" + session).then().statusCode(200)
                .extract().jsonPath().getString("nextChartingDue"));
        long expected = serverDue.getEpochSecond() - Instant.now().getEpochSecond();
        long shown = secondsLeft(due.textContent());
        // Before, the countdown kept running from the load: 15 s short here, and "OVERDUE" while readings kept coming.
        assertTrue(Math.abs(shown - expected) <= 3, "the board shows " + shown + " s left, the server " + expected + " s");
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }

    @Test
    void anAlertStillToBeAcknowledgedIsNotHiddenBehindAnAcknowledgedHighOne() {
        long session = TestClinic.infusingSession();
        long recliner = reclinerOf(session);
        // 192/96 raises the HIGH limit and the MEDIUM rise over baseline: both seen to at once.
        JsonPath raised = TestClinic.chart(session, Map.of("systolic", 192, "diastolic", 96));
        long high = raised.getLong("alerts.find { it.priority == 'HIGH' }.id");
        for (Object id : raised.getList("alerts.id")) {
            provider().body(Map.of("note", "seen, repeating")).post("/api/alerts/" + id + "/acknowledge").then().statusCode(200);
        }
        Page page = browser.loggedIn("nurse", 1920, 1080);
        Locator tile = tile(page, recliner);
        assertThat(tile.locator(".alert-slot")).containsText("Acknowledged by provider");

        long medium = TestClinic.chart(session, Map.of("heartRate", 118)).getLong("alerts[0].id");
        Locator slot = tile.locator(".alert-slot");
        assertThat(slot).hasAttribute("data-alert-id", Long.toString(medium));
        assertThat(slot).containsText("MEDIUM");
        assertThat(slot).containsText("Unacknowledged");
        assertThat(slot).containsText("and 2 more open alerts");
        assertThat(tile).hasClass(Pattern.compile("\\balert-active\\b"));
        slot.locator("button.ack").click();
        // Both seen to: the HIGH one shows again.
        assertThat(slot).hasAttribute("data-alert-id", Long.toString(high));
        assertEquals("ACKNOWLEDGED", nurse().get("/api/alerts/" + medium).then().extract().jsonPath().getString("state"));
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }

    @Test
    void aNoteBeingTypedSurvivesTheUpdatesAroundIt() {
        long session = TestClinic.infusingSession();
        long recliner = reclinerOf(session);
        long other = TestClinic.infusingSession();
        // A provider: charts and acknowledges as a nurse does, and may also edit the session's thresholds.
        Page page = browser.loggedIn("provider", 1920, 1080);
        long alert = TestClinic.chart(session, Map.of("systolic", 190, "diastolic", 95)).getLong("alerts.find { it.priority == 'HIGH' }.id");
        Locator note = tile(page, recliner).locator(".alert-slot[data-alert-id='" + alert + "'] input.ack-note");
        note.click();
        page.keyboard().type("cuff resized, repeat");
        // The same tile rebuilt by a new reading, and the banner by another chair's HIGH alert.
        TestClinic.chart(session, Map.of("heartRate", 81));
        assertThat(tile(page, recliner).locator("[data-vital=hr] .value")).hasText("81");
        TestClinic.chart(other, Map.of("systolic", 195, "diastolic", 97));
        assertThat(page.locator("#banner li.banner-item[data-session-id='" + other + "']")).hasCount(1);
        assertThat(note).hasValue("cuff resized, repeat");
        assertThat(note).isFocused();
        page.keyboard().type(" in 2 min");
        page.keyboard().press("Enter");
        assertThat(page.locator("#banner li[data-alert-id='" + alert + "']")).hasCount(0);
        assertEquals("cuff resized, repeat in 2 min", nurse().get("/api/alerts/" + alert).then().extract().jsonPath().getString("acknowledgeNote"));

        // A provider's unsaved threshold edit and a stop reason in the session view survive its reloads.
        page.navigate(app + "#/session/" + session);
        Locator reason = page.locator("#transition-reason");
        reason.fill("patient asked to stop");
        Locator limit = page.locator("input[name='rules[0].limits[0].value']");
        limit.fill("171");
        TestClinic.chart(session, Map.of("heartRate", 83));
        assertThat(page.locator("#session-view table.readings")).containsText("83", new LocatorAssertions.ContainsTextOptions().setTimeout(8000));
        assertThat(reason).hasValue("patient asked to stop");
        assertThat(limit).hasValue("171");
        // No stray "null" where the pre-start note would go.
        assertFalse(page.locator("form.transitions").textContent().contains("null"), page.locator("form.transitions").textContent());
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }

    @Test
    void aTakenAtTimeLaterThanNowIsRefusedOnTheFormWithTheReason() {
        long session = TestClinic.infusingSession();
        long recliner = reclinerOf(session);
        Page page = browser.loggedIn("nurse", 1920, 1080);
        // Noon in the browser, whatever the machine's hour, so that "12:10" is ten minutes ahead.
        page.clock().setFixedTime(LocalDate.now().atTime(LocalTime.NOON).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli());
        Locator tile = tile(page, recliner);
        tile.locator("button.chart-open").click();
        tile.getByLabel("Heart rate").fill("80");
        tile.locator("input[name=takenAt]").fill("12:10");
        tile.locator("input[name=takenAt]").press("Enter");
        assertThat(tile.locator("[data-error-for=takenAt]")).hasText("12:10 is later than now: vitals cannot be charted ahead of their time");
        JsonPath readings = nurse().get("/api/sessions/" + session + "/readings").then().extract().jsonPath();
        assertEquals(1, readings.getList("$").size(), "nothing was sent");
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }
}
