package dev.berth.transport;

import dev.berth.errors.CallCancelledException.Reason;
import dev.berth.errors.CallCancelledException;
import dev.berth.errors.DockerException;
import dev.berth.transport.internal.Exchange;
import dev.berth.transport.internal.InFlightCall;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The raw connection after {@code 101 UPGRADED} (attach, exec start): the daemon's output to read, and the process's
 * stdin to write. Closing {@link #stdin()} half-closes the socket, so the process sees EOF while its output can
 * still be read. {@link #close()} from any thread drops the connection and ends a blocked read.
 *
 * <p>Like any call, a session stops when the thread reading or writing it is interrupted, or when the client view it
 * was made through is closed or reaches its deadline: reads and writes then throw {@link CallCancelledException},
 * and the connection is dropped.
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
    private final boolean upgraded;
    private final InputStream output;
    private final OutputStream stdin;

    private HijackedConnection(ApiResponse response, boolean upgraded, InputStream output, OutputStream stdin) {
        this.response = response;
        this.upgraded = upgraded;
        this.output = output;
        this.stdin = stdin;
    }

    static HijackedConnection of(ApiResponse response) {
        if (response.status() != 101) {
            // The daemon streamed without upgrading (a plain 200): output only, no stdin.
            return new HijackedConnection(response, false, response.body(), OutputStream.nullOutputStream());
        }
        Exchange exchange = response.exchange();
        InFlightCall call = response.inFlight();
        call.onCancel(exchange::cancel);
        try {
            return new HijackedConnection(response, true, new Output(exchange.upgradedInput(), call),
                    new Stdin(exchange.upgradedOutput(), call));
        } catch (IOException e) {
            response.close();
            throw new DockerException(0, "the upgraded connection cannot be used: " + e.getMessage(),
                    response.request(), e);
        }
    }

    /** The daemon's output; a stopped call's read throws {@link CallCancelledException}. */
    private static final class Output extends FilterInputStream {
        private final InFlightCall call;

        Output(InputStream in, InFlightCall call) {
            super(in);
            this.call = call;
        }

        @Override
        public int read() throws IOException {
            call.check();
            try {
                return super.read();
            } catch (IOException e) {
                throw failed(call, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            call.check();
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw failed(call, e);
            }
        }
    }

    /** The process's stdin: each write is flushed at once; close half-closes. */
    private static final class Stdin extends OutputStream {
        private final OutputStream sink;
        private final InFlightCall call;
        /** Not {@code synchronized}: a close flushes to the socket, which may block. */
        private final ReentrantLock lock = new ReentrantLock();
        private boolean closed;

        Stdin(OutputStream sink, InFlightCall call) {
            this.sink = sink;
            this.call = call;
        }

        @Override
        public void write(int b) throws IOException {
            call.check();
            try {
                sink.write(b);
                sink.flush();
            } catch (IOException e) {
                throw failed(call, e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            call.check();
            try {
                sink.write(b, off, len);
                sink.flush();
            } catch (IOException e) {
                throw failed(call, e);
            }
        }

        @Override
        public void close() throws IOException {
            lock.lock();
            try {
                if (!closed) {
                    closed = true;
                    sink.close(); // flushes, then shuts the socket's output down: EOF for the process
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private static IOException failed(InFlightCall call, IOException e) {
        CallCancelledException cancelled = call.cancelled(e);
        if (cancelled != null) {
            throw cancelled;
        }
        return e;
    }

    /**
     * What the process writes: multiplexed frames, or raw bytes when it has a TTY.
     *
     * @return the stream of the process's output; read it with {@link FrameReader#multiplexed} or, when
     *         {@link #contentType()} or the TTY flag says raw, {@link FrameReader#raw}
     */
    public InputStream output() {
        return output;
    }

    /**
     * The process's stdin; {@code close()} sends EOF and leaves the output open.
     *
     * @return the stream to the process's stdin; one that discards what is written when the connection was not upgraded
     */
    public OutputStream stdin() {
        return stdin;
    }

    /**
     * Whether the daemon upgraded the connection (101); false when it streamed a plain 200 without stdin.
     *
     * @return true after a {@code 101 Switching Protocols} answer
     */
    public boolean isUpgraded() {
        return upgraded;
    }

    /**
     * The content type the daemon announced, or null (API 1.42+ tells multiplexed from raw).
     *
     * @return {@code application/vnd.docker.multiplexed-stream} or {@code application/vnd.docker.raw-stream} from API
     *         1.42 on; null from older daemons
     */
    public @Nullable String contentType() {
        return response.header("Content-Type");
    }

    /**
     * The method and path that opened this connection.
     *
     * @return such as {@code POST /v1.41/containers/abc/attach}
     */
    public String request() {
        return response.request();
    }

    /**
     * Drops the connection; a read or write blocked in another thread ends with {@link CallCancelledException}
     * ({@link Reason#CLOSED}).
     */
    @Override
    public void close() {
        if (upgraded) {
            response.inFlight().cancel(Reason.CLOSED, "its session was closed"); // also drops the connection
            response.exchange().cancel();
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
