package org.chairside.startup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The package build's class archive is used by a start as the README gives it: from the project's directory, with
 * -XX:SharedArchiveFile=target/quarkus-app/chairside.jsa. A JVM that cannot use an archive only prints a warning and
 * loads every class again, so the start would still work, only slower: this test is what notices.
 */
class ClassArchiveIT {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    @Test
    void theReadmesStartTakesTheApplicationsClassesFromTheArchive() throws Exception {
        Path jar = Path.of(System.getProperty("chairside.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar.resolveSibling("chairside.jsa")), "the package build writes target/quarkus-app/chairside.jsa");
        Path work = Files.createTempDirectory(Path.of("target"), "archive-start-").toAbsolutePath();
        Path classes = work.resolve("classes.log");
        Path log = work.resolve("server.log");
        int port = freePort();
        // The README's command, from the project's directory, with relative paths.
        Path project = jar.getParent().getParent().getParent();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:SharedArchiveFile=target/quarkus-app/chairside.jsa", "-Xlog:class+load=info:file=" + classes,
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1", "-Dchairside.h2.file=" + work.resolve("chairside"),
                "-jar", "target/quarkus-app/quarkus-run.jar")
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        server = pb.start();
        awaitReady(port, log);

        List<String> loaded = Files.readAllLines(classes);
        List<String> ours = loaded.stream().filter(l -> l.contains("] org.chairside.")).toList();
        long oursShared = ours.stream().filter(l -> l.contains("source: shared objects file (top)")).count();
        long allShared = loaded.stream().filter(l -> l.contains("source: shared objects file")).count();
        assertFalse(Files.readString(log).contains("Unable to use shared archive"), "the JVM refused the archive; see " + log);
        // When it works: 97 % of Chairside's classes and 86 % of all (the rest are generated at run time); two thirds
        // if the training run did not link what it loaded; the JDK's own archive alone gives under a tenth.
        assertTrue(ours.size() > 100 && oursShared > ours.size() * 0.9,
                oursShared + " of Chairside's " + ours.size() + " classes came from the archive; see " + classes);
        assertTrue(allShared > loaded.size() * 0.8, allShared + " of " + loaded.size() + " classes came from an archive; see " + classes);
    }

    private void awaitReady(int port, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(server.isAlive(), "the server exited; see " + log);
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server was not ready within 90 s; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
