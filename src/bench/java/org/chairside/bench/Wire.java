package org.chairside.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection, blocking, for one load client. The JDK's HttpClient spent more of the
 * two cores than the server did per request (its selector thread, futures and header maps), so the driver
 * starved the server it measured; this writes the request bytes and reads the status line, the headers it
 * needs and the body (length-delimited or chunked), nothing else.
 */
final class Wire implements Load.Exchange {
    /** A request as a load client sends it. */
    record Call(String method, String path, String body) {
        static Call get(String path) {
            return new Call("GET", path, null);
        }

        static Call post(String path, String json) {
            return new Call("POST", path, json);
        }
    }

    /** The status and the body as text. */
    record Answer(int status, String body) {
    }

    private final InetSocketAddress address;
    private final String fixedHeaders;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
    private final StringBuilder line = new StringBuilder(128);

    /** @param authHeader a whole header line without CRLF ("Cookie: ..."), or null */
    Wire(InetSocketAddress address, String authHeader) {
        this.address = address;
        this.fixedHeaders = "Host: " + address.getHostString() + ":" + address.getPort() + "\r\n"
                + (authHeader == null ? "" : authHeader + "\r\n");
    }

    @Override
    public Answer send(Call call) throws IOException {
        boolean reused = socket != null;
        try {
            return exchange(call);
        } catch (IOException e) {
            close();
            if (!reused || !call.method().equals("GET")) {
                throw e;
            }
            // the server may close an idle keep-alive connection: a GET gets one fresh attempt, a POST never
            return exchange(call);
        }
    }

    private Answer exchange(Call call) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(address, 10_000);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }
        byte[] payload = call.body() == null ? null : call.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append(call.method()).append(' ').append(call.path()).append(" HTTP/1.1\r\n")
                .append(fixedHeaders);
        if (payload != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (payload == null) {
            out.write(h);
        } else {
            byte[] all = new byte[h.length + payload.length];
            System.arraycopy(h, 0, all, 0, h.length);
            System.arraycopy(payload, 0, all, h.length, payload.length);
            out.write(all);
        }
        out.flush();
        return read();
    }

    private Answer read() throws IOException {
        String status = readLine();
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String l = readLine(); !l.isEmpty(); l = readLine()) {
            int colon = l.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = l.substring(0, colon).trim();
            String value = l.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("transfer-encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("connection")) {
                close = value.equalsIgnoreCase("close");
            }
        }
        body.reset();
        if (chunked) {
            for (long size = Long.parseLong(chunkSize(readLine()), 16); size > 0; size = Long.parseLong(chunkSize(readLine()), 16)) {
                copy(size);
                readLine();
            }
            while (!readLine().isEmpty()) {
                // trailers: none expected, skipped
            }
        } else if (length > 0) {
            copy(length);
        } else if (length < 0 && code != 204 && code != 304) {
            copy(Long.MAX_VALUE);
            close = true;
        }
        Answer answer = new Answer(code, body.toString(StandardCharsets.UTF_8));
        if (close) {
            close();
        }
        return answer;
    }

    private static String chunkSize(String l) {
        int semi = l.indexOf(';');
        return (semi < 0 ? l : l.substring(0, semi)).trim();
    }

    private void copy(long n) throws IOException {
        byte[] buf = new byte[8192];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                if (n == Long.MAX_VALUE) {
                    return;
                }
                throw new EOFException("connection closed in the middle of a body");
            }
            body.write(buf, 0, r);
            n -= r;
        }
    }

    private String readLine() throws IOException {
        line.setLength(0);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a connection we are done with; nothing to recover
            }
        }
        socket = null;
    }
}
