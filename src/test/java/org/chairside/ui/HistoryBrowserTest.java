package org.chairside.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.chairside.TestClinic.nurse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

/** History search, the read-only session view with its chart, amendments and timeline, and the patient's series. */
@QuarkusTest
class HistoryBrowserTest extends BrowserTest {
    @Test
    void historySearchFindsADischargedSessionAndOpensItReadOnly() {
        long session = TestClinic.infusingSession();
        JsonPath s = nurse().get("/api/sessions/" + session).then().statusCode(200).extract().jsonPath();
        String mrn = s.getString("patient.mrn");
        String family = s.getString("patient.familyName");
        long readingId = TestClinic.chart(session, Map.of("systolic", 184, "diastolic", 98, "heartRate", 90, "spo2", 95)).getLong("reading.id");
        nurse().body(Map.of("systolic", 148, "diastolic", 98, "heartRate", 90, "spo2", 95, "reason", "typo: 148 on the monitor"))
                .post("/api/readings/" + readingId + "/amendments").then().statusCode(201);
        TestClinic.chart(session, Map.of("systolic", 131, "diastolic", 84, "heartRate", 80, "spo2", 97));
        TestClinic.transition(session, "RECOVERY", null);
        TestClinic.discharge(session);
        // A stopped session of someone else must not match the search.
        long other = TestClinic.openSession();
        TestClinic.transition(other, "STOPPED", "patient declined");

        Page page = browser.loggedIn("provider", 1920, 1080);
        page.locator("nav a[data-nav=history]").click();
        page.getByLabel("Patient name or MRN").fill(mrn);
        page.getByLabel("Outcome").selectOption("DISCHARGED");
        page.getByLabel("Patient name or MRN").press("Enter");
        assertThat(page.locator("#history-count")).hasText("Sessions 1–1 of 1");
        Locator row = page.locator("table.history tr[data-session-id='" + session + "']");
        assertThat(row).containsText(family);
        assertThat(row).containsText("Discharged");
        // Peak BP counts current values only: the amended 184/98 was a typo for 148/98.
        assertThat(row).containsText("148/98");
        Browser.screenshot(page, "history");

        row.getByText("Open").click();
        Locator view = page.locator("#session-view");
        assertThat(view.locator("h1")).containsText(family);
        assertThat(view).containsText("Read-only view.");
        assertThat(view.locator("#session-phase")).hasText("Discharged");
        assertThat(view.locator("form.transitions")).hasCount(0);
        assertThat(view).containsText("infusion 1 of 1");
        // The amended original is struck through, with who and why.
        Locator amended = view.locator("tr.amended[data-reading-id='" + readingId + "']");
        assertThat(amended.locator("s").first()).hasText("184/98");
        assertThat(amended.locator(".amend-note")).containsText("typo: 148 on the monitor");
        assertThat(view.locator("svg.trend-chart line.threshold")).not().hasCount(0);
        assertThat(view.locator("svg.trend-chart line.alert-mark")).not().hasCount(0);
        assertThat(view.locator(".timeline")).containsText("Recovery → Discharged by nurse");
        assertThat(view.locator("form.thresholds input[readonly]").first()).isVisible();
        Browser.screenshot(page, "session-view");

        view.locator("h1 a").click();
        Locator patient = page.locator("#patient-view");
        assertThat(patient.locator("tr[data-session-id='" + session + "'] th")).hasText("Infusion 1 of 1");
        assertThat(patient.locator("tr[data-session-id='" + session + "']")).containsText("148/98");
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }

    @Test
    void theNextPageDoesNotRepeatARowWhenASessionClosesMeanwhile() {
        long patient = TestClinic.newPatient();
        long recliner = TestClinic.newRecliner();
        long[] stopped = new long[21];
        for (int i = 0; i < stopped.length; i++) {
            stopped[i] = nurse().body(TestClinic.sessionBody(patient, recliner)).post("/api/sessions")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
            TestClinic.transition(stopped[i], "STOPPED", "stop " + i);
        }
        long open = nurse().body(TestClinic.sessionBody(patient, TestClinic.newRecliner())).post("/api/sessions")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        String mrn = nurse().get("/api/patients/" + patient).then().statusCode(200).extract().jsonPath().getString("mrn");

        Page page = browser.loggedIn("provider", 1920, 1080);
        page.locator("nav a[data-nav=history]").click();
        page.getByLabel("Patient name or MRN").fill(mrn);
        page.getByLabel("Patient name or MRN").press("Enter");
        assertThat(page.locator("#history-count")).hasText("Sessions 1–20 of 21");
        assertThat(page.locator("table.history tbody tr").last()).hasAttribute("data-session-id", String.valueOf(stopped[1]));
        // a colleague stops the open session while this page is read: it is the newest, and would push the list down
        TestClinic.transition(open, "STOPPED", "stopped meanwhile");
        page.getByText("Next →").click();
        assertThat(page.locator("#history-count")).containsText("Sessions 21–21 of 21 (as of");
        assertThat(page.locator("table.history tbody tr")).hasCount(1);
        assertThat(page.locator("table.history tbody tr")).hasAttribute("data-session-id", String.valueOf(stopped[0]));
        // a new search counts it
        page.locator("form.history-search button[type=submit]").click();
        assertThat(page.locator("#history-count")).hasText("Sessions 1–20 of 22");
        assertThat(page.locator("table.history tbody tr").first()).hasAttribute("data-session-id", String.valueOf(open));
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }

    @Test
    void aNurseMovesASessionThroughItsPhasesAndAStopNeedsAReason() {
        long session = TestClinic.openSession();
        TestClinic.chart(session, Map.of("systolic", 150, "diastolic", 92, "heartRate", 70, "spo2", 98));
        Page page = browser.loggedIn("nurse", 768, 1024);
        page.navigate(app + "#/session/" + session);
        Locator view = page.locator("#session-view");
        // Over the pre-start limit: the page explains that a provider must clear the start.
        assertThat(view.locator(".prestart-note")).containsText("150/92");
        assertThat(view.locator(".prestart-note")).containsText("a provider must clear the start");
        assertThat(view.locator(".transition-buttons button")).hasText(new String[] {"Start infusion", "Stop early"});
        view.locator("button[data-to=INFUSING]").click();
        assertThat(view.locator("form.transitions .form-error")).containsText("a provider must clear the start");

        view.locator("button[data-to=STOPPED]").click();
        assertThat(view.locator("form.transitions [data-error-for=reason]")).containsText("A reason is required");
        view.locator("#transition-reason").fill("BP too high today");
        view.locator("button[data-to=STOPPED]").click();
        assertThat(view.locator("#session-phase")).hasText("Stopped early");
        assertThat(view.locator(".timeline")).containsText("reason: BP too high today");
        assertEquals("STOPPED", nurse().get("/api/sessions/" + session).then().extract().jsonPath().getString("state"));
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }

    @Test
    void aProviderSetsThisPatientsOwnLimitAndBadValuesAreNamed() {
        long session = TestClinic.infusingSession();
        Page page = browser.loggedIn("provider", 1920, 1080);
        page.navigate(app + "#/session/" + session);
        Locator view = page.locator("#session-view");
        Locator highSystolic = view.locator("input[name='rules[0].limits[2].value']");
        assertThat(highSystolic).hasValue("180");
        highSystolic.fill("400");
        view.getByText("Save thresholds").click();
        assertThat(view.locator("[data-error-for='rules[0].limits[2].value']")).containsText("plausible range");

        highSystolic.fill("170");
        view.getByText("Save thresholds").click();
        assertThat(view.locator("tr[data-condition=BP_HIGH] .tag")).containsText("this session");
        JsonPath t = nurse().get("/api/sessions/" + session + "/thresholds").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("BP_HIGH"), t.getList("overrides.rules.condition"));
        assertEquals(170.0, t.getDouble("effective.rules.find { it.condition == 'BP_HIGH' }.limits[2].value"));
        org.junit.jupiter.api.Assertions.assertNull(t.get("overrides.prestart"), "only what the provider changed is overridden");
        // A nurse sees the same limits but cannot change them.
        Page nursePage = browser.loggedIn("nurse", 1920, 1080);
        nursePage.navigate(app + "#/session/" + session);
        assertThat(nursePage.locator("#session-view input[name='rules[0].limits[2].value']")).hasValue("170");
        assertThat(nursePage.locator("#session-view input[name='rules[0].limits[2].value']")).hasAttribute("readonly", "");
        assertThat(nursePage.getByText("Save thresholds")).hasCount(0);
        assertEquals(List.of(), browser.errors);
        page.context().close();
        nursePage.context().close();
    }
}
