package dev.berth.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.Okio;
import okio.Socket;

/**
 * The raw connection after {@code 101 UPGRADED} (attach, exec start): the daemon's output to read, and the process's
 * stdin to write. Closing {@link #stdin()} half-closes the socket, so the process sees EOF while its output can
 * still be read. {@link #close()} from any thread drops the connection and ends a blocked read.
 *
 * <pre>{@code
 * try (HijackedConnection c = transport.upgrade(ApiRequest.post("/exec/{id}/start", id).json(start).build())) {
 *     c.stdin().write("echo hi\n".getBytes());
 *     c.stdin().close();                       // EOF for the process
 *     FrameReader frames = FrameReader.multiplexed(c.output(), c.request());
 * }
 * }</pre>
 */
public final class HijackedConnection implements Closeable {
    private final ApiResponse response;
    private final Socket socket;
    private final InputStream output;
    private final OutputStream stdin;

    private HijackedConnection(ApiResponse response, Socket socket, InputStream output, OutputStream stdin) {
        this.response = response;
        this.socket = socket;
        this.output = output;
        this.stdin = stdin;
    }

    static HijackedConnection of(ApiResponse response) {
        Socket socket = response.raw().socket();
        if (socket == null) {
            // The daemon streamed without upgrading (a plain 200): output only, no stdin.
            return new HijackedConnection(response, null, response.body(), OutputStream.nullOutputStream());
        }
        BufferedSource source = Okio.buffer(socket.getSource());
        BufferedSink sink = Okio.buffer(socket.getSink());
        OutputStream stdin = new OutputStream() {
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                sink.writeByte(b);
                sink.flush();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                sink.write(b, off, len);
                sink.flush();
            }

            @Override
            public synchronized void close() throws IOException {
                if (!closed) {
                    closed = true;
                    sink.close(); // flushes, then shuts the socket's output down: EOF for the process
                }
            }
        };
        return new HijackedConnection(response, socket, source.inputStream(), stdin);
    }

    /** What the process writes: multiplexed frames, or raw bytes when it has a TTY. */
    public InputStream output() {
        return output;
    }

    /** The process's stdin; {@code close()} sends EOF and leaves the output open. */
    public OutputStream stdin() {
        return stdin;
    }

    /** Whether the daemon upgraded the connection (101); false when it streamed a plain 200 without stdin. */
    public boolean isUpgraded() {
        return socket != null;
    }

    /** The content type the daemon announced, or null (API 1.42+ tells multiplexed from raw). */
    public String contentType() {
        return response.header("Content-Type");
    }

    /** The method and path that opened this connection. */
    public String request() {
        return response.request();
    }

    /** Drops the connection; a read blocked in another thread ends. */
    @Override
    public void close() {
        if (socket != null) {
            socket.cancel();
            // Closing both halves tells OkHttp the exchange is over, so the call is released, not reported leaked.
            closeQuietly(output);
            closeQuietly(stdin);
        }
        response.close();
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            // the socket is already cancelled: nothing more to release
        }
    }
}
