package org.chairside.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.chairside.TestClinic.nurse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

/** A nurse scores sedation and the discharge score on the session view, and discharges once the score and the observation time allow it. */
@QuarkusTest
class AssessmentBrowserTest extends BrowserTest {

    @Test
    void aNurseRecordsASedationScoreThenTheAldreteItemsAndDischarges() {
        long session = TestClinic.infusingSession();
        Page page = browser.loggedIn("nurse", 1280, 1000);
        page.navigate(app + "#/session/" + session);
        Locator view = page.locator("#session-view");
        Locator form = view.locator("form.assessment-form");

        form.getByLabel("Scale").selectOption("MOAA_S");
        form.getByLabel("Score").fill("7");
        form.locator("button[type=submit]").click();
        assertThat(form.locator("[data-error-for=score]")).containsText("must be 0 to 5");
        form.getByLabel("Score").fill("4");
        form.getByLabel("Note").fill("drowsy, opens eyes to name");
        form.locator("button[type=submit]").click();
        assertThat(view.locator("table.assessments tbody tr")).hasCount(1);
        assertThat(view.locator("table.assessments tbody tr").first()).containsText("MOAA/S sedation (0-5)");
        assertThat(view.locator("table.assessments tbody tr").first()).containsText("drowsy, opens eyes to name");

        view.locator("button[data-to=RECOVERY]").click();
        assertThat(view.locator("#session-phase")).hasText("Recovery");
        // the page says what a discharge needs before anyone presses the button
        assertThat(view.locator(".prestart-note")).containsText("modified Aldrete score of at least 9");
        int readingsBefore = view.locator("table.readings tbody tr").count();
        view.locator("button[data-to=DISCHARGED]").click();
        assertThat(view.locator("form.transitions .form-error")).containsText("Discharge needs a modified Aldrete score of at least 9");
        // a reading charted elsewhere redraws the view live: the refusal stays said until the nurse acts again
        TestClinic.chart(session, Map.of("systolic", 118, "diastolic", 76, "heartRate", 72, "spo2", 98));
        assertThat(view.locator("table.readings tbody tr")).hasCount(readingsBefore + 1);
        assertThat(view.locator("form.transitions .form-error")).containsText("Discharge needs a modified Aldrete score of at least 9");

        form = view.locator("form.assessment-form");
        form.getByLabel("Scale").selectOption("ALDRETE");
        assertThat(form.getByLabel("Score")).isHidden();
        for (String item : List.of("Activity", "Respiration", "Circulation", "SpO2")) {
            form.getByLabel(item).selectOption("2");
        }
        form.getByLabel("Consciousness").selectOption("1");
        form.locator("button[type=submit]").click();
        assertThat(view.locator("table.assessments tbody tr")).hasCount(2);
        assertThat(view.locator("table.assessments tbody tr").last()).containsText("9");
        assertThat(view.locator(".prestart-note")).hasCount(0);

        view.locator("button[data-to=DISCHARGED]").click();
        assertThat(view.locator("#session-phase")).hasText("Discharged");
        assertEquals("DISCHARGED", nurse().get("/api/sessions/" + session).then().extract().jsonPath().getString("state"));
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }

    @Test
    void aDeepSedationScoreSoundsOnTheBoardLikeALowSpo2() {
        long session = TestClinic.infusingSession();
        long recliner = BoardBrowserTest.reclinerOf(session);
        Page page = browser.loggedIn("nurse", 1920, 1080);
        page.navigate(app + "#/session/" + session);
        Locator form = page.locator("#session-view form.assessment-form");
        form.getByLabel("Scale").selectOption("RASS");
        form.getByLabel("Score").fill("-4");
        form.locator("button[type=submit]").click();
        assertThat(page.locator("#session-view table.assessments tbody tr")).hasCount(1);
        // every screen's banner of HIGH alerts, this one's included
        assertThat(page.locator(".banner-item[data-session-id='" + session + "'] .banner-message"))
                .hasText("RASS -4: no response to voice, moves only when touched");

        page.locator("nav a[data-nav=board]").click();
        Locator tile = BoardBrowserTest.tile(page, recliner);
        assertThat(tile.locator(".alert-slot .alert-label")).hasText("Sedation deeper than intended");
        assertThat(tile.locator(".alert-slot.prio-high")).hasCount(1);
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }

    /** A reading charted while a nurse filled in the form redrew the session view and emptied the form. */
    @Test
    void aScoreHalfRecordedSurvivesTheLiveRedrawWithItsError() {
        long session = TestClinic.infusingSession();
        Page page = browser.loggedIn("nurse", 1280, 1000);
        page.navigate(app + "#/session/" + session);
        Locator view = page.locator("#session-view");
        Locator form = view.locator("form.assessment-form");
        Locator readings = view.locator("table.readings tbody tr");
        assertThat(readings.first()).isVisible();
        int charted = readings.count();

        form.getByLabel("Scale").selectOption("MOAA_S");
        form.getByLabel("Score").fill("7");
        form.locator("button[type=submit]").click();
        assertThat(form.locator("[data-error-for=score]")).containsText("must be 0 to 5");
        TestClinic.chart(session, Map.of("systolic", 118, "diastolic", 76, "heartRate", 72, "spo2", 98));
        assertThat(readings).hasCount(++charted, new LocatorAssertions.HasCountOptions().setTimeout(10_000));
        assertThat(form.getByLabel("Score")).hasValue("7");
        assertThat(form.locator("[data-error-for=score]")).containsText("must be 0 to 5");

        form.getByLabel("Scale").selectOption("ALDRETE");
        form.getByLabel("Activity").selectOption("2");
        form.getByLabel("Note").fill("still drowsy");
        page.evaluate("document.activeElement.blur()"); // nobody typing: the view is redrawn at once
        TestClinic.chart(session, Map.of("systolic", 116, "diastolic", 74, "heartRate", 70, "spo2", 98));
        assertThat(readings).hasCount(++charted, new LocatorAssertions.HasCountOptions().setTimeout(10_000));
        assertThat(form.getByLabel("Scale")).hasValue("ALDRETE");
        assertThat(form.getByLabel("Activity")).isVisible();
        assertThat(form.getByLabel("Activity")).hasValue("2");
        assertThat(form.getByLabel("Score")).isHidden();
        assertThat(form.getByLabel("Note")).hasValue("still drowsy");

        // recorded, the form starts empty again and the redraw puts nothing back
        for (String item : List.of("Respiration", "Circulation", "SpO2", "Consciousness")) {
            form.getByLabel(item).selectOption("2");
        }
        form.locator("button[type=submit]").click();
        assertThat(view.locator("table.assessments tbody tr")).hasCount(1);
        assertThat(form.getByLabel("Scale")).hasValue("");
        assertThat(form.getByLabel("Note")).hasValue("");
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }

    @Test
    void anEsketaminePatientIsHeldUntilTwoHoursAfterTheDoseAndTheNurseIsToldUntilWhen() {
        long session = TestClinic.esketamineInRecovery("esketamine 84 mg nasal", 30);
        Page page = browser.loggedIn("nurse", 1280, 1000);
        page.navigate(app + "#/session/" + session);
        Locator view = page.locator("#session-view");
        assertThat(view.locator(".prestart-note")).containsText("Observe until");
        assertThat(view.locator(".prestart-note")).containsText("120 min of observation after an esketamine dose (Spravato REMS)");
        view.locator("button[data-to=DISCHARGED]").click();
        assertThat(view.locator("form.transitions .form-error")).containsText("Spravato REMS");
        assertThat(view.locator("#session-phase")).hasText("Recovery");

        TestClinic.dosedAgo(session, 121);
        page.reload();
        assertThat(view.locator("#session-phase")).hasText("Recovery");
        assertThat(view.locator(".prestart-note")).hasCount(0);
        view.locator("button[data-to=DISCHARGED]").click();
        assertThat(view.locator("#session-phase")).hasText("Discharged");
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }

    @Test
    void aProviderAsksForObservationAfterTheInfusionAndTheNurseSeesUntilWhen() {
        long session = TestClinic.esketamineInRecovery("ketamine", 45);
        Page page = browser.loggedIn("provider", 1280, 1000);
        page.navigate(app + "#/session/" + session);
        Locator view = page.locator("#session-view");
        assertThat(view.locator("#session-phase")).hasText("Recovery");
        assertThat(view.locator(".prestart-note")).hasCount(0);
        Locator minutes = view.getByLabel("Observe (min) after the infusion before discharge (0: no minimum)");
        assertThat(minutes).hasValue("0");
        minutes.fill("600");
        view.locator("button:text('Save thresholds')").click();
        assertThat(view.locator("[data-error-for='discharge.recoveryMinutesAtLeast']")).containsText("must be a whole number from 0 to 480");
        minutes.fill("45");
        view.locator("button:text('Save thresholds')").click();
        assertThat(view.locator(".prestart-note")).containsText("45 min of observation after the infusion ended");
        assertThat(view.locator(".prestart-note")).containsText("as a provider you may discharge earlier with a reason");
        assertEquals(45, nurse().get("/api/sessions/" + session + "/thresholds").then().extract().jsonPath().getInt("effective.discharge.recoveryMinutesAtLeast"));
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }
}
