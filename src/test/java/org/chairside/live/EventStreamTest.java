package org.chairside.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One stream on a bare Vert.x server: what reaches the socket, in how many writes, and what a stuck reader costs. */
class EventStreamTest {
    private static final int LIMIT = 100;

    private Vertx vertx;
    private HttpServer server;
    private final BlockingQueue<Opened> opened = new LinkedBlockingQueue<>();

    private record Opened(EventStream stream, Context context, CountDownLatch closed) {
    }

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            CountDownLatch closed = new CountDownLatch(1);
            request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
            EventStream stream = new EventStream(request, vertx.getOrCreateContext(), LIMIT);
            request.response().closeHandler(v -> {
                stream.closed();
                closed.countDown();
            });
            request.response().write(":connected\n\n");
            opened.add(new Opened(stream, vertx.getOrCreateContext(), closed));
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Buffer frame(long id, String data) {
        return Buffer.buffer(SseFrame.event(new LiveEvent(id, "reading", 1L, data)));
    }

    /** A raw HTTP/1.1 client, so the test sees the chunks (one per write) as well as the events. */
    private Socket connect(int receiveBuffer) throws Exception {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new InetSocketAddress("127.0.0.1", server.actualPort()), 5000);
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        out.write("GET /api/stream HTTP/1.1\r\nHost: test\r\nAccept: text/event-stream\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    /** Reads a chunked response chunk by chunk (one chunk per write on the server). */
    private static final class Chunks {
        private final BufferedReader in;

        Chunks(Socket s) throws Exception {
            in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while (!(line = in.readLine()).isEmpty()) {
                // status line and headers
            }
        }

        String next() throws Exception {
            int size = Integer.parseInt(in.readLine().trim(), 16);
            char[] body = new char[size];
            int read = 0;
            while (read < size) {
                read += in.read(body, read, size - read);
            }
            in.readLine();
            return new String(body);
        }
    }

    @Test
    void framesWaitingTogetherLeaveInOneWriteAndStaySeparateEvents() throws Exception {
        try (Socket s = connect(0)) {
            Chunks chunks = new Chunks(s);
            assertEquals(":connected\n\n", chunks.next());
            Opened o = opened.poll(10, TimeUnit.SECONDS);
            // Queued from a task on the stream's own event loop, so all of them wait for the same drain.
            o.context().runOnContext(v -> {
                for (int i = 1; i <= 5; i++) {
                    o.stream().send(frame(i, "{\"n\":" + i + "}"), 1);
                }
            });
            StringBuilder expected = new StringBuilder();
            for (int i = 1; i <= 5; i++) {
                expected.append("id:").append(i).append("\nevent:reading\ndata:{\"n\":").append(i).append("}\n\n");
            }
            assertEquals(expected.toString(), chunks.next(), "the five frames, whole and in order, in one write");

            // A lone frame is not held back for company.
            o.stream().send(frame(6, "{\"n\":6}"), 1);
            assertEquals("id:6\nevent:reading\ndata:{\"n\":6}\n\n", chunks.next());
        }
    }

    @Test
    void aReaderThatStopsIsCutWithoutHoldingUpTheSenderOrTheOthers() throws Exception {
        Socket stuck = connect(4096);
        Opened slow = opened.poll(10, TimeUnit.SECONDS);
        Socket reading = connect(0);
        Opened fast = opened.poll(10, TimeUnit.SECONDS);
        int events = 4000;
        CountDownLatch fastGotAll = new CountDownLatch(1);
        List<Long> fastIds = new ArrayList<>();
        AtomicInteger received = new AtomicInteger();
        Thread reader = new Thread(() -> {
            try {
                // Not closed here: the stream must still be open when the test looks.
                BufferedReader in = new BufferedReader(new InputStreamReader(reading.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("id:")) {
                        fastIds.add(Long.parseLong(line.substring(3)));
                        received.incrementAndGet();
                        if (fastIds.size() == events) {
                            fastGotAll.countDown();
                            return;
                        }
                    }
                }
            } catch (Exception e) {
                // the test closes the socket
            }
        });
        reader.start();
        String padding = "x".repeat(2000);
        long started = System.nanoTime();
        for (int i = 1; i <= events; i++) {
            Buffer f = frame(i, "{\"pad\":\"" + padding + "\"}");
            slow.stream().send(f, 1);
            fast.stream().send(f, 1);
            // Never more than half the limit ahead of the reading client: it keeps up, the stuck one does not.
            while (i - received.get() > LIMIT / 2 && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(30)) {
                Thread.sleep(1);
            }
        }
        assertTrue(slow.closed().await(10, TimeUnit.SECONDS), "the stuck stream was closed");
        assertTrue(fastGotAll.await(20, TimeUnit.SECONDS), "the reading client got every event: " + fastIds.size());
        for (int i = 0; i < events; i++) {
            assertEquals(i + 1, fastIds.get(i));
        }
        assertEquals(1, fast.closed().getCount(), "the reading client's stream stays open");
        // The stuck client, should it read again, finds its connection ended: it reconnects and resumes from its last id.
        InputStream in = stuck.getInputStream();
        byte[] sink = new byte[64 * 1024];
        try {
            while (in.read(sink) >= 0) {
                // what the kernel still held for it
            }
        } catch (SocketException reset) {
            // dropped rather than ended: just as final
        }
        stuck.close();
        reading.close();
    }
}
