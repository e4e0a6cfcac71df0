package org.chairside.live;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real server-sent-events client over the JDK's HttpClient, as a dashboard would hold one open. */
public final class SseClient implements AutoCloseable {
    public record Event(long id, String type, String data) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final CountDownLatch open = new CountDownLatch(1);
    private final int status;
    private volatile InputStream body;
    private final Thread reader;

    private SseClient(URI uri, String user, String password, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        status = response.statusCode();
        body = response.body();
        reader = new Thread(this::read, "sse-" + user);
        reader.setDaemon(true);
        reader.start();
    }

    public static SseClient connect(URI base, String user, String password, String lastEventId) throws Exception {
        SseClient c = new SseClient(base.resolve("/api/stream"), user, password, lastEventId);
        if (c.status == 200 && !c.open.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("stream did not open");
        }
        return c;
    }

    public static SseClient connect(URI uri, String user, String password) throws Exception {
        return new SseClient(uri, user, password, null);
    }

    public int status() {
        return status;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            Long id = null;
            String type = "message";
            StringBuilder data = new StringBuilder();
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (id != null || !data.isEmpty()) {
                        events.add(new Event(id == null ? -1 : id, type, data.toString()));
                    }
                    id = null;
                    type = "message";
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                    open.countDown();
                } else if (line.startsWith("id:")) {
                    id = Long.parseLong(line.substring(3).trim());
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
        } catch (Exception closed) {
            // the test closed the stream
        }
    }

    public List<Event> events() {
        return new ArrayList<>(events);
    }

    public List<String> comments() {
        return new ArrayList<>(comments);
    }

    public long lastId() {
        List<Event> e = events();
        return e.isEmpty() ? 0 : e.get(e.size() - 1).id();
    }

    /** Waits until an event matching the predicate has arrived; returns it. */
    public Event await(Predicate<Event> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Event e : events) {
                if (match.test(e)) {
                    return e;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no matching event within " + timeout + "; got " + events);
    }

    /** Waits for the server to end the stream; true if it did within the timeout. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        reader.join(timeout.toMillis());
        return !reader.isAlive();
    }

    @Override
    public void close() throws Exception {
        body.close();
        reader.join(2000);
    }
}
