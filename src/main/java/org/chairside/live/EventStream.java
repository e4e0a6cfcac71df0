package org.chairside.live;

import java.util.ArrayDeque;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * One open text/event-stream response. Frames are queued from any thread and written on the connection's
 * event loop; whatever piled up since the last write goes out as one write, so a lone event leaves at once
 * and a burst costs one system call per connection, not one per event.
 *
 * <p>A client that reads slower than events come fills the response's write queue; frames then wait here,
 * and past {@code limit} waiting frames the connection is dropped: the client resumes from its last id.
 */
final class EventStream implements LiveHub.Sink {
    /** Upper bound of one coalesced write, so a long backlog goes out in pieces the write queue can pace. */
    private static final int WRITE_BYTES = 32 * 1024;
    private static final VertxException CUT = new VertxException("event stream cut: the client fell behind", true);

    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final Context context;
    private final int limit;
    private final Handler<Void> drain = ignored -> drain();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    /** Events in {@link #waiting}: the limit counts events, however they were batched. */
    private int waitingEvents;
    /** A drain is queued on the event loop, or waits for the write queue to empty: no need to queue another. */
    private boolean draining;
    private boolean closed;

    /** Call on the response's event loop. */
    EventStream(HttpServerRequest request, Context context, int limit) {
        this.request = request;
        this.response = request.response();
        this.context = context;
        this.limit = limit;
        response.drainHandler(drain);
    }

    @Override
    public void send(Buffer frames, int events) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (waitingEvents + events > limit && !waiting.isEmpty()) {
                closeLater();
                return;
            }
            waiting.add(new Waiting(frames, events));
            waitingEvents += events;
            if (draining) {
                return;
            }
            draining = true;
        }
        context.runOnContext(drain);
    }

    @Override
    public void cut() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closeLater();
        }
    }

    /** The connection is gone: nothing more is queued or written. */
    synchronized void closed() {
        closed = true;
        forget();
    }

    private void forget() {
        waiting.clear();
        waitingEvents = 0;
    }

    private void closeLater() {
        closed = true;
        forget();
        context.runOnContext(ignored -> abort());
    }

    /**
     * Vert.x closes an HTTP/1.1 connection gracefully, once what is queued has been written: never, for a client
     * that stopped reading. Failing the connection drops it at once (for HTTP/2, resetting drops only this stream).
     */
    private void abort() {
        if (request.version() == HttpVersion.HTTP_2) {
            response.reset();
        } else if (request.connection() instanceof ConnectionBase connection) {
            connection.fail(CUT);
        } else {
            response.close();
        }
    }

    /** On the event loop: writes what is waiting until nothing is, or the write queue is full (the drain handler resumes). */
    private void drain() {
        while (true) {
            Buffer out;
            synchronized (this) {
                if (closed || waiting.isEmpty()) {
                    draining = false;
                    return;
                }
                if (response.writeQueueFull()) {
                    return;
                }
                out = take();
            }
            response.write(out);
        }
    }

    /** The first waiting frame as it is (shared, no copy) or, when several wait, one buffer holding them in order. */
    private Buffer take() {
        Buffer first = poll();
        if (waiting.isEmpty() || first.length() >= WRITE_BYTES) {
            return first;
        }
        int count = 0;
        int bytes = first.length();
        for (Waiting next : waiting) {
            if (bytes + next.frames().length() > WRITE_BYTES) {
                break;
            }
            bytes += next.frames().length();
            count++;
        }
        Buffer joined = Buffer.buffer(bytes).appendBuffer(first);
        for (int i = 0; i < count; i++) {
            joined.appendBuffer(poll());
        }
        return joined;
    }

    private Buffer poll() {
        Waiting w = waiting.poll();
        waitingEvents -= w.events();
        return w.frames();
    }

    private record Waiting(Buffer frames, int events) {
    }
}
