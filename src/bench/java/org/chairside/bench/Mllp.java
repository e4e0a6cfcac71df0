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
 * One MLLP connection, as a monitor gateway holds it: sends a framed HL7 v2 message (the call's body) and waits for
 * its framed ACK before the next. The answer's status is 200 for an AA, 422 for anything else, with the ACK as body.
 */
final class Mllp implements Load.Exchange {
    private static final int VT = 0x0b;
    private static final int FS = 0x1c;
    private static final int CR = 0x0d;

    private final InetSocketAddress address;
    private final ByteArrayOutputStream ack = new ByteArrayOutputStream(512);
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    Mllp(InetSocketAddress address) {
        this.address = address;
    }

    @Override
    public Wire.Answer send(Wire.Call call) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(address, 10_000);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream(), 4096);
            out = socket.getOutputStream();
        }
        byte[] body = call.body().getBytes(StandardCharsets.UTF_8);
        byte[] framed = new byte[body.length + 3];
        framed[0] = VT;
        System.arraycopy(body, 0, framed, 1, body.length);
        framed[body.length + 1] = FS;
        framed[body.length + 2] = CR;
        out.write(framed);
        out.flush();
        String answer = readFrame();
        return new Wire.Answer("AA".equals(msa1(answer)) ? 200 : 422, answer);
    }

    private String readFrame() throws IOException {
        ack.reset();
        int b;
        while ((b = in.read()) != VT) {
            if (b < 0) {
                throw new EOFException("the server closed the MLLP connection");
            }
        }
        while ((b = in.read()) != FS) {
            if (b < 0) {
                throw new EOFException("the server closed the MLLP connection in a frame");
            }
            ack.write(b);
        }
        if (in.read() != CR) {
            throw new IOException("no CR after the frame's end");
        }
        return ack.toString(StandardCharsets.UTF_8);
    }

    /** MSA-1, the acknowledgement code. */
    static String msa1(String ack) {
        for (String segment : ack.split("\r")) {
            if (segment.startsWith("MSA|")) {
                String[] f = segment.split("\\|", -1);
                return f.length > 1 ? f[1] : "";
            }
        }
        return "";
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
