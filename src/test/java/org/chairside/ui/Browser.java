package org.chairside.ui;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import org.chairside.TestClinic;

/**
 * The system Chromium driven by Playwright, as stack-notes.md prescribes: never a downloaded browser.
 * Collects page errors so a test fails on any script error, not just on a missing element.
 */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;
    final URL app;
    final List<String> errors = new CopyOnWriteArrayList<>();

    Browser(URL app) {
        this.app = app;
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get("/usr/bin/chromium"))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    /** A fresh browser profile (own cookies) with a page at the given size. */
    Page page(int width, int height) {
        BrowserContext context = browser.newContext(new NewContextOptions().setViewportSize(width, height));
        return watched(context.newPage());
    }

    /** Another tab of the same browser profile: it shares the first one's login cookie. */
    Page tab(Page sameProfile) {
        return watched(sameProfile.context().newPage());
    }

    private Page watched(Page page) {
        page.setDefaultTimeout(10_000);
        page.onPageError(e -> errors.add("page error: " + e));
        page.onConsoleMessage(m -> {
            // Failed network requests while a test cuts the connection on purpose are expected noise.
            if ("error".equals(m.type()) && !m.text().contains("net::ERR") && !m.text().startsWith("Failed to load resource")) {
                errors.add("console: " + m.text());
            }
        });
        return page;
    }

    Page loggedIn(String user, int width, int height) {
        Page page = page(width, height);
        page.navigate(app.toString());
        login(page, user);
        return page;
    }

    void login(Page page, String user) {
        login(page, user, user.equals("admin") ? "admin-test-pw" : TestClinic.PASSWORD);
    }

    void login(Page page, String user, String password) {
        login(page, user, password, true);
    }

    /** Fills the login form and sends it; waits for the live board only if the login is to succeed. */
    void login(Page page, String user, String password, boolean succeeds) {
        page.locator("#login-username").fill(user);
        page.locator("#login-password").fill(password);
        page.locator("#login-password").press("Enter");
        if (!succeeds) {
            return;
        }
        page.locator("#current-user").waitFor();
        page.locator("#live-status[data-state=live]").waitFor();
    }

    static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // What the screen shows, not the whole page: by the browser tests the board holds every recliner the suite
        // created, and a full-page capture of hundreds of flashing tiles outran Playwright's timeout.
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setTimeout(30_000));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
