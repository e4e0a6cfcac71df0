package org.chairside.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.chairside.TestClinic.nurse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

/** The live board in a real browser: keyboard charting, alerts on several dashboards, acknowledging, resuming. */
@QuarkusTest
class BoardBrowserTest extends BrowserTest {
    static long reclinerOf(long sessionId) {
        return nurse().get("/api/sessions/" + sessionId).then().statusCode(200).extract().jsonPath().getLong("recliner.id");
    }

    static Locator tile(Page page, long reclinerId) {
        return page.locator("#tile-" + reclinerId);
    }

    @Test
    void nurseChartsWithTheKeyboardAndSeesTheReadingOnTheBoard() {
        long session = TestClinic.infusingSession();
        long recliner = reclinerOf(session);
        Page page = browser.loggedIn("nurse", 1920, 1080);
        Locator tile = tile(page, recliner);
        assertThat(tile.locator(".phase")).hasText("Infusing");
        assertThat(tile.locator("[data-vital=bp] .value")).hasText("120/80");

        tile.locator("button.chart-open").focus();
        page.keyboard().press("Enter");
        // Focus lands on systolic; the fields follow the order of a monitor.
        page.keyboard().type("134");
        page.keyboard().press("Tab");
        page.keyboard().type("86");
        page.keyboard().press("Tab");
        page.keyboard().type("77");
        page.keyboard().press("Tab");
        page.keyboard().type("97");
        page.keyboard().press("Enter");

        assertThat(tile.locator("[data-vital=bp] .value")).hasText("134/86");
        assertThat(tile.locator("[data-vital=hr] .value")).hasText("77");
        assertThat(tile.locator("[data-vital=spo2] .value")).hasText("97");
        assertThat(tile.locator("[data-vital=bp] .age")).hasText("just now");
        assertThat(tile.locator(".chart-form")).hasCount(0);
        assertThat(tile.locator("svg.sparkline")).hasCount(1);
        List<Map<String, Object>> readings = nurse().get("/api/sessions/" + session + "/readings").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertEquals(2, readings.size());
        assertEquals(134, readings.get(1).get("systolic"));
        assertEquals("nurse", readings.get(1).get("chartedBy"));
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }

    @Test
    void theServersValidationMessageShowsNextToItsField() {
        long session = TestClinic.infusingSession();
        long recliner = reclinerOf(session);
        Page page = browser.loggedIn("nurse", 768, 1024);
        Locator tile = tile(page, recliner);
        tile.locator("button.chart-open").click();
        page.keyboard().type("350");
        page.keyboard().press("Tab");
        page.keyboard().type("80");
        page.keyboard().press("Tab");
        page.keyboard().type("72");
        page.keyboard().press("Enter");

        Locator error = tile.locator(".field[data-field=systolic] [data-error-for=systolic]");
        assertThat(error).hasText("must be within the plausible range 40-300 mmHg");
        assertThat(tile.locator("input[name=systolic]")).hasAttribute("aria-invalid", "true");
        assertThat(tile.locator("[data-error-for=diastolic]")).hasText("");
        assertEquals(1, nurse().get("/api/sessions/" + session + "/readings").then().extract().jsonPath().getList("$").size(),
                "nothing was stored");
        // Corrected, it saves.
        tile.locator("input[name=systolic]").fill("135");
        tile.locator("input[name=systolic]").press("Enter");
        assertThat(tile.locator("[data-vital=bp] .value")).hasText("135/80");
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }

    @Test
    void highAlertReachesTwoDashboardsAndAnAcknowledgementReachesTheOther() {
        long session = TestClinic.infusingSession();
        long recliner = reclinerOf(session);
        Page nursePage = browser.loggedIn("nurse", 1920, 1080);
        Page providerPage = browser.loggedIn("provider", 768, 1024);
        assertThat(tile(nursePage, recliner).locator(".alert-slot")).hasText("No open alerts");
        assertThat(tile(providerPage, recliner).locator(".alert-slot")).hasText("No open alerts");

        long chartedAt = System.currentTimeMillis();
        // Heart rate alone: a blood pressure this high would also raise the MEDIUM rise over baseline, which the tile
        // shows once the HIGH one is acknowledged (LiveBoardBrowserTest).
        long alertId = TestClinic.chart(session, Map.of("heartRate", 142)).getLong("alerts[0].id");
        LocatorAssertions.ContainsTextOptions within2s = new LocatorAssertions.ContainsTextOptions().setTimeout(2000);
        for (Page page : List.of(nursePage, providerPage)) {
            Locator slot = tile(page, recliner).locator(".alert-slot");
            assertThat(slot).containsText("HIGH", within2s);
            assertThat(slot).containsText("!!!", within2s);
            assertThat(slot).containsText("Unacknowledged", within2s);
            assertThat(page.locator("#banner li[data-alert-id='" + alertId + "']")).containsText("Heart rate", within2s);
        }
        long elapsed = System.currentTimeMillis() - chartedAt;
        assertTrue(elapsed < 2500, "both dashboards showed the alert " + elapsed + " ms after the API answered");
        assertTrue(tile(nursePage, recliner).getAttribute("class").contains("alert-high"));
        assertTrue(tile(nursePage, recliner).getAttribute("class").contains("alert-active"), "a HIGH alert flashes until acknowledged");
        // The tone sounded (the page logged in with a click, so the browser lets it play).
        nursePage.waitForCondition(() -> "high".equals(nursePage.evaluate("document.documentElement.dataset.lastTone").toString().toLowerCase()));
        Browser.screenshot(nursePage, "board-1920x1080");
        Browser.screenshot(providerPage, "board-768x1024");

        // Acknowledge on the nurse's board, with a note: the provider's board shows it at once.
        Locator ack = tile(nursePage, recliner).locator(".alert-slot");
        ack.locator("input.ack-note").fill("repeat cuff in 2 min");
        ack.locator("button.ack").click();
        LocatorAssertions.ContainsTextOptions within2sAck = new LocatorAssertions.ContainsTextOptions().setTimeout(2000);
        assertThat(tile(providerPage, recliner).locator(".alert-slot")).containsText("Acknowledged by nurse", within2sAck);
        assertThat(tile(providerPage, recliner).locator(".alert-slot")).containsText("repeat cuff in 2 min", within2sAck);
        assertThat(providerPage.locator("#banner li[data-alert-id='" + alertId + "']")).hasCount(0);
        assertThat(tile(providerPage, recliner).locator("button.ack")).hasCount(0);
        assertTrue(!tile(providerPage, recliner).getAttribute("class").contains("alert-active"), "acknowledged: no more flashing");
        assertEquals("ACKNOWLEDGED", nurse().get("/api/alerts/" + alertId).then().extract().jsonPath().getString("state"));
        assertEquals(List.of(), browser.errors);
        nursePage.context().close();
        providerPage.context().close();
    }

    @Test
    void aPageWhoseStreamIsCutShowsWhatItMissedOnceRestored() throws Exception {
        long session = TestClinic.infusingSession();
        long recliner = reclinerOf(session);
        try (CuttableProxy line = new CuttableProxy(app)) {
            Page page = browser.page(1920, 1080);
            page.navigate(line.url());
            browser.login(page, "nurse");
            Locator tile = tile(page, recliner);
            assertThat(tile.locator("[data-vital=bp] .value")).hasText("120/80");

            // Cut the line: the open stream dies and reconnects fail. The page says so in words.
            line.cut();
            assertThat(page.locator("#live-status")).containsText("NOT LIVE");
            TestClinic.chart(session, Map.of("systolic", 142, "diastolic", 88, "heartRate", 81, "spo2", 96));
            long alertId = TestClinic.chart(session, Map.of("systolic", 190, "diastolic", 95)).getLong("alerts[0].id");
            page.waitForTimeout(1500);
            assertThat(tile.locator("[data-vital=bp] .value")).hasText("120/80");
            assertThat(page.locator("#live-status")).containsText("NOT LIVE");

            // Restored, it resumes from the last event it saw and shows everything it missed.
            line.restore();
            assertThat(page.locator("#live-status")).hasText("Live", new LocatorAssertions.HasTextOptions().setTimeout(15_000));
            assertThat(tile.locator("[data-vital=bp] .value")).hasText("190/95");
            assertThat(tile.locator("[data-vital=hr] .value")).hasText("81");
            assertThat(tile.locator(".alert-slot")).containsText("HIGH");
            assertThat(page.locator("#banner li[data-alert-id='" + alertId + "']")).hasCount(1);
            assertEquals(List.of(), browser.errors);
            page.context().close();
        }
    }

    /** Leaves no unacknowledged alert from earlier tests sounding on the shared board. */
    private static void acknowledgeEverythingActive() {
        List<Integer> active = TestClinic.provider().get("/api/alerts?state=ACTIVE").then().statusCode(200)
                .extract().jsonPath().getList("id");
        for (Integer id : active) {
            TestClinic.provider().body(Map.of()).post("/api/alerts/" + id + "/acknowledge");
        }
    }

    @Test
    void pausedSoundStaysQuietUntilAHigherAlertBreaksThrough() {
        acknowledgeEverythingActive();
        long session = TestClinic.infusingSession();
        long recliner = reclinerOf(session);
        Page page = browser.loggedIn("nurse", 1920, 1080);
        assertThat(page.locator("html")).hasAttribute("data-audio", "off");

        TestClinic.chart(session, Map.of("heartRate", 118));
        assertThat(tile(page, recliner).locator(".alert-slot")).containsText("MEDIUM");
        assertThat(page.locator("html")).hasAttribute("data-audio", "medium");
        assertThat(page.locator("html")).hasAttribute("data-last-tone", "MEDIUM");
        assertThat(page.locator("#banner")).isHidden();

        page.locator("#sound-status button").click();
        assertThat(page.locator("html")).hasAttribute("data-audio", "paused");
        assertThat(page.locator("#sound-status")).containsText("Sound paused");
        // The visual stays while the sound is paused.
        assertThat(tile(page, recliner).locator(".alert-slot")).containsText("MEDIUM");
        assertTrue(tile(page, recliner).getAttribute("class").contains("alert-medium"));

        TestClinic.chart(session, Map.of("systolic", 192, "diastolic", 96));
        assertThat(page.locator("html")).hasAttribute("data-audio", "high");
        assertThat(page.locator("html")).hasAttribute("data-last-tone", "HIGH");
        assertThat(page.locator("#banner li.banner-item")).not().hasCount(0);
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }

    @Test
    void aFreeReclinerStartsASessionForAPatientFoundByMrn() {
        long recliner = TestClinic.newRecliner();
        String mrn = TestClinic.unique("MRN");
        String family = TestClinic.unique("Okafor");
        nurse().body(Map.of("mrn", mrn, "givenName", "Ada", "familyName", family, "birthDate", "1980-02-03", "weightKg", 81.5))
                .post("/api/patients").then().statusCode(201);
        Page page = browser.loggedIn("nurse", 768, 1024);
        Locator tile = tile(page, recliner);
        assertThat(tile.locator(".phase")).hasText("Free");
        tile.getByText("Start session").click();
        tile.getByLabel("Patient (name or MRN)").fill(mrn);
        tile.locator(".patient-results button").click();
        assertThat(tile.locator(".chosen")).containsText(family);
        assertThat(tile.getByLabel("Weight kg")).hasValue("81.5");
        // A bad planned duration comes back from the server and shows next to its field.
        tile.getByLabel("Planned minutes").fill("2");
        tile.getByLabel("Planned minutes").press("Enter");
        assertThat(tile.locator("[data-error-for='protocol.plannedMinutes']")).hasText("must be from 5 to 720 minutes");
        tile.getByLabel("Planned minutes").fill("40");
        tile.getByLabel("Planned minutes").press("Enter");
        assertThat(tile.locator(".phase")).hasText("Checked in");
        assertThat(tile.locator(".patient-name")).hasText("Ada " + family);
        assertThat(tile.locator(".due")).hasText("Before starting: screen for contraindications and chart baseline vitals");
        assertEquals(1, nurse().get("/api/sessions?state=OPEN").then().extract().jsonPath()
                .getList("findAll { it.recliner.id == " + recliner + " }").size());
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }

    @Test
    void theScreeningAskedAtCheckInIsRecordedWithTheSession() {
        long recliner = TestClinic.newRecliner();
        String mrn = TestClinic.unique("MRN");
        nurse().body(Map.of("mrn", mrn, "givenName", "Bea", "familyName", TestClinic.unique("Mensah"), "birthDate", "1979-04-05", "weightKg", 66))
                .post("/api/patients").then().statusCode(201);
        Page page = browser.loggedIn("nurse", 1280, 1000);
        Locator tile = tile(page, recliner);
        tile.getByText("Start session").click();
        tile.getByLabel("Patient (name or MRN)").fill(mrn);
        tile.locator(".patient-results button").click();
        tile.locator(".start-screening summary").click();
        tile.locator("[data-key='start-" + recliner + "-screening.unstableCardiovascular-false']").check();
        tile.locator("[data-key='start-" + recliner + "-screening.aneurysmalVascular-false']").check();
        tile.locator("[data-key='start-" + recliner + "-screening.uncontrolledHypertension-true']").check();
        // one question left: the check-in is refused next to it, and no session is opened
        tile.locator("button[type=submit]").click();
        assertThat(tile.locator("[data-error-for='screening.psychosisOrMania']")).containsText("is required");
        assertEquals(0, nurse().get("/api/sessions?state=OPEN").then().extract().jsonPath()
                .getList("findAll { it.recliner.id == " + recliner + " }").size());
        tile.locator("[data-key='start-" + recliner + "-screening.psychosisOrMania-false']").check();
        tile.locator("button[type=submit]").click();
        assertThat(tile.locator(".phase")).hasText("Checked in");
        long session = nurse().get("/api/sessions?state=OPEN").then().extract().jsonPath()
                .getLong("find { it.recliner.id == " + recliner + " }.id");
        nurse().get("/api/sessions/" + session + "/screenings").then().statusCode(200)
                .body("$", org.hamcrest.Matchers.hasSize(1))
                .body("[0].summary", org.hamcrest.Matchers.equalTo("uncontrolled hypertension"))
                .body("[0].byUser", org.hamcrest.Matchers.equalTo("nurse"));
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }
}
