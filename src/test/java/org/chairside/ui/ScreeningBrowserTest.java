package org.chairside.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

/**
 * A nurse screens a checked-in patient for contraindications from the session view before the start: every question
 * must be answered, a contraindication sends the start to a provider, a clear screening lets the nurse start.
 */
@QuarkusTest
class ScreeningBrowserTest extends BrowserTest {

    private static long checkedInUnscreened() {
        long session = TestClinic.openUnscreenedSession();
        TestClinic.chart(session, Map.of("systolic", 120, "diastolic", 80, "heartRate", 72, "spo2", 98));
        return session;
    }

    @Test
    void aNurseScreensThenStartsAndAContraindicationWaitsForAProvider() {
        long session = checkedInUnscreened();
        Page page = browser.loggedIn("nurse", 1280, 1000);
        page.navigate(app + "#/session/" + session);
        Locator view = page.locator("#session-view");
        assertThat(view.locator("#screening-newest")).containsText("Not screened yet");
        assertThat(view.locator(".prestart-note")).containsText("Record the contraindication screening before starting the infusion.");

        // half the questions answered: the server names the others next to them, and nothing is recorded
        Locator form = view.locator("form.screening-form");
        form.locator("[data-key=unstableCardiovascular-false]").check();
        form.locator("[data-key=aneurysmalVascular-false]").check();
        // a monitor's reading arrives meanwhile and the view redraws: the answers given so far stay
        long reading = TestClinic.chart(session, Map.of("heartRate", 74)).getLong("reading.id");
        assertThat(view.locator("tr[data-reading-id='" + reading + "']")).hasCount(1);
        assertThat(form.locator("[data-key=unstableCardiovascular-false]")).isChecked();
        assertThat(form.locator("[data-key=aneurysmalVascular-false]")).isChecked();
        form.locator("[data-key=record-screening]").click();
        assertThat(form.locator("[data-error-for=uncontrolledHypertension]")).containsText("is required");
        assertThat(form.locator("[data-error-for=psychosisOrMania]")).containsText("is required");
        assertThat(form.locator("[data-error-for=unstableCardiovascular]")).isEmpty();

        form.locator("[data-key=uncontrolledHypertension-true]").check();
        form.locator("[data-key=psychosisOrMania-false]").check();
        form.locator("[data-key=screening-note]").fill("home readings 170s this week");
        form.locator("[data-key=record-screening]").click();
        assertThat(view.locator("#screening-newest")).containsText("by nurse: uncontrolled hypertension (home readings 170s this week).");
        assertThat(view.locator(".prestart-note")).containsText("The screening lists uncontrolled hypertension: a provider must clear the start, with a reason.");
        view.locator("button[data-to=INFUSING]").click();
        assertThat(view.locator(".transitions .form-error")).containsText("a provider must clear the start");
        assertThat(view.locator("#session-phase")).hasText("Checked in");

        // asked again, the answer was last month's: the newest screening counts, and the nurse starts
        view.locator(".screening details summary").click();
        Locator again = view.locator("form.screening-form");
        again.locator("[data-key=unstableCardiovascular-false]").check();
        // another reading redraws the view: "Screen again" stays open with what was answered in it
        long recheck = TestClinic.chart(session, Map.of("systolic", 128, "diastolic", 82)).getLong("reading.id");
        assertThat(view.locator("tr[data-reading-id='" + recheck + "']")).hasCount(1);
        assertThat(view.locator(".screening details")).hasAttribute("open", "");
        assertThat(again.locator("[data-key=unstableCardiovascular-false]")).isChecked();
        for (String question : List.of("unstableCardiovascular", "aneurysmalVascular", "uncontrolledHypertension", "psychosisOrMania")) {
            again.locator("[data-key=" + question + "-false]").check();
        }
        again.locator("[data-key=record-screening]").click();
        assertThat(view.locator("#screening-newest")).containsText("by nurse: no contraindication.");
        assertThat(view.locator(".prestart-note")).hasCount(0);
        view.locator("button[data-to=INFUSING]").click();
        assertThat(view.locator("#session-phase")).hasText("Infusing");
        assertThat(view.locator("section.screening")).hasCount(0);
        assertThat(view.locator(".timeline-screening")).hasCount(2);
        assertThat(view.locator(".timeline-screening").nth(0)).containsText("Screened by nurse: uncontrolled hypertension · home readings 170s this week");
        assertThat(view.locator(".timeline-screening").nth(1)).containsText("Screened by nurse: no contraindication");
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }

    @Test
    void aProviderIsToldTheyMayClearAScreenedContraindication() {
        long session = checkedInUnscreened();
        TestClinic.screen(session, "psychosisOrMania");
        Page page = browser.loggedIn("provider", 1280, 1000);
        page.navigate(app + "#/session/" + session);
        Locator view = page.locator("#session-view");
        assertThat(view.locator(".prestart-note")).containsText("The screening lists active psychosis or mania: as a provider you may clear the start");
        view.locator("#transition-reason").fill("psychiatry reviewed this morning: no active symptoms");
        view.locator("button[data-to=INFUSING]").click();
        assertThat(view.locator("#session-phase")).hasText("Infusing");
        assertThat(view.locator(".timeline-transition")).containsText("provider clearance");
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }

    @Test
    void aCheckedInTileSaysWhatTheStartStillNeedsAsItIsRecorded() {
        long recliner = TestClinic.newRecliner();
        long session = TestClinic.nurse().body(TestClinic.sessionBody(TestClinic.newPatient(), recliner))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath().getLong("id");
        Page page = browser.loggedIn("nurse", 1280, 1000);
        Locator due = BoardBrowserTest.tile(page, recliner).locator(".due");
        assertThat(due).hasText("Before starting: screen for contraindications and chart baseline vitals");

        // each step arrives over the stream, the baseline by the reading alone
        TestClinic.chart(session, Map.of("systolic", 120, "diastolic", 80, "heartRate", 72, "spo2", 98));
        assertThat(due).hasText("Before starting: screen for contraindications");
        TestClinic.screen(session, "psychosisOrMania");
        assertThat(due).hasText("Screened, baseline charted; a provider must clear the start: the screening lists active psychosis or mania");
        assertThat(due).hasClass(Pattern.compile("\\bneeds-clearance\\b"));
        TestClinic.screen(session);
        assertThat(due).hasText("Screened, baseline charted: ready to start");
        assertThat(due).not().hasClass(Pattern.compile("\\bneeds-clearance\\b"));
        // a recheck at the pre-start limit is what the start would be judged on
        long recheck = TestClinic.chart(session, Map.of("systolic", 152, "diastolic", 88)).getLong("reading.id");
        assertThat(due).hasText("Screened, baseline charted; a provider must clear the start: blood pressure before the start"
                + " 152/88 mmHg is at or above the pre-start limit 140/90 mmHg");
        // the recheck was mistyped: its correction is judged instead
        TestClinic.nurse().body(Map.of("systolic", 132, "diastolic", 84, "reason", "typed 152 for 132"))
                .post("/api/readings/" + recheck + "/amendments").then().statusCode(201);
        assertThat(due).hasText("Screened, baseline charted: ready to start");
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }
}
