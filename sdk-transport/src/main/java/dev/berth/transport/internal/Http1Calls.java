package dev.berth.transport.internal;

import dev.berth.transport.ApiRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.SocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Berth's own HTTP/1.1 client for the endpoints without TLS (Unix sockets, named pipes, ssh, plain TCP): requests
 * written straight to the socket, answers read from it, connections kept in a small pool. It exists for speed: a
 * call costs a fraction of the CPU of a general-purpose client, and a first call loads no HTTP library.
 *
 * <p>A pooled connection the daemon may have closed while idle is checked before use when it was idle a while or
 * the body cannot be sent twice; a call that fails on a reused connection before any byte of the answer arrived is
 * sent again once on a new one, when its body can be.
 */
public final class Http1Calls implements HttpCalls {
    private static final int MAX_IDLE = 8;
    private static final int ACTIVE = 0;
    private static final int CANCELLED = 1;
    private static final int RELEASED = 2;
    private static final long KEEP_ALIVE_NANOS = TimeUnit.MINUTES.toNanos(5);
    /** A connection idle this long is checked before it is used again. */
    private static final long CHECK_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final SocketFactory sockets;
    private final @Nullable SocketAddress address;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final long callTimeoutNanos;
    private final String callTimeoutWords;
    private final boolean checkable;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Http1Connection> idle = new ArrayDeque<>();
    private boolean closed;

    /**
     * @param sockets makes the connections' sockets
     * @param address what to connect them to; null for sockets bound to one socket file, pipe or process
     * @param checkable whether a pooled connection can be checked with a short timed read (not on a pipe)
     */
    public Http1Calls(SocketFactory sockets, @Nullable SocketAddress address, Duration connect, Duration read,
            Duration call, boolean checkable) {
        this.sockets = sockets;
        this.address = address;
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connect.toMillis());
        this.readTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, read.toMillis());
        this.callTimeoutNanos = call.toNanos();
        this.callTimeoutWords = call.toMillis() % 1000 == 0 ? "call timeout " + call.toSeconds() + " s"
                : "call timeout " + call.toMillis() + " ms";
        this.checkable = checkable;
    }

    @Override
    public HttpCall newCall(OutgoingRequest request) {
        return new Call(request);
    }

    /** A connection whose answer ended cleanly: kept for the next call, up to {@link #MAX_IDLE}. */
    void release(Http1Connection connection) {
        connection.idleSince = System.nanoTime();
        connection.reused = true;
        connection.answerStarted = false;
        Http1Connection evicted = null;
        lock.lock();
        try {
            if (closed) {
                evicted = connection;
            } else {
                idle.addLast(connection);
                if (idle.size() > MAX_IDLE) {
                    evicted = idle.pollFirst();
                }
            }
        } finally {
            lock.unlock();
        }
        if (evicted != null) {
            evicted.drop();
        }
    }

    /** The most recently used idle connection that still works, or null. */
    private @Nullable Http1Connection pooled(boolean mustCheck) {
        while (true) {
            Http1Connection c;
            lock.lock();
            try {
                c = idle.pollLast();
            } finally {
                lock.unlock();
            }
            if (c == null) {
                return null;
            }
            long idleNanos = System.nanoTime() - c.idleSince;
            if (idleNanos > KEEP_ALIVE_NANOS
                    || checkable && (mustCheck || idleNanos > CHECK_AFTER_NANOS) && !c.isHealthy()) {
                c.drop();
                continue;
            }
            return c;
        }
    }

    private Http1Connection connect() throws IOException {
        Socket socket = sockets.createSocket();
        try {
            socket.connect(address, connectTimeoutMillis);
            return new Http1Connection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public void close() {
        lock.lock();
        List<Http1Connection> all;
        try {
            closed = true;
            all = List.copyOf(idle);
            idle.clear();
        } finally {
            lock.unlock();
        }
        all.forEach(Http1Connection::drop);
    }

    /** One call: its connection, once it has one, and what stopped it. */
    final class Call implements HttpCall {
        private final OutgoingRequest request;
        private volatile @Nullable Http1Connection connection;
        private volatile boolean cancelled;
        /**
         * Who has the connection once the answer is being read: the call ({@link #ACTIVE}), a cancel that dropped it,
         * or the pool it went back to. One of the last two wins, so a cancel racing with the answer's end (a deadline
         * just then) never drops a connection the pool already gave to another call.
         */
        private final AtomicInteger owner = new AtomicInteger(ACTIVE);
        private volatile boolean timedOut;
        private volatile Watchdog.@Nullable Entry timeout;

        Call(OutgoingRequest request) {
            this.request = request;
        }

        @Override
        public Exchange execute() throws IOException {
            if (callTimeoutNanos > 0 && !request.streaming()) {
                timeout = Watchdog.arm(System.nanoTime() + callTimeoutNanos, () -> {
                    timedOut = true;
                    cancel();
                });
            }
            try {
                String head = Http1Request.head(request);
                Http1Connection c = pooled(!request.replayable());
                if (c != null) {
                    try {
                        return exchange(c, head);
                    } catch (IOException e) {
                        c.drop();
                        if (c.answerStarted || !request.replayable() || cancelled
                                || e instanceof InterruptedIOException || Thread.currentThread().isInterrupted()) {
                            throw e;
                        }
                        // the daemon closed the idle connection as the request went out: once more, on a new one
                    }
                }
                Http1Connection fresh = connect();
                try {
                    return exchange(fresh, head);
                } catch (IOException | RuntimeException e) {
                    fresh.drop();
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                finished();
                if (timedOut) {
                    InterruptedIOException t = new InterruptedIOException("timeout (" + callTimeoutWords + ")");
                    t.initCause(e);
                    throw t;
                }
                if (cancelled && e instanceof IOException && !(e instanceof InterruptedIOException)) {
                    throw new IOException("Canceled", e);
                }
                throw e;
            }
        }

        private Exchange exchange(Http1Connection c, String head) throws IOException {
            connection = c;
            if (cancelled) {
                throw new IOException("Canceled");
            }
            c.socket.setSoTimeout(request.streaming() ? 0 : readTimeoutMillis);
            byte[] content = request.content();
            c.write(head, content);
            ApiRequest.BodyWriter writer = request.writer();
            if (writer != null) {
                OutputStream chunked = new ChunkedOutput(c.output());
                writer.writeTo(chunked);
                chunked.close(); // the last chunk; the connection stays open
            }
            return Http1Exchange.read(Http1Calls.this, this, c, request.method().equals("HEAD"));
        }

        @Override
        public void cancel() {
            cancelled = true;
            Http1Connection c = connection;
            if (c != null && owner.compareAndSet(ACTIVE, CANCELLED)) {
                c.drop();
            }
        }

        /** The answer ended cleanly: whether its connection may go back to the pool (no cancel came first). */
        boolean release() {
            return owner.compareAndSet(ACTIVE, RELEASED);
        }

        /** The answer was read or dropped: its call timeout no longer applies. */
        void finished() {
            Watchdog.Entry t = timeout;
            if (t != null) {
                t.disarm();
            }
        }

        boolean timedOut() {
            return timedOut;
        }

        String timeoutWords() {
            return callTimeoutWords;
        }
    }
}
