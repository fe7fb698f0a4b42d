package dev.berth.internal;

import dev.berth.errors.CallCancelledException;
import dev.berth.transport.FrameReader;
import dev.berth.transport.StreamType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Splits a multiplexed stream into a stdout and a stderr {@link InputStream}, pulled by the caller's thread: reading
 * one stream reads frames until one of its own arrives, keeping frames of the other stream (in memory) for later.
 * Stdout also carries stdin-typed frames, as the CLI does. With a TTY the output is raw and all of it is stdout.
 *
 * <p>Read both streams, or the one you read may wait behind a large backlog of the other; {@link #merged()} reads
 * both in arrival order.
 *
 * <p>Reads of both streams take turns under a {@link ReentrantLock}, not {@code synchronized}: the holder may block
 * in a socket read, and a virtual thread must not pin its carrier there. A thread interrupted while it waits for
 * its turn stops the stream, as one interrupted in the read itself does, with {@link CallCancelledException}.
 */
public final class Demultiplexer {
    private final FrameReader frames;
    private final Channel stdout = new Channel(StreamType.STDOUT);
    private final Channel stderr = new Channel(StreamType.STDERR);
    private final ReentrantLock lock = new ReentrantLock();
    private boolean ended;

    /**
     * The frames of a container's or exec's output: raw when it has a TTY, multiplexed otherwise.
     *
     * @param in the output
     * @param tty whether the container or exec has a TTY
     * @param request the request, for messages
     * @return the frame reader
     */
    public static FrameReader frames(InputStream in, boolean tty, String request) {
        return tty ? FrameReader.raw(in, request) : FrameReader.multiplexed(in, request);
    }

    public Demultiplexer(FrameReader frames) {
        this.frames = frames;
    }

    public InputStream stdout() {
        return stdout;
    }

    public InputStream stderr() {
        return stderr;
    }

    /** Both streams in the order the daemon sent them. */
    public InputStream merged() {
        return new ByteStream() {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                lock();
                try {
                    int n = stdout.drainBacklog(b, off, len);
                    if (n > 0) {
                        return n;
                    }
                    n = stderr.drainBacklog(b, off, len);
                    if (n > 0) {
                        return n;
                    }
                    while (!ended) {
                        if (frames.remaining() > 0) {
                            n = frames.read(b, off, len);
                            if (n > 0) {
                                return n;
                            }
                        }
                        if (frames.next() == null) {
                            ended = true;
                        }
                    }
                    return -1;
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public void close() throws IOException {
                frames.close();
            }
        };
    }

    /** Waits for this thread's turn to read; an interrupt meanwhile stops the stream. */
    private void lock() throws IOException {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            frames.close(); // the stream is the interrupted thread's too: stop it and free its socket
            throw new CallCancelledException(CallCancelledException.Reason.INTERRUPTED,
                    "while waiting for another thread's read", frames.request(), e);
        }
    }

    private int read(Channel want, byte[] b, int off, int len) throws IOException {
        lock();
        try {
            return readLocked(want, b, off, len);
        } finally {
            lock.unlock();
        }
    }

    private int readLocked(Channel want, byte[] b, int off, int len) throws IOException {
        int n = want.drainBacklog(b, off, len);
        if (n > 0) {
            return n;
        }
        while (true) {
            if (current != null && frames.remaining() > 0) {
                if (current == want) {
                    n = frames.read(b, off, len);
                    if (n > 0) {
                        return n;
                    }
                } else {
                    current.keep(frames.readPayload());
                }
                continue;
            }
            if (ended) {
                return -1;
            }
            StreamType t = frames.next();
            if (t == null) {
                ended = true;
                current = null;
                return -1;
            }
            current = t == StreamType.STDERR ? stderr : stdout;
        }
    }

    private Channel current;

    /** One output stream with the frames that arrived while the other was being read. */
    private final class Channel extends ByteStream {
        private final StreamType type;
        private final ArrayDeque<byte[]> backlog = new ArrayDeque<>();
        private int backlogOffset;

        Channel(StreamType type) {
            this.type = type;
        }

        void keep(byte[] payload) {
            backlog.add(payload);
        }

        int drainBacklog(byte[] b, int off, int len) {
            byte[] head = backlog.peek();
            if (head == null) {
                return 0;
            }
            int n = Math.min(len, head.length - backlogOffset);
            System.arraycopy(head, backlogOffset, b, off, n);
            backlogOffset += n;
            if (backlogOffset == head.length) {
                backlog.poll();
                backlogOffset = 0;
            }
            return n;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            return Demultiplexer.this.read(this, b, off, len);
        }

        @Override
        public void close() throws IOException {
            frames.close();
        }

        @Override
        public String toString() {
            return type.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** An input stream whose single-byte read goes through the array read. */
    private abstract static class ByteStream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public abstract int read(byte[] b, int off, int len) throws IOException;
    }

    /** Reads both streams to the end: stdout and stderr as byte arrays. */
    public byte[][] readAll() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        for (StreamType t; (t = frames.next()) != null; ) {
            ByteArrayOutputStream to = t == StreamType.STDERR ? err : out;
            for (int n; (n = frames.read(buf, 0, buf.length)) > 0; ) {
                to.write(buf, 0, n);
            }
        }
        return new byte[][] {out.toByteArray(), err.toByteArray()};
    }
}
