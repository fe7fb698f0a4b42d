package dev.berth.transport.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Socket} over a byte channel: a Unix domain or TCP {@link SocketChannel}, or a Windows named pipe opened
 * as a file. OkHttp speaks HTTP/1.1 over it (TLS too, layered on top) and keeps it in its connection pool like any
 * socket.
 *
 * <p>A socket channel is kept in non-blocking mode, and a read or write that cannot proceed waits in a selector for
 * that one direction ({@link Waiter}). A blocking read of a Unix socket is woken twice per answer: once, for nothing,
 * when the daemon consumes the request (the kernel wakes a socket's sleepers when its send buffer frees up), and once
 * when the answer comes; a selector waits for readable data only, so the spurious wake-up and its context switch are
 * gone: a quarter of the CPU of a small call (DEVELOPERS.md, "The HTTP layer"). A read timeout bounds that wait. A
 * channel opened on a virtual thread stays blocking ({@link #onVirtualThread()}), and waits in a selector only for a
 * timed read; a pipe opened as a file cannot be selected: it blocks in the read, and has no timeout.
 * {@link #shutdownOutput()} half-closes the channel so that the process behind an attached stdin sees EOF.
 * {@link #close()} from any thread ends a blocked read or write at once.
 *
 * <p><b>Interrupts.</b> The JDK's channels are interruptible: interrupting a thread in a read, a write or a connect
 * closes the channel and ends the call, which a {@code java.net.Socket} on a platform thread does not do; an interrupt
 * also wakes a selector. Every such end is reported as an {@link InterruptedIOException} (which OkHttp never retries)
 * with the thread's interrupt flag left set, and leaves this socket closed, so that no pool reuses it.
 *
 * <p><b>Locks.</b> One reader and one writer at a time, each under a {@link ReentrantLock} rather than
 * {@code synchronized}, so that a virtual thread blocked here does not pin its carrier. Reads are serialised because
 * OkHttp may drain a body from the thread that closes it while the reader's thread is still inside a read: the two
 * must not share the read buffer.
 */
public class ChannelSocket extends LocalSocket {
    /** The read and write buffer size: what one system call moves at most. */
    static final int BUFFER = 64 * 1024;
    private final String description;
    private final Opener opener;
    private volatile ByteChannel channel;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock closeLock = new ReentrantLock();
    /** Where reads wait, under {@link #readLock}; writes, under {@link #writeLock}. */
    private final Waiter readable = new Waiter(SelectionKey.OP_READ, readLock);
    private final Waiter writable = new Waiter(SelectionKey.OP_WRITE, writeLock);
    final InputStream in = new ChannelInput();
    final OutputStream out = new ChannelOutput();

    /** Opens the channel when OkHttp connects. */
    @FunctionalInterface
    interface Opener {
        /**
         * @param address where OkHttp asks to connect; sockets bound to one socket file or pipe ignore it
         * @param connectTimeoutMillis how long connecting may take; 0 is no limit
         */
        ByteChannel open(SocketAddress address, int connectTimeoutMillis) throws IOException;
    }

    /** Keep the channel blocking, as on a virtual thread: for tests on Java 17. Set before {@link #connect}. */
    boolean keepBlocking;

    /** {@code Thread.isVirtual()} (Java 21); null on Java 17, which has no virtual threads. */
    private static final Method IS_VIRTUAL = isVirtualMethod();

    private static Method isVirtualMethod() {
        try {
            return Thread.class.getMethod("isVirtual");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /**
     * Whether the current thread is virtual. A channel opened on one stays in blocking mode: a virtual thread blocked
     * in a channel's read parks, while one waiting in a selector holds its carrier thread (Java 21).
     */
    static boolean onVirtualThread() {
        try {
            return IS_VIRTUAL != null && (boolean) IS_VIRTUAL.invoke(Thread.currentThread());
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    ChannelSocket(String description, Opener opener) {
        this.description = description;
        this.opener = opener;
    }

    @Override
    public void connect(SocketAddress address, int timeoutMillis) throws IOException {
        if (closed) {
            throw new SocketException("Socket is closed");
        }
        if (channel != null) {
            throw new SocketException("already connected");
        }
        try {
            ByteChannel ch = opener.open(address, timeoutMillis);
            if (ch instanceof SelectableChannel sc && !keepBlocking && !onVirtualThread()) {
                sc.configureBlocking(false); // for good: see the class comment
            }
            channel = ch;
        } catch (IOException e) {
            if (e instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
                throw interrupted("connecting to", e);
            }
            throw e;
        }
    }

    @Override
    public void shutdownInput() throws IOException {
        requireOpen();
        if (channel instanceof SocketChannel sc) {
            sc.shutdownInput();
        }
        inputShutdown = true;
    }

    @Override
    public void shutdownOutput() throws IOException {
        requireOpen();
        if (channel instanceof SocketChannel sc) {
            out.flush();
            sc.shutdownOutput();
        } else {
            // A pipe has no half-close: the daemon sees EOF only when the whole handle closes.
            throw new UnsupportedOperationException("half-close is not supported on " + description);
        }
        outputShutdown = true;
    }

    /**
     * Closes the channel; a read or write blocked in another thread ends at once. A waiter's selector is closed here
     * when no read or write holds it, else by that read or write as it leaves.
     */
    @Override
    public void close() throws IOException {
        closeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            readable.wakeup(); // closing a channel does not wake a select waiting on it
            writable.wakeup();
            if (channel != null) {
                channel.close();
            }
        } finally {
            closeLock.unlock();
        }
        readable.closeIfIdle();
        writable.closeIfIdle();
    }

    @Override
    boolean isOpened() {
        return channel != null;
    }

    @Override
    InputStream input() {
        return in;
    }

    @Override
    OutputStream output() {
        return out;
    }

    /** The peer's address for a TCP channel; loopback for a socket file or a pipe. */
    @Override
    public InetAddress getInetAddress() {
        InetSocketAddress a = inet(true);
        return a != null ? a.getAddress() : super.getInetAddress();
    }

    @Override
    public int getPort() {
        InetSocketAddress a = inet(true);
        return a != null ? a.getPort() : super.getPort();
    }

    @Override
    public InetAddress getLocalAddress() {
        InetSocketAddress a = inet(false);
        return a != null ? a.getAddress() : super.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        InetSocketAddress a = inet(false);
        return a != null ? a.getPort() : super.getLocalPort();
    }

    private InetSocketAddress inet(boolean remote) {
        if (channel instanceof SocketChannel sc) {
            try {
                SocketAddress a = remote ? sc.getRemoteAddress() : sc.getLocalAddress();
                return a instanceof InetSocketAddress i ? i : null;
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "ChannelSocket[" + description + (closed ? ", closed" : "") + "]";
    }

    /**
     * The thread was interrupted while using the channel: the JDK closed the channel (or a timed wait saw the flag);
     * close this socket too so that no pool hands it out again, and say so in a way OkHttp does not retry.
     */
    private InterruptedIOException interrupted(String doing, IOException cause) {
        try {
            close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
        InterruptedIOException e = new InterruptedIOException("interrupted while " + doing + " " + description);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    private int read(ByteBuffer buf) throws IOException {
        ByteChannel ch = channel;
        try {
            int timeout = soTimeoutMillis;
            if (!(ch instanceof SelectableChannel sc) || timeout == 0 && sc.isBlocking()) {
                return ch.read(buf); // a pipe, or a channel a virtual thread opened: blocks (a virtual thread parks)
            }
            boolean blocking = sc.isBlocking(); // a timed read of a blocking channel: non-blocking for this read
            if (blocking) {
                sc.configureBlocking(false);
            }
            try {
                long deadline = timeout == 0 ? 0 : System.nanoTime() + timeout * 1_000_000L;
                while (true) {
                    int n = ch.read(buf);
                    if (n != 0) {
                        return n;
                    }
                    if (!readable.await(sc, deadline, "reading from")) {
                        throw new SocketTimeoutException("read timed out after " + timeout + " ms on " + description);
                    }
                }
            } finally {
                if (blocking) {
                    readable.release(sc);
                }
            }
        } catch (ClosedByInterruptException e) {
            throw interrupted("reading from", e);
        }
    }

    /**
     * A selector for one direction of the channel, made on the first wait and used only under that direction's lock
     * (a selector serves one waiting thread at a time; a reader and a writer of an attached stream wait at once).
     */
    private final class Waiter {
        private final int operation;
        private final ReentrantLock lock;
        private Selector selector;
        /** The selector, for {@link ChannelSocket#close()} to wake from another thread. */
        private volatile Selector wakeable;

        Waiter(int operation, ReentrantLock lock) {
            this.operation = operation;
            this.lock = lock;
        }

        /**
         * Waits until the channel may be read or written, the deadline ({@link System#nanoTime()}; 0 for none)
         * passes (false), or the socket is closed or the thread interrupted (an exception).
         */
        boolean await(SelectableChannel sc, long deadline, String doing) throws IOException {
            try {
                if (selector == null) {
                    selector = Selector.open();
                    wakeable = selector;
                }
                if (sc.keyFor(selector) == null) {
                    sc.register(selector, operation); // once, or on each timed read of a blocking channel
                }
                if (closed) { // after publishing the selector: a close either sees it or is seen here
                    throw new SocketException("Socket closed");
                }
                if (deadline == 0) {
                    selector.select(); // returns at once when the thread is interrupted (the flag stays set)
                } else {
                    long left = (deadline - System.nanoTime()) / 1_000_000L;
                    if (left <= 0) {
                        return false;
                    }
                    selector.select(left);
                }
                selector.selectedKeys().clear();
            } catch (ClosedSelectorException | java.nio.channels.ClosedChannelException e) {
                throw new SocketException("Socket closed");
            }
            if (closed) {
                throw new SocketException("Socket closed");
            }
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(doing, null);
            }
            return true;
        }

        /** Leaves the selector and puts a channel that was blocking back in blocking mode (unless it is closed). */
        void release(SelectableChannel sc) throws IOException {
            if (selector != null) {
                SelectionKey key = sc.keyFor(selector);
                if (key != null) {
                    key.cancel();
                    selector.selectNow(); // the key leaves the selector only at its next selection
                }
            }
            if (!closed) {
                sc.configureBlocking(true);
            }
        }

        void wakeup() {
            Selector s = wakeable;
            if (s != null) {
                s.wakeup();
            }
        }

        void closeIfIdle() {
            if (!lock.tryLock()) {
                return; // the read or write holding it sees closed as it leaves and comes back here
            }
            try {
                if (selector != null) {
                    try {
                        selector.close();
                    } catch (IOException e) {
                        // nothing left to release
                    }
                    selector = null;
                    wakeable = null;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Reads through a direct buffer of {@link #BUFFER} bytes: one system call fills it (OkHttp asks for 8 KiB at a
     * time), and the channel reads into native memory without the JDK's extra copy.
     */
    private final class ChannelInput extends BlockInputStream {
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER).flip();

        /** Serialised under the read lock: see the class comment. */
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            try {
                readLock.lockInterruptibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted("waiting to read from", null);
            }
            try {
                return locked(b, off, len);
            } finally {
                readLock.unlock();
                if (closed) {
                    readable.closeIfIdle();
                }
            }
        }

        private int locked(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new SocketException("Socket closed");
            }
            if (!buffer.hasRemaining()) {
                if (inputShutdown) {
                    return -1;
                }
                if (Thread.currentThread().isInterrupted()) {
                    // what the channel would do on its own, said the same way for the timed and untimed read
                    throw interrupted("reading from", null);
                }
                buffer.clear();
                int n;
                try {
                    n = ChannelSocket.this.read(buffer);
                } finally {
                    buffer.flip(); // also after a timeout: the buffer then holds nothing, never stale bytes
                }
                if (n < 0) {
                    return -1;
                }
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }

        @Override
        public int available() {
            // a peek without the lock: a racing read can only make the answer smaller, never wrong in a harmful way
            return closed ? 0 : buffer.remaining();
        }

        @Override
        public void close() throws IOException {
            ChannelSocket.this.close();
        }
    }

    /**
     * Writes through a direct buffer of {@link #BUFFER} bytes, drained when full and on {@code flush} (OkHttp flushes
     * each request and each hijacked write), so a large upload takes few system calls.
     */
    private final class ChannelOutput extends OutputStream {
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            lock();
            try {
                if (outputShutdown) {
                    throw new SocketException("Socket output is shut down");
                }
                while (len > 0) {
                    if (!buffer.hasRemaining()) {
                        drain();
                    }
                    int n = Math.min(len, buffer.remaining());
                    buffer.put(b, off, n);
                    off += n;
                    len -= n;
                }
            } finally {
                unlock();
            }
        }

        @Override
        public void flush() throws IOException {
            lock();
            try {
                drain();
            } finally {
                unlock();
            }
        }

        private void unlock() {
            writeLock.unlock();
            if (closed) {
                writable.closeIfIdle();
            }
        }

        private void lock() throws IOException {
            try {
                writeLock.lockInterruptibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted("waiting to write to", null);
            }
        }

        private void drain() throws IOException {
            buffer.flip();
            ByteChannel ch = channel;
            try {
                while (buffer.hasRemaining()) {
                    if (ch.write(buffer) == 0 && ch instanceof SelectableChannel sc) {
                        writable.await(sc, 0, "writing to"); // the daemon is not reading: its buffer is full
                    }
                }
            } catch (ClosedByInterruptException e) {
                throw interrupted("writing to", e);
            } finally {
                buffer.clear(); // after a failure the socket is done for: nothing half-written is sent later
            }
        }

        @Override
        public void close() throws IOException {
            ChannelSocket.this.close();
        }
    }
}
