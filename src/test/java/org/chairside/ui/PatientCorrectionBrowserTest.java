package org.chairside.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

/** A nurse corrects a patient's details on the patient's page, in Chromium. */
@QuarkusTest
class PatientCorrectionBrowserTest extends BrowserTest {

    @Test
    void aNurseCorrectsTheFamilyNameWithTheRulesShownByTheField() {
        long id = TestClinic.newPatient();
        Page page = browser.loggedIn("nurse", 1600, 1000);
        page.navigate(app + "#/patient/" + id);
        assertThat(page.locator("#patient-view h1")).containsText("Test Patient");
        page.locator("#correct-patient").click();

        Locator form = page.locator("#patient-correction");
        form.locator("input[name=familyName]").fill("");
        form.locator("button[type=submit]").click();
        assertThat(form.locator("[data-error-for=familyName]")).not().isEmpty();
        Browser.screenshot(page, "patient-correction");

        form.locator("input[name=familyName]").fill("Okonkwo-Smith");
        form.locator("button[type=submit]").click();
        assertThat(page.locator("#patient-view h1")).containsText("Test Okonkwo-Smith");
        assertThat(page.locator("#patient-correction")).hasCount(0);
        page.context().close();
        assertEquals(List.of(), browser.errors);
    }

    @Test
    void anAdminWithoutAClinicalRoleIsNotOfferedTheCorrection() {
        long id = TestClinic.newPatient();
        Page page = browser.loggedIn("admin", 1600, 1000);
        page.navigate(app + "#/patient/" + id);
        assertThat(page.locator("#patient-view h1")).containsText("Test Patient");
        assertThat(page.locator("#correct-patient")).hasCount(0);
        page.context().close();
        assertEquals(List.of(), browser.errors);
    }
}
