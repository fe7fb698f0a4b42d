package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.internal.LogLines;
import dev.berth.model.LogLine;
import dev.berth.transport.FrameReader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Output without line ends, four times the heap, through {@link LogLines} at {@code -Xmx64m}: raw TTY output, and
 * 16 KiB frames of stdout and stderr interleaved, with timestamps. Every byte comes back, in pieces cut at the
 * maximum between UTF-8 characters, all but the last partial. Audit finding 2: one line grew until the heap ran out.
 *
 * <p>Run by the {@code small-heap} surefire execution of this module, which gives it {@code -Xmx64m}: {@code mvn
 * -pl sdk-api -am test -Dtest=LogLinesSmallHeapTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("small-heap")
class LogLinesSmallHeapTest {
    private static final int MAX = LogLines.DEFAULT_MAX_LINE;
    /** 1-, 3-, 4- and 2-byte characters: 10 bytes, so that 16 KiB frames and 1 MiB pieces fall inside characters. */
    private static final String OUT = "o\u20ac\ud834\udd1e\u00e9";
    private static final String ERR = "E\u6f22\ud83d\udc33\u00fc";
    /** 256 MiB, to a whole character: the output does not end inside one. */
    private static final long TOTAL = (256L << 20) / 10 * 10;
    /** Of the multiplexed output, a third is stderr. */
    private static final long ERR_TOTAL = TOTAL / 3 / 10 * 10;
    private static final long OUT_TOTAL = TOTAL - ERR_TOTAL;

    /** A text repeated into a block that any 64 KiB run of the repetition, at any phase, can be copied from. */
    static final class Pattern {
        final byte[] unit;
        final byte[] block;

        Pattern(String text) {
            unit = text.getBytes(StandardCharsets.UTF_8);
            block = new byte[(65536 / unit.length + 2) * unit.length];
            for (int i = 0; i < block.length; i++) {
                block[i] = unit[i % unit.length];
            }
        }

        /** Copies {@code n} (at most 64 KiB) bytes of the repetition, from {@code offset} on, to {@code b[off]}. */
        void copy(long offset, byte[] b, int off, int n) {
            System.arraycopy(block, (int) (offset % unit.length), b, off, n);
        }

        /** Whether {@code b} is the repetition from {@code offset} on. */
        boolean matches(byte[] b, long offset) {
            for (int i = 0; i < b.length; i += 65536) {
                int n = Math.min(65536, b.length - i);
                int from = (int) ((offset + i) % unit.length);
                if (Arrays.mismatch(b, i, i + n, block, from, from + n) >= 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Raw output: {@code TOTAL} bytes of {@code pattern}, made as they are read. */
    static final class RawOutput extends InputStream {
        private final Pattern pattern;
        private long served;

        RawOutput(Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (served == TOTAL) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, 65536), TOTAL - served);
            pattern.copy(served, b, off, n);
            served += n;
            return n;
        }
    }

    /**
     * Multiplexed output: frames of a timestamp and 16 KiB, two of stdout for each of stderr, {@code TOTAL} bytes of
     * text in all, a third of it stderr; each frame has a later timestamp than the one before. Made as they are
     * read.
     */
    static final class Frames extends InputStream {
        static final Instant START = Instant.parse("2026-11-28T22:00:00.000000001Z");
        private final Pattern out = new Pattern(OUT);
        private final Pattern err = new Pattern(ERR);
        private final byte[] frame = new byte[8 + 64 + 16384];
        private int pos;
        private int limit;
        private long frames;
        private long outServed;
        private long errServed;

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == limit) {
                if (outServed + errServed == TOTAL) {
                    return -1;
                }
                boolean stderr = frames % 3 == 2 && errServed < ERR_TOTAL || outServed == OUT_TOTAL;
                int text = (int) Math.min(16384, stderr ? ERR_TOTAL - errServed : OUT_TOTAL - outServed);
                byte[] ts = (START.plusMillis(frames) + " ").getBytes(StandardCharsets.US_ASCII);
                int length = ts.length + text;
                frame[0] = (byte) (stderr ? 2 : 1);
                frame[4] = (byte) (length >>> 24);
                frame[5] = (byte) (length >>> 16);
                frame[6] = (byte) (length >>> 8);
                frame[7] = (byte) length;
                System.arraycopy(ts, 0, frame, 8, ts.length);
                if (stderr) {
                    err.copy(errServed, frame, 8 + ts.length, text);
                    errServed += text;
                } else {
                    out.copy(outServed, frame, 8 + ts.length, text);
                    outServed += text;
                }
                frames++;
                pos = 0;
                limit = 8 + length;
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(frame, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** Per stream: how many bytes came back, and whether the last piece was partial. */
    private static final class Seen {
        long bytes;
        long pieces;
        boolean lastPartial;
    }

    private static Map<LogLine.Source, Seen> check(Iterator<LogLine> lines, Map<LogLine.Source, Pattern> patterns,
            Map<LogLine.Source, Instant> timestamps) {
        Map<LogLine.Source, Seen> seen = new EnumMap<>(LogLine.Source.class);
        while (lines.hasNext()) {
            LogLine l = lines.next();
            Seen s = seen.computeIfAbsent(l.source(), k -> new Seen());
            if (s.pieces > 0 && !s.lastPartial) {
                fail(l.source() + ": a piece after the last one, at byte " + s.bytes);
            }
            byte[] bytes = l.text().getBytes(StandardCharsets.UTF_8);
            // a piece is cut at the maximum, or up to 3 bytes before it so as not to cut a character
            if (bytes.length > MAX || l.partial() && bytes.length < MAX - 3) {
                fail(l.source() + ": a piece of " + bytes.length + " bytes, partial " + l.partial() + ", at byte "
                        + s.bytes);
            }
            // a cut character would come back as U+FFFD, and not match
            if (!patterns.get(l.source()).matches(bytes, s.bytes)) {
                fail(l.source() + ": the piece at byte " + s.bytes + " is not what was written");
            }
            if (!Objects.equals(l.timestamp(), timestamps.get(l.source()))) {
                fail(l.source() + ": the piece at byte " + s.bytes + " has timestamp " + l.timestamp()
                        + ", not its line's");
            }
            s.bytes += bytes.length;
            s.pieces++;
            s.lastPartial = l.partial();
        }
        return seen;
    }

    @Test
    void runsWithASmallHeap() {
        assertTrue(Runtime.getRuntime().maxMemory() <= 80L << 20, "this test proves something only at -Xmx64m"
                + " (the small-heap surefire execution); max heap is " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB");
    }

    @Test
    void rawOutputWithoutLineEnds() {
        Pattern out = new Pattern(OUT);
        try (LogLines lines = new LogLines(FrameReader.raw(new RawOutput(out), "t"), true, false)) {
            Seen seen = check(lines, Map.of(LogLine.Source.STDOUT, out), Map.of()).get(LogLine.Source.STDOUT);
            assertEquals(TOTAL, seen.bytes);
            assertFalse(seen.lastPartial);
            assertTrue(seen.pieces >= TOTAL / MAX, "pieces: " + seen.pieces);
        }
    }

    @Test
    void framesOfStdoutAndStderrWithoutLineEnds() {
        Map<LogLine.Source, Pattern> patterns = Map.of(LogLine.Source.STDOUT, new Pattern(OUT),
                LogLine.Source.STDERR, new Pattern(ERR));
        try (LogLines lines = new LogLines(FrameReader.multiplexed(new Frames(), "t"), false, true)) {
            // a cut line keeps the timestamp of its first frame: frame 0 for stdout, 2 for stderr
            Map<LogLine.Source, Seen> seen = check(lines, patterns, Map.of(LogLine.Source.STDOUT, Frames.START,
                    LogLine.Source.STDERR, Frames.START.plusMillis(2)));
            assertEquals(OUT_TOTAL, seen.get(LogLine.Source.STDOUT).bytes);
            assertEquals(ERR_TOTAL, seen.get(LogLine.Source.STDERR).bytes);
            assertFalse(seen.get(LogLine.Source.STDOUT).lastPartial);
            assertFalse(seen.get(LogLine.Source.STDERR).lastPartial);
        }
    }
}
