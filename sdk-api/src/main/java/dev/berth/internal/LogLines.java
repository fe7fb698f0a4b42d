package dev.berth.internal;

import dev.berth.model.LogLine;
import dev.berth.transport.FrameReader;
import dev.berth.transport.StreamType;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Turns frames (or raw TTY output) into lines. Each stream keeps its own unfinished line, so a line the daemon
 * sent in several frames (the log drivers cut lines at 16 KiB) is joined, and stdout and stderr never mix. With
 * timestamps, each frame starts with one; the first one of a line is kept, those of its continuations dropped.
 *
 * <p>Memory is bounded whatever the container writes: a line longer than {@code maxLine} bytes is handed out in
 * pieces of at most that many, cut between UTF-8 characters, each but the last {@link LogLine#partial() partial}
 * and all with the line's timestamp. Without that, output with no line end ({@code cat /dev/zero}) grows one line
 * until the heap runs out. Frames are read in chunks, never whole, for the same reason. What is held: one chunk,
 * and up to {@code maxLine} bytes per stream.
 */
public final class LogLines implements Iterator<LogLine>, Closeable {
    /** The default longest line, in bytes: far above real log lines, small enough to hold one per stream. */
    public static final int DEFAULT_MAX_LINE = 1 << 20;
    /** The shortest maximum: the longest UTF-8 character, so that a piece always holds one. */
    public static final int MIN_MAX_LINE = 4;
    /** A timestamp prefix is looked for this far: RFC 3339 with nanoseconds and an offset, then a space. */
    private static final int TIMESTAMP_SPAN = 40;

    private final FrameReader frames;
    private final boolean raw;
    private final boolean timestamps;
    private final int maxLine;
    private final Pending out = new Pending(LogLine.Source.STDOUT);
    private final Pending err = new Pending(LogLine.Source.STDERR);
    private final ArrayDeque<LogLine> ready = new ArrayDeque<>();
    /** The current frame's bytes read but not handled yet: {@code chunk[pos, limit)}. */
    private final byte[] chunk = new byte[16 * 1024];
    private int pos;
    private int limit;
    /** The stream of the frame being read; null between frames. */
    private Pending current;
    private boolean frameStart;
    private boolean ended;

    public LogLines(FrameReader frames, boolean raw, boolean timestamps) {
        this(frames, raw, timestamps, DEFAULT_MAX_LINE);
    }

    public LogLines(FrameReader frames, boolean raw, boolean timestamps, int maxLine) {
        if (maxLine < MIN_MAX_LINE) {
            throw new IllegalArgumentException("the longest line must be at least " + MIN_MAX_LINE + " bytes: "
                    + maxLine);
        }
        this.frames = frames;
        this.raw = raw;
        this.timestamps = timestamps;
        this.maxLine = maxLine;
    }

    /** These lines as a closeable stream: closing it ends the call. */
    public Stream<LogLine> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED
                | Spliterator.NONNULL), false).onClose(this::close);
    }

    @Override
    public boolean hasNext() {
        try {
            while (ready.isEmpty() && !ended) {
                readMore();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading container output", e);
        }
        return !ready.isEmpty();
    }

    @Override
    public LogLine next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    /** Handles some of the input: moves to the next frame, reads a chunk, or takes bytes up to a line end. */
    private void readMore() throws IOException {
        if (current == null) {
            StreamType type = frames.next();
            if (type == null) {
                ended = true;
                out.finish();
                err.finish();
                return;
            }
            current = type == StreamType.STDERR ? err : out;
            frameStart = true;
            pos = 0;
            limit = 0;
        }
        if (pos == limit) {
            int n = frames.read(chunk, 0, chunk.length);
            if (n < 0) {
                current = null; // the end of the frame (raw output: of the stream)
                return;
            }
            pos = 0;
            limit = n;
        }
        // with timestamps, a frame starts with one; raw output has one at each line start instead
        if (timestamps && (raw ? current.expectTimestamp : frameStart)) {
            readTimestampSpan();
            pos = current.stripTimestamp(chunk, pos, limit);
            current.expectTimestamp = false;
        }
        frameStart = false;
        pos = current.append(chunk, pos, limit);
    }

    /**
     * Reads on until the chunk holds a whole timestamp: {@link #TIMESTAMP_SPAN} bytes, a space or a line end, or the
     * end of the frame. A read may stop anywhere, in the middle of a timestamp too.
     */
    private void readTimestampSpan() throws IOException {
        while (limit - pos < TIMESTAMP_SPAN && indexOf(chunk, pos, limit, (byte) ' ') < 0
                && indexOf(chunk, pos, limit, (byte) '\n') < 0) {
            if (pos > 0) {
                System.arraycopy(chunk, pos, chunk, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            int n = frames.read(chunk, limit, chunk.length - limit);
            if (n < 0) {
                return; // and the next read says so again
            }
            limit += n;
        }
    }

    @Override
    public void close() {
        try {
            frames.close();
        } catch (IOException e) {
            // closing cancels the call; nothing to report
        }
    }

    /**
     * One stream's unfinished line: at most {@link #maxLine} bytes (and a {@code \r}); the rest of a longer line is
     * not read yet.
     */
    private final class Pending {
        private final LogLine.Source source;
        private byte[] line = new byte[128];
        private int size;
        private Instant timestamp;
        /** Some of this line was read (maybe handed out already, cut): a timestamp now starts a continuation. */
        private boolean started;
        /** Raw output with timestamps: the next bytes start a line, and so with its timestamp. */
        boolean expectTimestamp = true;

        Pending(LogLine.Source source) {
            this.source = source;
        }

        /** Takes {@code b[from, to)} up to and including the first line end; returns where it stopped. */
        int append(byte[] b, int from, int to) {
            int nl = indexOf(b, from, to, (byte) '\n');
            write(b, from, nl < 0 ? to : nl);
            if (nl < 0) {
                return to;
            }
            int n = size;
            if (n > 0 && line[n - 1] == '\r') {
                n--;
            }
            emit(n, false);
            size = 0;
            timestamp = null;
            started = false;
            expectTimestamp = true;
            return nl + 1;
        }

        /**
         * Adds bytes of the line. The line is cut only when a byte comes that does not fit, so that a line of
         * exactly {@code maxLine} bytes is whole, not a full piece and an empty one; and a {@code \r} just past the
         * maximum waits for the next byte, as a TTY ends lines with {@code \r\n}.
         */
        private void write(byte[] b, int off, int end) {
            while (off < end) {
                if (size > maxLine || size == maxLine && b[off] != '\r') {
                    cut();
                }
                int n = Math.min(end - off, size < maxLine ? maxLine - size : 1);
                if (size + n > line.length) {
                    line = Arrays.copyOf(line, (int) Math.min(Math.min(maxLine + 1L, Integer.MAX_VALUE - 8),
                            Math.max(size + n, 2L * line.length)));
                }
                System.arraycopy(b, off, line, size, n);
                size += n;
                off += n;
                started = true;
            }
        }

        /** Hands out a full line as a partial piece, keeping a character it would cut for the next piece. */
        private void cut() {
            int n = charBoundary(line, maxLine);
            emit(n, true);
            System.arraycopy(line, n, line, 0, size - n);
            size -= n;
        }

        private void emit(int n, boolean partial) {
            ready.add(new LogLine(source, timestamp, new String(line, 0, n, StandardCharsets.UTF_8), partial));
        }

        /** The output ended: what is left is the last line, without its line end. */
        void finish() {
            if (size > 0) {
                int n = size;
                if (line[n - 1] == '\r') {
                    n--;
                }
                emit(n, false);
                size = 0;
            }
        }

        /** Skips a timestamp at {@code b[i]}, keeping it when it starts the line; returns where the text starts. */
        int stripTimestamp(byte[] b, int i, int end) {
            int space = indexOf(b, i, Math.min(end, i + TIMESTAMP_SPAN), (byte) ' ');
            if (space < 0) {
                return i;
            }
            Instant ts;
            try {
                ts = Instant.parse(new String(b, i, space - i, StandardCharsets.US_ASCII));
            } catch (DateTimeParseException e) {
                return i;
            }
            if (!started && timestamp == null) {
                timestamp = ts;
            }
            return space + 1;
        }
    }

    /**
     * The longest start of {@code b[0, size)} that does not end inside a UTF-8 character: {@code size}, or where
     * the character cut short at the end starts. Bytes that are not UTF-8 are cut anywhere.
     */
    static int charBoundary(byte[] b, int size) {
        int i = size - 1;
        int stop = Math.max(0, size - 4);
        while (i > stop && (b[i] & 0xc0) == 0x80) {
            i--; // a continuation byte: the character starts before
        }
        int lead = b[i] & 0xff;
        int length = lead < 0xc0 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : lead < 0xf8 ? 4 : 1;
        return i > 0 && i + length > size ? i : size;
    }

    private static int indexOf(byte[] b, int from, int end, byte value) {
        for (int i = from; i < end; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
