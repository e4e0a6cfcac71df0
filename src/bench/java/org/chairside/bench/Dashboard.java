package org.chairside.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * One dashboard on GET /api/stream: counts events, checks that ids arrive as n, n+1, n+2... (a gap is a
 * missing event, an id at or below the last one a duplicate) and notes when alert (and, if asked, reading)
 * events arrive, for the latency from the POST's answer to the event's arrival.
 */
final class Dashboard implements Flow.Subscriber<String> {
    final int index;
    final boolean recordReadings;
    final CountDownLatch connected = new CountDownLatch(1);
    private Flow.Subscription subscription;

    // written by the client's line delivery, read after the scenario (joined by the drain wait)
    volatile long firstId = -1;
    volatile long lastId = -1;
    volatile long events;
    long missing;
    long duplicates;
    long resets;
    volatile String failure;
    volatile boolean closed;

    final List<String> alertKeys = new ArrayList<>();
    LongList alertArrivals = new LongList();
    LongList readingIds = new LongList();
    LongList readingArrivals = new LongList();

    private String id;
    private String event;
    private String data;
    private long dataAt;

    Dashboard(int index, boolean recordReadings) {
        this.index = index;
        this.recordReadings = recordReadings;
    }

    void open(HttpClient http, Api api) {
        HttpRequest r = api.request("/api/stream").header("Accept", "text/event-stream").timeout(java.time.Duration.ofHours(1)).GET().build();
        http.sendAsync(r, HttpResponse.BodyHandlers.fromLineSubscriber(this)).whenComplete((resp, err) -> {
            if (err != null) {
                failure = err.toString();
            } else if (resp.statusCode() != 200) {
                failure = "HTTP " + resp.statusCode();
            }
            connected.countDown();
        });
    }

    boolean awaitConnected(long ms) throws InterruptedException {
        return connected.await(ms, TimeUnit.MILLISECONDS) && failure == null;
    }

    void close() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        char c = line.charAt(0);
        if (c == ':') {
            connected.countDown();
        } else if (line.startsWith("id:")) {
            id = line.substring(3).trim();
        } else if (line.startsWith("event:")) {
            event = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
            data = line.length() > 5 && line.charAt(5) == ' ' ? line.substring(6) : line.substring(5);
            dataAt = System.nanoTime();
        }
    }

    private void dispatch() {
        if (id == null) {
            event = null;
            data = null;
            return;
        }
        long n = Long.parseLong(id);
        if ("reset".equals(event)) {
            resets++;
        } else {
            events++;
            if (firstId < 0) {
                firstId = n;
            } else if (n <= lastId) {
                duplicates++;
            } else if (n != lastId + 1) {
                missing += n - lastId - 1;
            }
            if (n > lastId) {
                lastId = n;
            }
            if ("alert".equals(event) && data != null) {
                alertKeys.add(alertKey(data));
                alertArrivals.add(dataAt);
            } else if (recordReadings && "reading".equals(event) && data != null) {
                readingIds.add(firstLong(data, "\"id\":"));
                readingArrivals.add(dataAt);
            }
        }
        id = null;
        event = null;
        data = null;
    }

    /** An alert change is named by the alert's id and its updatedAt; the POST's answer names it the same way. */
    static String alertKey(String json) {
        long alertId = firstLong(json, "\"id\":");
        String marker = "\"updatedAt\":\"";
        int i = json.indexOf(marker);
        String at = i < 0 ? "" : json.substring(i + marker.length(), json.indexOf('"', i + marker.length()));
        return alertId + "@" + java.time.Instant.parse(at);
    }

    static long firstLong(String json, String marker) {
        int i = json.indexOf(marker);
        if (i < 0) {
            return -1;
        }
        int p = i + marker.length();
        long v = 0;
        while (p < json.length() && Character.isDigit(json.charAt(p))) {
            v = v * 10 + (json.charAt(p++) - '0');
        }
        return v;
    }

    @Override
    public void onError(Throwable t) {
        if (!closed) {
            failure = t.toString();
        }
        connected.countDown();
    }

    @Override
    public void onComplete() {
        if (!closed) {
            failure = "stream ended";
        }
        connected.countDown();
    }

    static final class LongList {
        long[] values = new long[256];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long get(int i) {
            return values[i];
        }
    }
}
