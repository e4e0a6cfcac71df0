package org.chairside.startup;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServer;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The package build's training run for the class archive. Started with {@code -XX:ArchiveClassesAtExit} and
 * chairside.startup.exit-when-started, the server answers its first requests and stops, and the JVM writes the classes
 * the start and those requests loaded into the archive. Later starts given that archive ({@code -XX:SharedArchiveFile}) map those
 * classes instead of reading, parsing and verifying some 16,000 of them again: most of what a start costs on a
 * small machine (README, "Run it for a clinic").
 */
@ApplicationScoped
public class TrainingRun {
    private static final Logger LOG = Logger.getLogger(TrainingRun.class);

    /**
     * What the first minutes of a server ask of it: the health probe a balancer or a monitoring script sends first, the
     * login page and the dashboard's scripts, then what a logged-in page loads.
     */
    private static final List<String> PUBLIC_REQUESTS = List.of("/q/health/live", "/q/health/ready", "/login.html", "/",
            "/assets/js/main.js", "/assets/app.css");
    private static final List<String> LOGGED_IN_REQUESTS = List.of("/api/me", "/api/board", "/api/recliners", "/api/alerts?state=OPEN",
            "/api/thresholds", "/api/history/sessions");

    private final boolean exitWhenStarted;
    private final Optional<Path> loadedClasses;
    private final Optional<String> adminPassword;
    private final HttpServer http;

    public TrainingRun(@ConfigProperty(name = "chairside.startup.exit-when-started") boolean exitWhenStarted,
                       @ConfigProperty(name = "chairside.startup.loaded-classes") Optional<Path> loadedClasses,
                       @ConfigProperty(name = "chairside.bootstrap.admin-password") Optional<String> adminPassword,
                       HttpServer http) {
        this.exitWhenStarted = exitWhenStarted;
        this.loadedClasses = loadedClasses;
        this.adminPassword = adminPassword;
        this.http = http;
    }

    // After the other start-up observers, so that what they load is in the archive too.
    void started(@Observes @Priority(Integer.MAX_VALUE) StartupEvent start) {
        if (!exitWhenStarted) {
            return;
        }
        // The HTTP server starts listening after these observers: the requests go from a thread of their own.
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Thread requests = new Thread(() -> {
            try {
                int answered = firstRequests();
                LOG.infof("Training run: %d first requests answered", answered);
                if (loadedClasses.isPresent()) {
                    LOG.infof("Training run: %d loaded classes linked", link(Files.readAllLines(loadedClasses.get()), loader));
                }
            } catch (IOException | RuntimeException e) {
                // The archive is then written without them; a start works all the same, only the first requests are slower.
                LOG.warnf("Training run: the first requests failed (%s)", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOG.info("Training run: started and answered, stopping now (chairside.startup.exit-when-started)");
            Quarkus.asyncExit(0);
        }, "training-requests");
        requests.setDaemon(true);
        requests.start();
    }

    /**
     * The first requests a server answers load classes a start does not (HTTP handling, security, the health report,
     * JSON): without them in the archive the first health probe took 120-200 ms longer than the second.
     */
    private int firstRequests() throws IOException, InterruptedException {
        int port = awaitPort();
        int answered = 0;
        for (String path : PUBLIC_REQUESTS) {
            answered += get(port, path, null);
        }
        if (adminPassword.isPresent()) {
            String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword.get()).getBytes(StandardCharsets.UTF_8));
            for (String path : LOGGED_IN_REQUESTS) {
                answered += get(port, path, basic);
            }
        }
        return answered;
    }

    private int awaitPort() throws InterruptedException, IOException {
        for (int i = 0; i < 600; i++) {
            int port = http.getPort();
            if (port > 0) {
                try (Socket probe = new Socket("127.0.0.1", port)) {
                    return port;
                } catch (IOException notYet) {
                    // bound but not accepting yet
                }
            }
            Thread.sleep(50);
        }
        throw new IOException("the HTTP server did not start listening within 30 s");
    }

    /** A plain HTTP/1.1 GET on a socket of its own (an HTTP client would put its own classes in the archive); 1 if 2xx. */
    private static int get(int port, String path, String authorization) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            byte[] answer = socket.getInputStream().readAllBytes();
            String status = new String(answer, 0, Math.min(answer.length, 12), StandardCharsets.US_ASCII);
            return status.startsWith("HTTP/1.1 2") ? 1 : 0;
        }
    }

    /**
     * JDK 17 leaves out of the archive every class the run loaded but never linked, a third of what a start loads
     * (annotations, interfaces and types only looked at). Asking a class for its methods links it without running
     * its static initializer. Lines are the JVM's class+load log: "[time][info][class,load] name source: ...".
     */
    private static int link(List<String> log, ClassLoader loader) {
        int linked = 0;
        for (String line : log) {
            int end = line.indexOf(" source: ");
            if (end < 0 || line.contains("source: shared objects file")) {
                continue;
            }
            String name = line.substring(line.lastIndexOf(' ', end - 1) + 1, end);
            try {
                Class.forName(name, false, loader).getDeclaredMethods();
                linked++;
            } catch (ClassNotFoundException | LinkageError notByName) {
                // hidden and generated classes, or ones whose dependencies are absent: left out, as before
            }
        }
        return linked;
    }
}
