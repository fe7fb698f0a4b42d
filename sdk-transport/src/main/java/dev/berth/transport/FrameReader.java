package dev.berth.transport;

import dev.berth.errors.StreamException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads the daemon's multiplexed stream format (logs, attach and exec without a TTY), frame by frame, in the
 * caller's thread: an 8-byte header {@code [type, 0, 0, 0, length (uint32, big-endian)]}, then the payload. Frames
 * split across reads are reassembled; zero-length frames are skipped; a type-3 frame (a daemon error) and a stream
 * cut inside a frame raise {@link StreamException}. With a TTY the stream is raw bytes, read as one endless
 * stdout frame.
 *
 * <pre>{@code
 * FrameReader frames = FrameReader.multiplexed(body, "GET /containers/x/logs");   // FrameReader.raw with a TTY
 * byte[] buf = new byte[8192];
 * for (StreamType t; (t = frames.next()) != null; ) {
 *     for (int n; (n = frames.read(buf, 0, buf.length)) > 0; ) {
 *         (t == StreamType.STDERR ? System.err : System.out).write(buf, 0, n);
 *     }
 * }
 * }</pre>
 *
 * <p>Payloads are not copied into new arrays: the caller reads them through {@link #read}. Not thread-safe, except
 * {@link #close()}. Over a call's body, a read of a call that was stopped (an interrupt, a close, a deadline; see
 * {@link Transport}) throws {@link dev.berth.errors.CallCancelledException}, unchecked, through every method here.
 */
public final class FrameReader implements Closeable {
    /** The largest error frame read into a message. */
    private static final int MAX_ERROR_FRAME = 1 << 20;
    /** The largest array {@link #readPayload()} makes (the JVM's limit is a little under Integer.MAX_VALUE). */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final InputStream in;
    private final boolean raw;
    private final String request;
    private final byte[] header = new byte[8];
    private long remaining;
    private boolean ended;

    private FrameReader(InputStream in, boolean raw, String request) {
        this.in = in;
        this.raw = raw;
        this.request = request;
    }

    /**
     * A reader of multiplexed frames.
     *
     * @param in the stream's body: 8-byte headers (stream type, length) each followed by its payload
     * @param request the method and path of the stream's request, for messages
     * @return a reader positioned before the first frame
     */
    public static FrameReader multiplexed(InputStream in, String request) {
        return new FrameReader(in, false, request);
    }

    /**
     * A reader of raw TTY output: one stdout frame that lasts until the stream ends.
     *
     * @param in the stream's body, the TTY's bytes as they come
     * @param request the method and path of the stream's request, for messages
     * @return a reader positioned before its single frame
     */
    public static FrameReader raw(InputStream in, String request) {
        return new FrameReader(in, true, request);
    }

    /**
     * Moves to the next frame, skipping what is left of the current one.
     *
     * @return the frame's stream, or null when the stream ended cleanly between frames
     * @throws StreamException on a daemon error frame, an unknown frame type, or a stream cut inside a header
     * @throws IOException when reading the stream fails
     */
    public @Nullable StreamType next() throws IOException {
        skipRest();
        if (ended) {
            return null;
        }
        if (raw) {
            remaining = Long.MAX_VALUE;
            ended = true; // the one frame is the whole stream
            return StreamType.STDOUT;
        }
        while (true) {
            int got = readFully(header, 0, 8);
            if (got == 0) {
                ended = true;
                return null;
            }
            if (got < 8) {
                ended = true;
                throw new StreamException("stream ended inside a frame header (" + got + " of 8 bytes)", request);
            }
            long length = ((header[4] & 0xffL) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
                    | (header[7] & 0xff);
            int type = header[0] & 0xff;
            if (type == 3) {
                throw new StreamException(errorFrame(length), request);
            }
            StreamType stream = StreamType.ofFrameType(type);
            if (stream == null) {
                ended = true;
                throw new StreamException("unknown frame type " + type + " (not a multiplexed stream?)", request);
            }
            if (length > 0) {
                remaining = length;
                return stream;
            }
        }
    }

    /** {@return the method and path of the stream's request, for messages} */
    public String request() {
        return request;
    }

    /**
     * Bytes of the current frame not read yet ({@code Long.MAX_VALUE} for raw output).
     *
     * @return the payload bytes left in the current frame; 0 between frames
     */
    public long remaining() {
        return remaining;
    }

    /**
     * Reads from the current frame's payload.
     *
     * @param b the buffer to read into
     * @param off where in {@code b} to start
     * @param len the most bytes to read
     * @return bytes read, or -1 at the end of the frame
     * @throws StreamException when the stream ends inside the payload
     * @throws IOException when reading the stream fails
     */
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            if (raw) {
                remaining = 0;
                return -1;
            }
            ended = true;
            long missing = remaining;
            remaining = 0;
            throw new StreamException("stream ended inside a frame (" + missing + " bytes missing)", request);
        }
        remaining -= n;
        return n;
    }

    /**
     * Reads the rest of the current frame into a new array (raw output: up to the end of the stream).
     *
     * @return the payload bytes not read yet; empty when none are left
     * @throws StreamException when the stream ends inside the payload, or the frame is too large for one array
     *         (read such a frame with {@link #read})
     * @throws IOException when reading the stream fails
     */
    public byte[] readPayload() throws IOException {
        if (raw) {
            byte[] all = in.readAllBytes();
            remaining = 0;
            return all;
        }
        if (remaining > MAX_ARRAY) {
            throw new StreamException("a frame of " + remaining + " bytes is too large to read into one array", request);
        }
        int size = (int) remaining;
        // grows as the bytes arrive: a header that promises more than the stream holds costs no large allocation
        byte[] payload = new byte[Math.min(size, 1 << 16)];
        int off = 0;
        while (off < size) {
            if (off == payload.length) {
                payload = Arrays.copyOf(payload, (int) Math.min(size, 2L * payload.length));
            }
            off += read(payload, off, payload.length - off);
        }
        return payload;
    }

    private void skipRest() throws IOException {
        if (remaining == 0) {
            return;
        }
        byte[] skip = new byte[8192];
        while (read(skip, 0, skip.length) >= 0) {
            // discard the unread part of the frame
        }
    }

    private String errorFrame(long length) throws IOException {
        byte[] msg = new byte[(int) Math.min(length, MAX_ERROR_FRAME)];
        int got = readFully(msg, 0, msg.length);
        ended = true;
        return new String(msg, 0, got, StandardCharsets.UTF_8).trim();
    }

    private int readFully(byte[] b, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = in.read(b, off + total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** Closes the underlying stream (which cancels its call). */
    @Override
    public void close() throws IOException {
        in.close();
    }
}
