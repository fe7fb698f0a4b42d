package dev.berth.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A {@link Socket} over a byte channel: a Unix domain {@link SocketChannel} or a Windows named pipe opened as a
 * file. OkHttp speaks HTTP/1.1 over it and keeps it in its connection pool like a TCP socket.
 *
 * <p>Reads block on the channel (one system call each) unless a read timeout is set, in which case they wait with a
 * selector. {@link #shutdownOutput()} half-closes the channel so that the process behind an attached stdin sees EOF.
 * {@link #close()} from any thread ends a blocked read at once.
 */
class ChannelSocket extends LocalSocket {
    /** The read and write buffer size: what one system call moves at most. */
    static final int BUFFER = 64 * 1024;
    private final String description;
    private final Opener opener;
    private volatile ByteChannel channel;
    private Selector selector;
    final InputStream in = new ChannelInput();
    final OutputStream out = new ChannelOutput();

    /** Opens the channel when OkHttp connects. */
    @FunctionalInterface
    interface Opener {
        ByteChannel open(int connectTimeoutMillis) throws IOException;
    }

    ChannelSocket(String description, Opener opener) {
        this.description = description;
        this.opener = opener;
    }

    @Override
    public void connect(SocketAddress ignored, int timeoutMillis) throws IOException {
        if (closed) {
            throw new SocketException("Socket is closed");
        }
        if (channel != null) {
            throw new SocketException("already connected");
        }
        channel = opener.open(timeoutMillis);
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

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (channel != null) {
                channel.close();
            }
        } finally {
            if (selector != null) {
                selector.close();
            }
        }
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

    @Override
    public String toString() {
        return "ChannelSocket[" + description + (closed ? ", closed" : "") + "]";
    }

    private int read(ByteBuffer buf) throws IOException {
        int timeout = soTimeoutMillis;
        if (timeout == 0 || !(channel instanceof SelectableChannel sc)) {
            return channel.read(buf);
        }
        return timedRead(sc, buf, timeout);
    }

    /** A read that gives up after the timeout: non-blocking mode and a selector, then back to blocking mode. */
    private synchronized int timedRead(SelectableChannel sc, ByteBuffer buf, int timeoutMillis) throws IOException {
        if (selector == null) {
            selector = Selector.open();
        }
        sc.configureBlocking(false);
        SelectionKey key = sc.register(selector, SelectionKey.OP_READ);
        try {
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            while (true) {
                int n = channel.read(buf);
                if (n != 0) {
                    return n;
                }
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    throw new SocketTimeoutException("read timed out after " + timeoutMillis + " ms on " + description);
                }
                selector.select(left);
                selector.selectedKeys().clear();
                if (closed) {
                    throw new SocketException("Socket closed");
                }
            }
        } finally {
            key.cancel();
            if (!closed) {
                selector.selectNow();
                sc.configureBlocking(true);
            }
        }
    }

    /**
     * Reads through a direct buffer of {@link #BUFFER} bytes: one system call fills it (OkHttp asks for 8 KiB at a
     * time), and the channel reads into native memory without the JDK's extra copy.
     */
    private final class ChannelInput extends InputStream {
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER).flip();

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        /**
         * Synchronized: OkHttp may drain a body from the thread that closes it while the reader's thread is still
         * inside a read; the two must not share the buffer at the same time.
         */
        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (closed) {
                throw new SocketException("Socket closed");
            }
            if (!buffer.hasRemaining()) {
                if (inputShutdown) {
                    return -1;
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
            return buffer.remaining();
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
        public synchronized void write(byte[] b, int off, int len) throws IOException {
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
        }

        @Override
        public synchronized void flush() throws IOException {
            drain();
        }

        private void drain() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }

        @Override
        public void close() throws IOException {
            ChannelSocket.this.close();
        }
    }
}
