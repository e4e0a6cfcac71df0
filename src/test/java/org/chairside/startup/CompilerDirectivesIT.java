package org.chairside.startup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.chairside.PackagedServer;

/**
 * The README's start keeps C2 off the code target/chairside-jit.json names, while C1 still compiles it. The JVM
 * refuses a file it cannot parse, but a pattern that matches nothing, or a rule that no longer excludes, only makes
 * the start slower: this test is what notices. A start without the directives C2-compiles dozens of those methods
 * before its first request (the JDK's class-file writer and ANTLR above all).
 */
class CompilerDirectivesIT {
    /** One line of -XX:+PrintCompilation: time, compile id, flags, tier, then class::method. */
    private static final Pattern COMPILE = Pattern.compile("^\\s*\\d+\\s+\\d+\\s+[%sbn! ]*?([0-4])\\s+([\\w$.]+)::\\S+");
    private static final Pattern MATCH = Pattern.compile("\"([\\w/$*]+)\\.\\*\"");

    @Test
    void theReadmesStartLeavesTheStartOnlyCodeToC1() throws Exception {
        Path jar = PackagedServer.jar();
        Path directives = jar.resolveSibling("chairside-jit.json");
        assertTrue(Files.isRegularFile(directives), "the build copies src/main/jvm/chairside-jit.json to target/");
        // "a/b/*.*" is every class of package a.b and below it, "a/b/C.*" the class a.b.C alone.
        List<String> patterns = MATCH.matcher(Files.readString(directives)).results().map(m -> m.group(1)).toList();
        assertTrue(patterns.size() >= 5, "patterns read from " + directives + ": " + patterns);

        Path work = Files.createTempDirectory(Path.of("target"), "directives-start-").toAbsolutePath();
        Path log = work.resolve("server.log");
        Path project = jar.getParent().getParent();
        try (PackagedServer server = PackagedServer.start(project, List.of("-Xmx512m", "-XX:SharedArchiveFile=target/chairside.jsa",
                        "-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=target/chairside-jit.json", "-XX:+PrintCompilation",
                        "-Dquarkus.http.host=127.0.0.1", "-Dchairside.h2.file=" + work.resolve("chairside")),
                "target/chairside.jar", Map.of(), PackagedServer.freePort(), log)) {
            server.awaitReady(Duration.ofSeconds(90));

            Map<String, Integer> compiles = new TreeMap<>();
            patterns.forEach(p -> compiles.put(p, 0));
            for (String line : Files.readAllLines(log)) {
                Matcher m = COMPILE.matcher(line);
                if (!m.find()) {
                    continue;
                }
                for (String p : patterns) {
                    if (matches(p, m.group(2))) {
                        assertFalse(m.group(1).equals("4"), "C2 compiled a method " + p + " leaves to C1: " + line + "; see " + log);
                        compiles.merge(p, 1, Integer::sum);
                    }
                }
            }
            // Each pattern names code the start runs (C1 compiled some of it): a misspelt one would match nothing.
            assertFalse(compiles.containsValue(0), "compiles in the start's log, by pattern: " + compiles + "; see " + log);
        }
    }

    private static boolean matches(String pattern, String className) {
        String name = pattern.replace('/', '.');
        return name.endsWith(".*") ? className.startsWith(name.substring(0, name.length() - 1)) : className.equals(name);
    }
}
