package org.chairside.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

/** An admin takes a recliner out of service and back, and renames one, on the admin screen, in Chromium. */
@QuarkusTest
class ReclinerAdminBrowserTest extends BrowserTest {

    private static String nameOf(long recliner) {
        return TestClinic.admin().get("/api/recliners").then().extract().jsonPath().getString("find { it.id == " + recliner + " }.name");
    }

    @Test
    void aChairOutOfServiceLeavesTheBoardAndComesBack() {
        long chair = TestClinic.newRecliner();
        String name = nameOf(chair);
        Page page = browser.loggedIn("admin", 1600, 1000);
        assertThat(page.locator("#tile-" + chair)).isVisible();
        page.locator("nav a[data-nav=admin]").click();

        page.onceDialog(dialog -> dialog.accept("armrest cracked"));
        page.locator("button[aria-label='Take " + name + " out of service']").click();
        Locator item = page.locator("ul.recliners li[data-recliner='" + name + "']");
        assertThat(item.locator(".recliner-status")).containsText("out of service since");
        assertThat(item.locator(".recliner-status")).containsText("(armrest cracked)");
        assertThat(page.locator("table.audit tbody tr").first()).containsText("out of service");
        page.locator("nav a[data-nav=board]").click();
        assertThat(page.locator("#tile-" + chair)).hasCount(0);

        page.locator("nav a[data-nav=admin]").click();
        page.locator("button[aria-label='Return " + name + " to service']").click();
        assertThat(item.locator(".recliner-status")).hasText(" · free");
        page.locator("nav a[data-nav=board]").click();
        assertThat(page.locator("#tile-" + chair)).isVisible();
        page.context().close();
        assertEquals(List.of(), browser.errors);
    }

    @Test
    void anOpenBoardDropsAChairTakenOutOfServiceAndShowsItAgainWithoutAReload() {
        Page board = browser.loggedIn("nurse", 1600, 1000);
        long chair = TestClinic.newRecliner();
        assertThat(board.locator("#tile-" + chair)).isVisible();
        TestClinic.admin().body(java.util.Map.of("reason", "repair")).post("/api/recliners/" + chair + "/out-of-service").then().statusCode(200);
        assertThat(board.locator("#tile-" + chair)).hasCount(0);
        String renamed = TestClinic.unique("Corner bay");
        TestClinic.admin().body(java.util.Map.of("name", renamed)).put("/api/recliners/" + chair).then().statusCode(200);
        TestClinic.admin().post("/api/recliners/" + chair + "/in-service").then().statusCode(200);
        assertThat(board.locator("#tile-title-" + chair)).hasText(renamed);
        board.context().close();
        assertEquals(List.of(), browser.errors);
    }

    @Test
    void aRenameTakesANameAnotherChairHasNot() {
        long chair = TestClinic.newRecliner();
        String name = nameOf(chair);
        String taken = nameOf(TestClinic.newRecliner());
        Page page = browser.loggedIn("admin", 1600, 1000);
        page.locator("nav a[data-nav=admin]").click();

        page.onceDialog(dialog -> dialog.accept(taken));
        page.locator("button[aria-label='Rename " + name + "']").click();
        assertThat(page.locator("#recliner-error")).containsText("already exists");

        String renamed = TestClinic.unique("Window bay");
        page.onceDialog(dialog -> dialog.accept(renamed));
        page.locator("button[aria-label='Rename " + name + "']").click();
        assertThat(page.locator("ul.recliners li[data-recliner='" + renamed + "']")).isVisible();
        page.locator("nav a[data-nav=board]").click();
        assertThat(page.locator("#tile-title-" + chair)).hasText(renamed);
        page.context().close();
        assertEquals(List.of(), browser.errors);
    }
}
