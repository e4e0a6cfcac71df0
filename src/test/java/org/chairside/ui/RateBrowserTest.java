package org.chairside.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

/** A nurse slows the pump from the session view; the rate, the dose given and the timeline follow, on every screen. */
@QuarkusTest
class RateBrowserTest extends BrowserTest {

    @Test
    void aNurseSlowsThePumpAndAnotherScreenSeesTheNewRate() {
        long session = TestClinic.infusingSession();
        Page page = browser.loggedIn("nurse", 1280, 1000);
        page.navigate(app + "#/session/" + session);
        Locator view = page.locator("#session-view");
        assertThat(view.locator("#session-pump")).containsText("Rate 0.75 mg/kg/h");
        assertThat(view.locator("#session-pump")).containsText("of 0.5 mg/kg given");
        assertThat(view.locator("#session-pump")).containsText("planned dose at");

        Page other = browser.loggedIn("provider", 1280, 1000);
        other.navigate(app + "#/session/" + session);
        assertThat(other.locator("#session-pump")).containsText("Rate 0.75 mg/kg/h");

        Locator form = view.locator("form.rate-form");
        form.getByLabel("New rate (mg/kg/h)").fill("fast");
        form.locator("button[type=submit]").click();
        assertThat(form.locator("[data-error-for=mgPerKgPerHour]")).not().isEmpty();
        form.getByLabel("New rate (mg/kg/h)").fill("0.375");
        form.getByLabel("Reason for the rate change").fill("BP 168/98, slowed to half");
        form.locator("button[type=submit]").click();

        assertThat(view.locator("#session-pump")).containsText("Rate 0.375 mg/kg/h (protocol 0.75)");
        assertThat(view.locator(".timeline-rate")).containsText("Rate set to 0.375 mg/kg/h by nurse · reason: BP 168/98, slowed to half");
        // the other screen redraws on the session's event, without a reload
        assertThat(other.locator("#session-pump")).containsText("Rate 0.375 mg/kg/h (protocol 0.75)");
        assertEquals(0.375f, TestClinic.nurse().get("/api/sessions/" + session + "/dose").then().statusCode(200)
                .extract().jsonPath().getFloat("rateMgPerKgPerHour"));

        // once the infusion has ended there is no rate to set
        view.locator("button[data-to=RECOVERY]").click();
        assertThat(view.locator("#session-phase")).hasText("Recovery");
        assertThat(view.locator("form.rate-form")).hasCount(0);
        assertThat(view.locator("#session-pump")).containsText("pump stopped");
        assertEquals(List.of(), browser.errors);
        page.context().close();
        other.context().close();
    }
}
