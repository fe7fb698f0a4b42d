package dev.berth;

import dev.berth.model.LogLine;
import dev.berth.transport.FrameReader;
import dev.berth.transport.StreamType;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Turns frames (or raw TTY output) into whole lines. Each stream keeps its own unfinished line, so a line the daemon
 * sent in several frames (the log drivers cut lines at 16 KiB) is joined, and stdout and stderr never mix. With
 * timestamps, each frame starts with one; the first one of a line is kept, those of its continuations dropped.
 */
final class LogLines implements Iterator<LogLine>, Closeable {
    private final FrameReader frames;
    private final boolean raw;
    private final boolean timestamps;
    private final Pending out = new Pending(LogLine.Source.STDOUT);
    private final Pending err = new Pending(LogLine.Source.STDERR);
    private final ArrayDeque<LogLine> ready = new ArrayDeque<>();
    private boolean ended;

    LogLines(FrameReader frames, boolean raw, boolean timestamps) {
        this.frames = frames;
        this.raw = raw;
        this.timestamps = timestamps;
    }

    /** These lines as a closeable stream: closing it ends the call. */
    Stream<LogLine> stream() {
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

    private void readMore() throws IOException {
        StreamType type = frames.next();
        if (type == null) {
            ended = true;
            out.flushRest();
            err.flushRest();
            return;
        }
        Pending p = type == StreamType.STDERR ? err : out;
        if (raw) {
            byte[] buf = new byte[8192];
            for (int n; (n = frames.read(buf, 0, buf.length)) > 0; ) {
                p.append(buf, 0, n, false);
                if (!ready.isEmpty()) {
                    return; // hand out lines as they come: the raw "frame" is the whole stream
                }
            }
            return;
        }
        byte[] payload = frames.readPayload();
        p.append(payload, 0, payload.length, timestamps);
    }

    @Override
    public void close() {
        try {
            frames.close();
        } catch (IOException e) {
            // closing cancels the call; nothing to report
        }
    }

    /** One stream's unfinished line. */
    private final class Pending {
        private final LogLine.Source source;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        private Instant lineTimestamp;
        private boolean atLineStart = true;

        Pending(LogLine.Source source) {
            this.source = source;
        }

        /** Appends a chunk; with {@code framed}, the chunk is one log entry that may start with a timestamp. */
        void append(byte[] b, int off, int len, boolean framedTimestamps) {
            int i = off;
            int end = off + len;
            if (framedTimestamps) {
                i = stripTimestamp(b, i, end);
            }
            while (i < end) {
                if (raw && timestamps && atLineStart) {
                    i = stripTimestamp(b, i, end);
                    if (i >= end) {
                        break;
                    }
                }
                int nl = indexOf(b, i, end);
                if (nl < 0) {
                    line.write(b, i, end - i);
                    atLineStart = false;
                    return;
                }
                line.write(b, i, nl - i);
                emit();
                i = nl + 1;
            }
        }

        private int stripTimestamp(byte[] b, int i, int end) {
            int space = -1;
            for (int j = i; j < Math.min(end, i + 40); j++) {
                if (b[j] == ' ') {
                    space = j;
                    break;
                }
            }
            if (space < 0) {
                return i;
            }
            Instant ts;
            try {
                ts = Instant.parse(new String(b, i, space - i, StandardCharsets.US_ASCII));
            } catch (DateTimeParseException e) {
                return i;
            }
            if (line.size() == 0 && lineTimestamp == null) {
                lineTimestamp = ts;
            }
            return space + 1;
        }

        private void emit() {
            byte[] bytes = line.toByteArray();
            int n = bytes.length;
            if (n > 0 && bytes[n - 1] == '\r') {
                n--;
            }
            ready.add(new LogLine(source, lineTimestamp, new String(bytes, 0, n, StandardCharsets.UTF_8)));
            line.reset();
            lineTimestamp = null;
            atLineStart = true;
        }

        void flushRest() {
            if (line.size() > 0) {
                emit();
            }
        }
    }

    private static int indexOf(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
