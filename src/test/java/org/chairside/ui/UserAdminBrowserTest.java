package org.chairside.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.chairside.TestClinic.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

/** The admin screen's user management, and a user changing their own password, in Chromium. */
@QuarkusTest
class UserAdminBrowserTest extends BrowserTest {
    private static final String PASSWORD = "browser-user-pw-1";

    private static String newUser(String... roles) {
        String name = TestClinic.unique("ui").toLowerCase();
        admin().body(Map.of("username", name, "password", PASSWORD, "roles", List.of(roles))).post("/api/users")
                .then().statusCode(201);
        return name;
    }

    private Page loggedIn(String user, String password) {
        Page page = browser.page(1600, 1000);
        page.navigate(app.toString());
        browser.login(page, user, password);
        return page;
    }

    private static Locator manage(Page admin, String user) {
        admin.locator("nav a[data-nav=admin]").click();
        admin.locator("button[aria-label='Manage " + user + "']").click();
        return admin.locator("section.user-editor");
    }

    @Test
    void disablingAUserSendsTheirOpenDashboardToTheLoginAndKeepsThemOut() {
        String leaver = newUser("NURSE");
        Page theirs = loggedIn(leaver, PASSWORD);
        Page adminPage = browser.loggedIn("admin", 1600, 1000);
        Locator editor = manage(adminPage, leaver);
        adminPage.onceDialog(dialog -> dialog.accept());
        editor.locator("button", new Locator.LocatorOptions().setHasText("Disable user")).click();

        assertThat(adminPage.locator("tr[data-user='" + leaver + "'] .user-status")).containsText("disabled");
        assertThat(adminPage.locator("tr[data-user='" + leaver + "'] .user-status")).containsText("by admin");
        assertThat(adminPage.locator("section.user-editor button", new Page.LocatorOptions().setHasText("Enable user"))).isVisible();
        // the trail below shows it at once, newest first
        Locator newest = adminPage.locator("table.audit tbody tr").first();
        assertThat(newest).containsText("disable");
        assertThat(newest).containsText("admin");
        // their open board is cut off and asks for a login, which no longer works
        assertThat(theirs.locator("#login-error")).containsText("no longer logged in");
        browser.login(theirs, leaver, PASSWORD, false);
        assertThat(theirs.locator("#login-error")).hasText("Wrong username or password.");

        adminPage.locator("section.user-editor button", new Page.LocatorOptions().setHasText("Enable user")).click();
        assertThat(adminPage.locator("tr[data-user='" + leaver + "'] .user-status")).hasText("active");
        browser.login(theirs, leaver, PASSWORD);
        assertThat(theirs.locator("#current-user")).containsText(leaver);
        theirs.context().close();
        adminPage.context().close();
        assertEquals(List.of(), browser.errors);
    }

    @Test
    void anAdminChangesRolesAndSetsAPasswordWithTheRulesShownByTheField() {
        String user = newUser("NURSE");
        Page adminPage = browser.loggedIn("admin", 1600, 1000);
        Locator editor = manage(adminPage, user);
        editor.locator("#edit-role-NURSE").uncheck();
        editor.locator("button", new Locator.LocatorOptions().setHasText("Save roles")).click();
        assertThat(editor.locator("[data-error-for=roles]")).containsText("needs at least one");

        editor.locator("#edit-role-PROVIDER").check();
        editor.locator("button", new Locator.LocatorOptions().setHasText("Save roles")).click();
        assertThat(adminPage.locator("tr[data-user='" + user + "'] td").nth(2)).hasText("provider");

        Locator editorAgain = adminPage.locator("section.user-editor");
        editorAgain.locator("input[name=password]").fill("short");
        editorAgain.locator("button", new Locator.LocatorOptions().setHasText("Set password")).click();
        assertThat(editorAgain.locator("[data-error-for=password]")).hasText("must be 10 characters to 72 bytes (UTF-8: a letter such as é takes 2 bytes, most other scripts 3)");
        editorAgain.locator("input[name=password]").fill("set-by-admin-pw");
        editorAgain.locator("button", new Locator.LocatorOptions().setHasText("Set password")).click();
        assertThat(editorAgain.locator("[role=status]")).containsText("old password no longer works");
        Browser.screenshot(adminPage, "admin-1600x1000");

        Page theirs = loggedIn(user, "set-by-admin-pw");
        assertThat(theirs.locator("#current-user")).containsText("provider");
        theirs.context().close();
        adminPage.context().close();
        assertEquals(List.of(), browser.errors);
    }

    @Test
    void theAuditTrailShowsWhatChangedFilteredByWhatItWasAbout() {
        String chair = TestClinic.unique("Trail chair");
        admin().body(Map.of("name", chair)).post("/api/recliners").then().statusCode(201);
        newUser("NURSE");
        Page adminPage = browser.loggedIn("admin", 1600, 1000);
        adminPage.locator("nav a[data-nav=admin]").click();
        assertThat(adminPage.locator("#adm-audit")).hasText("Audit trail");
        assertThat(adminPage.locator("table.audit tbody tr").first()).containsText("user");

        adminPage.locator("#audit-entity").selectOption("recliner");
        assertThat(adminPage.locator("table.audit tbody tr").first()).containsText(chair);
        for (String what : adminPage.locator("table.audit tbody td:nth-child(4)").allTextContents()) {
            org.junit.jupiter.api.Assertions.assertTrue(what.startsWith("recliner"), what);
        }
        assertThat(adminPage.locator("#audit-count")).containsText("newest first");
        adminPage.context().close();
        assertEquals(List.of(), browser.errors);
    }

    @Test
    void anAdminCannotDisableThemselvesFromTheScreen() {
        Page adminPage = browser.loggedIn("admin", 1600, 1000);
        Locator editor = manage(adminPage, "admin");
        assertThat(editor.locator("button", new Locator.LocatorOptions().setHasText("Disable user"))).isDisabled();
        assertThat(editor).containsText("Another admin has to");
        adminPage.context().close();
        assertEquals(List.of(), browser.errors);
    }

    @Test
    void aUserChangesTheirOwnPasswordAndLogsInWithTheNewOne() {
        String user = newUser("NURSE", "PROVIDER");
        Page page = loggedIn(user, PASSWORD);
        page.locator("#change-password").click();
        Locator dialog = page.locator("#password-dialog");
        dialog.locator("input[name=currentPassword]").fill("not-my-password");
        dialog.locator("input[name=newPassword]").fill("my-new-password-2");
        dialog.locator("button[type=submit]").click();
        assertThat(dialog.locator("[data-error-for=currentPassword]")).hasText("does not match your current password");

        dialog.locator("input[name=currentPassword]").fill(PASSWORD);
        dialog.locator("button[type=submit]").click();
        assertThat(dialog.locator("[role=status]")).containsText("Your password is changed");
        dialog.locator("button", new Locator.LocatorOptions().setHasText("Done")).click();
        assertThat(dialog).hasCount(0);
        // still logged in here: the board stays live
        assertThat(page.locator("#live-status")).hasText("Live");

        page.locator("#logout").click();
        browser.login(page, user, PASSWORD, false);
        assertThat(page.locator("#login-error")).hasText("Wrong username or password.");
        browser.login(page, user, "my-new-password-2");
        assertThat(page.locator("#current-user")).isVisible();
        page.context().close();
        assertEquals(List.of(), browser.errors);
    }
}
