package org.chairside.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LoginBrowserTest extends BrowserTest {
    @Test
    void wrongPasswordIsRefusedInWords() {
        Page page = browser.page(1920, 1080);
        page.navigate(app.toString());
        page.locator("#login-username").fill("nurse");
        page.locator("#login-password").fill("not-the-password");
        page.locator("#login-password").press("Enter");
        assertThat(page.locator("#login-error")).hasText("Wrong username or password.");
        assertThat(page.locator("#current-user")).hasCount(0);
        page.context().close();
        assertEquals(java.util.List.of(), browser.errors);
    }

    @Test
    void tooManyWrongPasswordsAreRefusedInWordsUntilTheLockRunsOut() {
        String user = org.chairside.TestClinic.unique("locked").toLowerCase();
        org.chairside.TestClinic.admin().body(java.util.Map.of("username", user, "password", "right-password-1", "roles", java.util.List.of("NURSE")))
                .post("/api/users").then().statusCode(201);
        Page page = browser.page(1920, 1080);
        page.navigate(app.toString());
        for (int i = 0; i < 5; i++) {
            browser.login(page, user, "wrong-password-" + i, false);
            assertThat(page.locator("#login-error")).hasText("Wrong username or password.");
        }
        browser.login(page, user, "right-password-1", false);
        assertThat(page.locator("#login-error")).containsText("Too many wrong passwords for this username from this address: try again after");
        assertThat(page.locator("#current-user")).hasCount(0);
        page.context().close();
        assertEquals(java.util.List.of(), browser.errors);
    }

    @Test
    void loginShowsWhoIsLoggedInAndLogoutEndsTheLogin() {
        Page page = browser.loggedIn("nurse", 1920, 1080);
        assertThat(page.locator("#current-user")).containsText("nurse");
        assertThat(page.locator("#live-status")).hasText("Live");
        assertThat(page.locator("nav a[data-nav=admin]")).hasCount(0);
        assertTrue(page.context().cookies().stream().anyMatch(c -> c.name.equals("quarkus-credential")));
        java.util.List<com.microsoft.playwright.options.Cookie> copy = page.context().cookies();

        page.locator("#logout").click();
        assertThat(page.locator("#login-error")).hasText("You are logged out.");
        assertTrue(page.context().cookies().stream().noneMatch(c -> c.name.equals("quarkus-credential")),
                "the login cookie is gone");
        // A reload stays logged out: the server no longer knows this browser.
        page.reload();
        assertThat(page.locator("#login-username")).isVisible();
        assertEquals(401, page.request().get(app + "api/me").status());
        // nor does a copy of the cookies taken before the logout: the login ended on the server
        page.context().addCookies(copy);
        assertEquals(401, page.request().get(app + "api/me").status());
        page.context().close();
        assertEquals(java.util.List.of(), browser.errors);
    }

    @Test
    void loggingOutInOneTabLogsOutTheOtherTabs() {
        Page first = browser.loggedIn("provider", 1280, 800);
        Page second = browser.tab(first);
        second.navigate(app.toString());
        assertThat(second.locator("#live-status")).hasText("Live");

        first.locator("#logout").click();
        assertThat(first.locator("#login-error")).hasText("You are logged out.");
        // The server cuts the user's streams with the login; the other tab's stream is refused on its way back,
        // and that page asks for a login instead of going on showing the clinic's patients.
        assertThat(second.locator("#login-error")).containsText("no longer logged in");
        assertThat(second.locator("#login-username")).isVisible();
        assertThat(second.locator("#current-user")).hasCount(0);
        first.context().close();
        assertEquals(java.util.List.of(), browser.errors);
    }

    @Test
    void adminSeesTheAdminScreen() {
        Page page = browser.loggedIn("admin", 1920, 1080);
        page.locator("nav a[data-nav=admin]").click();
        assertThat(page.locator("#adm-rec")).hasText("Recliners");
        assertThat(page.locator("#adm-users")).hasText("Users and roles");
        assertThat(page.locator("#adm-thr")).hasText("Clinic threshold defaults");
        assertThat(page.locator(".users")).containsText("provider");
        page.context().close();
        assertEquals(java.util.List.of(), browser.errors);
    }
}
