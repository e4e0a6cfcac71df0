package org.chairside.startup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.chairside.PackagedServer;

/**
 * The package build's class archive is used by a start as the README gives it: from the project's directory, with
 * -XX:SharedArchiveFile=target/chairside.jsa. A JVM that cannot use an archive only prints a warning and
 * loads every class again, so the start would still work, only slower: this test is what notices.
 */
class ClassArchiveIT {
    @Test
    void theReadmesStartTakesTheApplicationsClassesFromTheArchive() throws Exception {
        Path jar = PackagedServer.jar();
        assertTrue(Files.isRegularFile(jar.resolveSibling("chairside.jsa")), "the package build writes target/chairside.jsa");
        Path work = Files.createTempDirectory(Path.of("target"), "archive-start-").toAbsolutePath();
        Path classes = work.resolve("classes.log");
        Path log = work.resolve("server.log");
        // The README's command, from the project's directory, with relative paths.
        Path project = jar.getParent().getParent();
        try (PackagedServer server = PackagedServer.start(project, List.of("-Xmx512m", "-XX:SharedArchiveFile=target/chairside.jsa",
                        "-Xlog:class+load=info:file=" + classes, "-Dquarkus.http.host=127.0.0.1", "-Dchairside.h2.file=" + work.resolve("chairside")),
                "target/chairside.jar", Map.of(), PackagedServer.freePort(), log)) {
            server.awaitReady(Duration.ofSeconds(90));

            List<String> loaded = Files.readAllLines(classes);
            List<String> ours = loaded.stream().filter(l -> l.contains("] org.chairside.")).toList();
            long oursShared = ours.stream().filter(l -> l.contains("source: shared objects file (top)")).count();
            long allShared = loaded.stream().filter(l -> l.contains("source: shared objects file")).count();
            assertFalse(Files.readString(log).contains("Unable to use shared archive"), "the JVM refused the archive; see " + log);
            // When it works: 99 % of Chairside's classes and 95 % of all (the rest are generated at run time); 86 % when
            // the classes came from jars under a class loader of Quarkus's own, two thirds if the training run did not
            // link what it loaded; the JDK's own archive alone gives under a tenth.
            assertTrue(ours.size() > 100 && oursShared > ours.size() * 0.95,
                    oursShared + " of Chairside's " + ours.size() + " classes came from the archive; see " + classes);
            assertTrue(allShared > loaded.size() * 0.9, allShared + " of " + loaded.size() + " classes came from an archive; see " + classes);
            // awaitReady's health probes were the server's first requests: the training run answers such requests too, so
            // the classes that serve them (HTTP, the health report) are archived rather than read from the jar then.
            List<String> firstRequests = loaded.stream()
                    .filter(l -> l.contains("] io.netty.") || l.contains("] io.vertx.") || l.contains("] io.smallrye.health.")).toList();
            long firstRequestsShared = firstRequests.stream().filter(l -> l.contains("source: shared objects file")).count();
            assertTrue(firstRequests.size() > 100 && firstRequestsShared > firstRequests.size() * 0.95,
                    firstRequestsShared + " of the " + firstRequests.size() + " HTTP and health classes came from the archive; see " + classes);
        }
    }
}
