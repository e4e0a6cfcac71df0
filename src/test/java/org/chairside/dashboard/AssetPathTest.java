package org.chairside.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which request paths name a file of the dashboard, and with which type it is sent. */
class AssetPathTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "/, index.html",
            "/index.html, index.html",
            "/login.html, login.html",
            "/assets/js/main.js, assets/js/main.js",
            "/assets/sounds/alarm-high.wav, assets/sounds/alarm-high.wav",
            "/assets/app.css, assets/app.css",
            "/assets/, none",
            "/assets, none",
            "/assets//app.css, none",
            "/assets/../application.properties, none",
            "/assets/js/../../application.properties, none",
            "/assets/.hidden, none",
            "/assets/a..b.js, none",
            "/assets/js/main.js?x=1, none",
            "/application.properties, none",
            "/dashboard/index.html, none",
            "/index.htm, none",
            "'', none",
            "none, none"})
    void namesOnlyThePagesOwnFiles(String path, String file) {
        assertEquals(file, AssetPath.file(path).orElse(null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "index.html, text/html;charset=UTF-8",
            "assets/js/main.js, text/javascript;charset=UTF-8",
            "assets/app.css, text/css;charset=UTF-8",
            "assets/icon.svg, image/svg+xml",
            "assets/sounds/alarm-high.wav, audio/wav",
            "assets/ICON.PNG, image/png",
            "assets/data.bin, application/octet-stream"})
    void typesByExtension(String file, String type) {
        assertEquals(type, AssetPath.contentType(file));
    }
}
