package org.chairside.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

/** A nurse moves a patient to a free recliner from the session view; every open board shows them in the new chair. */
@QuarkusTest
class MoveBrowserTest extends BrowserTest {

    @Test
    void aPatientMovedFromTheSessionViewAppearsInTheNewChairOnAnotherScreensBoard() {
        long session = TestClinic.infusingSession();
        long from = BoardBrowserTest.reclinerOf(session);
        TestClinic.chart(session, Map.of("systolic", 185, "diastolic", 95));
        String chair = TestClinic.unique("Window chair");
        long to = TestClinic.admin().body(Map.of("name", chair)).post("/api/recliners").then().statusCode(201).extract().jsonPath().getLong("id");

        Page station = browser.loggedIn("provider", 1920, 1080);
        assertThat(BoardBrowserTest.tile(station, from).locator(".alert-slot.prio-high")).hasCount(1);
        assertThat(BoardBrowserTest.tile(station, to).locator("[data-key=start]")).isVisible();

        Page page = browser.loggedIn("nurse", 1280, 1000);
        page.navigate(app + "#/session/" + session);
        Locator view = page.locator("#session-view");
        Locator form = view.locator("form.move-form");
        // nothing chosen: the server's rule shows next to the choice, and the patient stays
        form.locator("button[type=submit]").click();
        assertThat(form.locator("[data-error-for=reclinerId]")).containsText("is required");

        form.getByLabel("Move to recliner").selectOption(new SelectOption().setLabel(chair));
        form.getByLabel("Reason for the move").fill("nearer the station for observation");
        form.locator("button[type=submit]").click();
        assertThat(view.locator(".session-facts")).containsText(chair);
        assertThat(view.locator(".timeline-move")).containsText("to " + chair + " by nurse");
        assertThat(view.locator(".timeline-move")).containsText("nearer the station for observation");

        // the other screen's board, live: the patient, their trend and their alert in the new chair, the old one free
        Locator moved = BoardBrowserTest.tile(station, to);
        assertThat(moved.locator(".patient-name")).isVisible();
        assertThat(moved.locator(".alert-slot.prio-high")).hasCount(1);
        assertThat(moved.locator("[data-vital=bp] .value")).hasText("185/95");
        assertThat(BoardBrowserTest.tile(station, from).locator("[data-key=start]")).isVisible();
        assertThat(BoardBrowserTest.tile(station, from).locator(".patient-name")).hasCount(0);
        assertEquals(List.of(), browser.errors);
        page.context().close();
        station.context().close();
    }
}
