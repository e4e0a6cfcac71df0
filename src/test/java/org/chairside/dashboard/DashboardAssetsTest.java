package org.chairside.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.io.InputStream;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

/**
 * The dashboard's files: served without a login, typed, revalidated on every load (no-cache with an ETag, 304 while
 * unchanged), and nothing outside them.
 */
@QuarkusTest
class DashboardAssetsTest {
    private static byte[] source(String file) throws IOException {
        try (InputStream in = DashboardAssetsTest.class.getClassLoader().getResourceAsStream("dashboard/" + file)) {
            return in.readAllBytes();
        }
    }

    @Test
    void thePagesAndTheirFilesAreServedWithoutALoginAsTheyAreWritten() throws IOException {
        for (String[] f : new String[][] {{"/", "index.html", "text/html;charset=UTF-8"}, {"/login.html", "login.html", "text/html;charset=UTF-8"},
                {"/assets/js/main.js", "assets/js/main.js", "text/javascript;charset=UTF-8"}, {"/assets/app.css", "assets/app.css", "text/css;charset=UTF-8"},
                {"/assets/sounds/alarm-high.wav", "assets/sounds/alarm-high.wav", "audio/wav"}}) {
            byte[] body = given().get(f[0]).then().statusCode(200)
                    .header("Content-Type", equalTo(f[2]))
                    .header("Cache-Control", equalTo("no-cache"))
                    .header("ETag", matchesPattern("\"[0-9a-f]{24}\""))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .extract().asByteArray();
            assertArrayEquals(source(f[1]), body, f[0]);
        }
    }

    @Test
    void anUnchangedFileIsA304AndAHeadHasNoBody() {
        String etag = given().get("/assets/js/board.js").then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).get("/assets/js/board.js").then().statusCode(304).body(emptyString());
        given().header("If-None-Match", "\"something-else\"").get("/assets/js/board.js").then().statusCode(200);
        given().head("/login.html").then().statusCode(200).header("Content-Type", containsString("text/html"))
                .header("Content-Length", not(equalTo("0"))).body(emptyString());
    }

    @Test
    void nothingOutsideTheDashboardsFilesIsServed() {
        for (String path : new String[] {"/assets/nope.js", "/assets/../application.properties", "/assets/%2e%2e/application.properties",
                "/assets/js/%2e%2e/%2e%2e/application.properties", "/application.properties", "/dashboard/index.html",
                "/META-INF/resources/index.html", "/assets/.hidden"}) {
            // without a login the paths outside the public ones are refused first; with one, they are not found
            given().urlEncodingEnabled(false).get(path).then().statusCode(anyOf(equalTo(401), equalTo(404))).body(not(containsString("quarkus.")));
            TestClinic.nurse().urlEncodingEnabled(false).get(path).then().statusCode(404).body(not(containsString("quarkus.")));
        }
        given().post("/login.html").then().statusCode(not(equalTo(200))).statusCode(org.hamcrest.Matchers.lessThan(500));
    }
}
