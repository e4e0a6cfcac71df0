package org.chairside.ui;

import java.net.URL;

import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import org.chairside.TestClinic;

/** One Chromium per test class, the users in place, and the page's script errors collected per test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTest {
    @TestHTTPResource("/")
    URL app;

    Browser browser;

    @BeforeAll
    void start() {
        browser = new Browser(app);
    }

    @BeforeEach
    void users() {
        // Here, not in @BeforeAll: RestAssured points at the test instance only once a test runs.
        TestClinic.ensureUsers();
        browser.errors.clear();
    }

    @AfterAll
    void stop() {
        browser.close();
    }
}
