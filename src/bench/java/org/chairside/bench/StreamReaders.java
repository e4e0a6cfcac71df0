package org.chairside.bench;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A few selector threads that read every dashboard's stream: a thousand open streams cost a thousand sockets,
 * not a thousand threads, and each read hands the bytes straight to its {@link Dashboard}.
 */
final class StreamReaders implements Closeable {
    private final Reader[] readers;
    private int next;

    StreamReaders(int threads) throws IOException {
        readers = new Reader[threads];
        for (int i = 0; i < threads; i++) {
            readers[i] = new Reader(Selector.open());
            Thread t = new Thread(readers[i], "stream-reader-" + i);
            t.setDaemon(true);
            t.start();
        }
    }

    /** Connects, sends GET /api/stream with the client's credentials, then leaves the reading to a selector thread. */
    void open(Dashboard d, Api api) throws IOException {
        URI base = URI.create(api.base);
        SocketChannel ch = SocketChannel.open(new InetSocketAddress(base.getHost(), base.getPort()));
        ch.socket().setTcpNoDelay(true);
        String auth = api.authLine();
        String request = "GET /api/stream HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\nAccept: text/event-stream\r\n"
                + (auth == null ? "" : auth + "\r\n") + "\r\n";
        ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1));
        while (out.hasRemaining()) {
            ch.write(out);
        }
        ch.configureBlocking(false);
        Reader r = readers[next++ % readers.length];
        r.pending.add(new Stream(ch, d));
        r.selector.wakeup();
    }

    @Override
    public void close() throws IOException {
        for (Reader r : readers) {
            r.stop = true;
            r.selector.wakeup();
        }
    }

    private record Stream(SocketChannel channel, Dashboard dashboard) {
    }

    private static final class Reader implements Runnable {
        final Selector selector;
        final Queue<Stream> pending = new ConcurrentLinkedQueue<>();
        final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        volatile boolean stop;

        Reader(Selector selector) {
            this.selector = selector;
        }

        @Override
        public void run() {
            try {
                while (!stop) {
                    selector.select();
                    for (Stream s = pending.poll(); s != null; s = pending.poll()) {
                        s.channel().register(selector, SelectionKey.OP_READ, s);
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        read(key);
                    }
                    selector.selectedKeys().clear();
                }
                for (SelectionKey key : selector.keys()) {
                    key.channel().close();
                }
                selector.close();
            } catch (IOException e) {
                throw new IllegalStateException("stream reader failed", e);
            }
        }

        private void read(SelectionKey key) {
            Stream s = (Stream) key.attachment();
            try {
                buffer.clear();
                int n = s.channel().read(buffer);
                long now = System.nanoTime();
                if (n < 0) {
                    s.dashboard().ended("stream ended");
                    key.cancel();
                    s.channel().close();
                    return;
                }
                buffer.flip();
                if (s.dashboard().closed || !s.dashboard().feed(buffer, now)) {
                    key.cancel();
                    s.channel().close();
                }
            } catch (IOException | RuntimeException e) {
                s.dashboard().ended(e.toString());
                key.cancel();
                try {
                    s.channel().close();
                } catch (IOException ignored) {
                    // already failing: the dashboard has the first error
                }
            }
        }
    }
}
