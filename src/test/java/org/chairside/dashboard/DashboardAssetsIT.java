package org.chairside.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.chairside.PackagedServer;

/**
 * The packaged server serves the dashboard's files from the jar without unpacking anything. Quarkus's own handler went
 * through Vert.x's file cache, which copied the requested file's parent directories out of the class path: in the
 * one-jar build that was all of {@code META-INF}, some 3,600 files, while the first page after every start waited.
 */
class DashboardAssetsIT {
    @Test
    void theFirstPagesAfterAStartComeStraightFromTheJar() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "assets-").toAbsolutePath();
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        try (PackagedServer server = PackagedServer.start(work, List.of("-Xmx256m", "-Djava.io.tmpdir=" + tmp,
                        "-Dquarkus.http.host=127.0.0.1", "-Dchairside.h2.file=" + work.resolve("chairside"), "-Dchairside.hl7.mllp.port=-1"),
                PackagedServer.jar().toString(), Map.of(), PackagedServer.freePort(), work.resolve("server.log"))) {
            server.awaitReady(Duration.ofSeconds(90));
            HttpClient http = HttpClient.newHttpClient();
            for (String file : List.of("login.html", "index.html", "assets/js/main.js", "assets/app.css", "assets/sounds/alarm-medium.wav")) {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(server.uri("/" + file)).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, r.statusCode(), file);
                try (InputStream in = getClass().getClassLoader().getResourceAsStream("dashboard/" + file)) {
                    assertArrayEquals(in.readAllBytes(), r.body(), file);
                }
            }
            Path cache = tmp.resolve("vertx-cache");
            try (Stream<Path> files = Files.exists(cache) ? Files.walk(cache) : Stream.empty()) {
                List<Path> unpacked = files.filter(Files::isRegularFile).toList();
                assertEquals(List.of(), unpacked.subList(0, Math.min(5, unpacked.size())),
                        unpacked.size() + " files were unpacked from the jar into " + cache);
            }
        }
    }
}
