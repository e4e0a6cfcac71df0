package org.chairside.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The public API as a client sees it, over HTTP/1.1 on loopback: the JDK's HttpClient for set-up and single
 * requests, {@link #wire()} connections for load and {@link StreamReaders} for dashboards. Load runs with the
 * session cookie of a form login (what the dashboard and a long-running gateway hold); {@link #basic} gives the
 * HTTP Basic variant, which verifies the bcrypt hash on every request.
 */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String USER = "bench";
    static final String PASSWORD = "bench-user-pw-0123";

    final String base;
    final HttpClient http;
    private final String authHeader;
    private final String authValue;

    private Api(String base, HttpClient http, String authHeader, String authValue) {
        this.base = base;
        this.http = http;
        this.authHeader = authHeader;
        this.authValue = authValue;
    }

    static HttpClient newClient(ExecutorService executor) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10));
        if (executor != null) {
            b.executor(executor);
        }
        return b.build();
    }

    static Api anonymous(String base) {
        return new Api(base, newClient(null), null, null);
    }

    static Api basic(String base, String user, String password, HttpClient http) {
        return new Api(base, http, "Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** Form login: the encrypted session cookie and the login's token are then checked on each request, without bcrypt. */
    static Api login(String base, String user, String password, HttpClient http) throws IOException, InterruptedException {
        String form = "j_username=" + user + "&j_password=" + password;
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        // the login cookie and the login's token: the server accepts the one only with the other (builds before the
        // twenty-sixth round, which a comparison may start, set no token)
        List<String> cookies = r.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("quarkus-credential=") || c.startsWith("chairside-login="))
                .map(c -> c.substring(0, c.indexOf(';') > 0 ? c.indexOf(';') : c.length())).toList();
        if (cookies.stream().noneMatch(c -> c.startsWith("quarkus-credential="))) {
            throw new IllegalStateException("login answered " + r.statusCode() + " without its cookie: " + cookies);
        }
        return new Api(base, http, "Cookie", String.join("; ", cookies));
    }

    /** A new keep-alive connection that sends this client's credentials. */
    Wire wire() {
        URI u = URI.create(base);
        return new Wire(new java.net.InetSocketAddress(u.getHost(), u.getPort()), authLine());
    }

    /** The credentials as a header line ("Cookie: ..."), or null for an anonymous client. */
    String authLine() {
        return authHeader == null ? null : authHeader + ": " + authValue;
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (authHeader != null) {
            b.header(authHeader, authValue);
        }
        return b;
    }

    HttpRequest post(String path, String json) {
        return request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    HttpRequest get(String path) {
        return request(path).GET().build();
    }

    HttpResponse<String> send(HttpRequest r) throws IOException, InterruptedException {
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    /** POST, expecting 2xx; returns the JSON body. */
    JsonNode create(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = send(post(path, json));
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }

    JsonNode read(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = send(get(path));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    static ExecutorService pool(int threads, String name) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
