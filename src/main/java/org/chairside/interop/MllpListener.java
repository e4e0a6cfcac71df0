package org.chairside.interop;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.Charset;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * An MLLP listener for monitors and gateways that push HL7 v2 over TCP: each framed message (VT ... FS CR) goes
 * to the same handler as {@code POST /api/hl7} and the ACK goes back framed. Off unless
 * {@code chairside.hl7.mllp.port} is set. MLLP has no login: bind it to the clinic's device network only.
 */
@ApplicationScoped
public class MllpListener {
    private static final Logger LOG = Logger.getLogger(MllpListener.class);
    static final int VT = 0x0b;
    static final int FS = 0x1c;
    static final int CR = 0x0d;
    /** A message larger than this is not a vitals message: the connection is closed. */
    static final int MAX_MESSAGE = 1 << 20;

    private final Hl7Service hl7;
    private final Optional<Integer> port;
    private final String host;
    private final String actor;
    private final Charset charset;
    private final int maxConnections;
    private volatile ServerSocket server;
    private ExecutorService workers;

    public MllpListener(Hl7Service hl7, @ConfigProperty(name = "chairside.hl7.mllp.port") Optional<Integer> port,
                        @ConfigProperty(name = "chairside.hl7.mllp.host", defaultValue = "0.0.0.0") String host,
                        @ConfigProperty(name = "chairside.hl7.mllp.actor", defaultValue = "mllp") String actor,
                        @ConfigProperty(name = "chairside.hl7.mllp.charset", defaultValue = "UTF-8") String charset,
                        @ConfigProperty(name = "chairside.hl7.mllp.max-connections", defaultValue = "32") int maxConnections) {
        this.hl7 = hl7;
        this.port = port;
        this.host = host;
        this.actor = actor;
        this.charset = Charset.forName(charset);
        this.maxConnections = maxConnections;
    }

    void start(@Observes StartupEvent e) throws IOException {
        if (port.isEmpty() || port.get() < 0) {
            return;
        }
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(host), port.get()));
        // No queue: a connection beyond the limit is refused at once. Queued, it waited unserved, its messages
        // unacknowledged, until one of the connections being served closed, which a gateway's need not do for hours.
        workers = new ThreadPoolExecutor(maxConnections, maxConnections, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "mllp-connection");
                    t.setDaemon(true);
                    return t;
                });
        ((ThreadPoolExecutor) workers).allowCoreThreadTimeOut(true);
        Thread acceptor = new Thread(this::accept, "mllp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.infof("HL7 MLLP listener on %s:%d", host, server.getLocalPort());
    }

    void stop(@Observes ShutdownEvent e) {
        ServerSocket s = server;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            workers.shutdownNow();
        }
    }

    /** The port actually bound (useful when configured as 0), or -1 when the listener is off. */
    public int port() {
        ServerSocket s = server;
        return s == null ? -1 : s.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                try {
                    workers.execute(() -> serve(socket));
                } catch (java.util.concurrent.RejectedExecutionException full) {
                    LOG.warn("MLLP: too many connections, one refused");
                    socket.close();
                }
            } catch (SocketException closed) {
                return;
            } catch (IOException ex) {
                LOG.warnf("MLLP accept failed: %s", ex.getMessage());
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
             OutputStream out = socket.getOutputStream()) {
            socket.setSoTimeout(5 * 60 * 1000);
            // A gateway waits for each ACK before its next message, so it has nothing to send and delays its TCP
            // acknowledgements: Nagle's algorithm would hold the ACK back for that delay (about 40 ms on Linux).
            socket.setTcpNoDelay(true);
            while (true) {
                String message = readFrame(in, charset);
                if (message == null) {
                    return;
                }
                Hl7Service.Answer answer;
                try {
                    answer = hl7.handle(message, actor);
                } catch (RuntimeException ex) {
                    // The type only: HL7 parser messages can quote segments with patient data.
                    LOG.errorf("MLLP: the message could not be handled (%s)", ex.getClass().getName());
                    return;
                }
                out.write(frame(answer.ack(), charset));
                out.flush();
            }
        } catch (IOException ex) {
            LOG.debugf("MLLP connection ended: %s", ex.getMessage());
        }
    }

    /** VT, the message, FS, CR: one write, so the ACK leaves in one segment. */
    static byte[] frame(String message, Charset charset) {
        byte[] body = message.getBytes(charset);
        byte[] framed = new byte[body.length + 3];
        framed[0] = VT;
        System.arraycopy(body, 0, framed, 1, body.length);
        framed[body.length + 1] = FS;
        framed[body.length + 2] = CR;
        return framed;
    }

    /**
     * One framed message, or null at the end of the stream. The message ends at FS; the CR that should follow is not
     * waited for: a sender that leaves it out and waits for its ACK would wait for ever, and one that sends its next
     * message at once would have that message's VT taken for the CR. Bytes before the start block (that CR too) are
     * skipped.
     */
    static String readFrame(InputStream in) throws IOException {
        return readFrame(in, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String readFrame(InputStream in, Charset charset) throws IOException {
        int b;
        do {
            b = in.read();
            if (b < 0) {
                return null;
            }
        } while (b != VT);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (true) {
            b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == FS) {
                return buf.toString(charset);
            }
            if (buf.size() >= MAX_MESSAGE) {
                throw new IOException("MLLP message larger than " + MAX_MESSAGE + " bytes");
            }
            buf.write(b);
        }
    }
}
