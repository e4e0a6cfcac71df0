package org.chairside;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The packaged server (target/chairside.jar) run as its own process, as a clinic runs it, for the tests that need a
 * real process: a SIGKILL, a class archive, two instances side by side. Its output goes to a log file the failure
 * messages name.
 */
public final class PackagedServer implements AutoCloseable {
    // HTTP/1.1, as a balancer's health probe asks (the JDK client would otherwise try an upgrade to HTTP/2 first).
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private PackagedServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The jar the build packaged (failsafe passes its path as chairside.jar). */
    public static Path jar() {
        return Path.of(System.getProperty("chairside.jar", "target/chairside.jar")).toAbsolutePath();
    }

    /**
     * Starts {@code java <jvmOptions> -Dquarkus.http.port=<port> -jar <jarArgument>} in {@code directory}, with
     * {@code env} added to this JVM's environment, its output appended to {@code log}.
     */
    public static PackagedServer start(Path directory, List<String> jvmOptions, String jarArgument, Map<String, String> env,
                                       int port, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-jar");
        command.add(jarArgument);
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        return new PackagedServer(pb.start(), port, log);
    }

    /** Waits until GET /q/health/ready answers 200; fails at once if the process exits. */
    public PackagedServer awaitReady(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), "the server exited on start; see " + log);
            try {
                if (HTTP.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server was not ready within " + within + "; see " + log);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public Process process() {
        return process;
    }

    public Path log() {
        return log;
    }

    /** SIGTERM, and waits for the shutdown. */
    public void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** SIGKILL: no shutdown hooks, no flush. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
