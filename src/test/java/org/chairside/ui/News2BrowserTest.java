package org.chairside.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.chairside.TestClinic.nurse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

/** A nurse charts oxygen and consciousness from the board; the chair and the session view show the NEWS2 it makes. */
@QuarkusTest
class News2BrowserTest extends BrowserTest {

    @Test
    void aCompleteSetChartedOnTheBoardShowsItsScoreAndItsAlert() {
        long session = TestClinic.infusingSession();
        long recliner = BoardBrowserTest.reclinerOf(session);
        Page page = browser.loggedIn("nurse", 1920, 1080);
        Locator tile = BoardBrowserTest.tile(page, recliner);
        // the infusing session's readings carry no oxygen or consciousness: no score yet
        assertThat(tile.locator("[data-vital=news2] .value")).hasText("–");

        tile.locator("button.chart-open").click();
        tile.getByLabel("Systolic").fill("122");
        tile.getByLabel("Diastolic").fill("80");
        tile.getByLabel("Heart rate").fill("80");
        tile.getByLabel("SpO2 %").fill("96");
        tile.getByLabel("Resp. rate").fill("22");
        tile.getByLabel("Temp °C").fill("37.0");
        tile.getByLabel("Oxygen").selectOption("true");
        tile.getByLabel("Consciousness").selectOption("VOICE");
        tile.locator("form.chart-form button[type=submit]").click();

        // respiration 22 (2), supplemental oxygen (2), responds to voice (3): 7, every vital inside its own limits
        assertThat(tile.locator(".chart-form")).hasCount(0);
        assertThat(tile.locator("[data-vital=news2] .value")).hasText("7");
        assertThat(tile.locator("[data-vital=news2] .unit")).containsText("high");
        assertThat(tile.locator(".alert-slot .alert-label")).hasText("NEWS2 early warning score");
        assertThat(tile.locator(".alert-slot.prio-high")).hasCount(1);
        Map<String, Object> stored = nurse().get("/api/sessions/" + session + "/readings").then().statusCode(200)
                .extract().jsonPath().getMap("[-1]");
        assertEquals(true, stored.get("onOxygen"));
        assertEquals("VOICE", stored.get("consciousness"));

        page.navigate(app + "#/session/" + session);
        Locator row = page.locator("table.readings tbody tr").last();
        assertThat(row.locator("td.news2")).hasText("7 (high: emergency response)");
        assertThat(row.locator("td.news2.band-high")).hasCount(1);
        assertThat(row).containsText("Responds to voice");
        // an earlier reading without oxygen or consciousness is no NEWS2 set: its cell stays empty
        assertThat(page.locator("table.readings tbody tr").first().locator("td.news2")).hasText("");
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }

    @Test
    void anIncompleteSetSaysWhatTheScoreStillNeeds() {
        long session = TestClinic.infusingSession();
        TestClinic.chart(session, Map.of("heartRate", 76, "consciousness", "ALERT"));
        Page page = browser.loggedIn("nurse", 1280, 900);
        page.navigate(app + "#/session/" + session);
        Locator row = page.locator("table.readings tbody tr").last();
        assertThat(row.locator("td.news2")).hasText("no score: needs resp. rate, SpO2, oxygen, BP, temp");
        assertEquals(List.of(), browser.errors);
        page.context().close();
    }
}
