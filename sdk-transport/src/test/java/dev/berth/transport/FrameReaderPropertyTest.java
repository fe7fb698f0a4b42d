package dev.berth.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.errors.StreamException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property tests of {@link FrameReader}: random frame sequences written and read back through an input stream that
 * hands out random small chunks; random garbage and truncations, which may only end cleanly or raise
 * {@link StreamException}.
 *
 * <p>Fixed seeds, so every run checks the same cases. {@code -Dberth.fuzz.iterations=N} multiplies the case count
 * (and the time limit) for a longer run; a failure names the seed of the case to replay.
 */
class FrameReaderPropertyTest {
    private static final int FACTOR = Math.max(1, Integer.getInteger("berth.fuzz.iterations", 1));
    private static final Duration LIMIT = Duration.ofSeconds(60L * FACTOR);

    /** A stream over a byte array that hands out 1..maxChunk bytes per read, at random. */
    static final class ChunkedStream extends InputStream {
        private final byte[] data;
        private final SplittableRandom random;
        private final int maxChunk;
        private int pos;

        ChunkedStream(byte[] data, SplittableRandom random, int maxChunk) {
            this.data = data;
            this.random = random;
            this.maxChunk = maxChunk;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + random.nextInt(maxChunk)), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    record Frame(int type, byte[] payload) {
    }

    private static byte[] header(int type, long length) {
        return new byte[] {(byte) type, 0, 0, 0, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
                (byte) length};
    }

    /** The largest chunk the stream hands out: often tiny (headers split across reads), else up to ~9 KB. */
    private static int chunk(SplittableRandom r) {
        return r.nextInt(3) == 0 ? 1 + r.nextInt(9) : 1 + r.nextInt(9000);
    }

    private static int length(SplittableRandom r) {
        switch (r.nextInt(8)) {
            case 0:
                return 0;
            case 1:
                return r.nextInt(70_001); // up to 70,000: more than one 64 KiB buffer
            case 2:
                return 8190 + r.nextInt(5); // around the reader's 8 KiB skip buffer
            default:
                return 1 + r.nextInt(300);
        }
    }

    private static List<Frame> frames(SplittableRandom r) {
        int count = r.nextInt(12);
        List<Frame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] payload = new byte[length(r)];
            r.nextBytes(payload);
            frames.add(new Frame(r.nextInt(3), payload));
        }
        return frames;
    }

    private static byte[] encode(List<Frame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame f : frames) {
            out.writeBytes(header(f.type(), f.payload().length));
            out.writeBytes(f.payload());
        }
        return out.toByteArray();
    }

    /** Reads the current frame to its end with reads of random sizes (or readPayload), checking remaining(). */
    private static byte[] readFrame(FrameReader reader, SplittableRandom r) throws IOException {
        if (r.nextInt(4) == 0) {
            byte[] payload = reader.readPayload();
            assertEquals(0, reader.remaining());
            return payload;
        }
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[1 + r.nextInt(20_000)];
        long steps = 0;
        while (true) {
            long before = reader.remaining();
            int off = r.nextInt(Math.min(buf.length, 8));
            int len = 1 + r.nextInt(buf.length - off);
            int n = reader.read(buf, off, len);
            if (n < 0) {
                assertEquals(0, before, "-1 only at the end of the frame");
                return got.toByteArray();
            }
            assertTrue(n > 0 && n <= len, "read " + n + " of at most " + len);
            assertEquals(before - n, reader.remaining());
            got.write(buf, off, n);
            if (++steps > 1_000_000) {
                fail("no end of frame after a million reads");
            }
        }
    }

    @Test
    void framesWrittenAreFramesRead() {
        assertTimeoutPreemptively(LIMIT, () -> {
            SplittableRandom seeds = new SplittableRandom(0x5eed_f4a3L);
            int cases = 2000 * FACTOR;
            for (int c = 0; c < cases; c++) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                List<Frame> written = frames(r);
                List<Frame> expected = written.stream().filter(f -> f.payload().length > 0).toList();
                FrameReader reader = FrameReader.multiplexed(
                        new ChunkedStream(encode(written), r, chunk(r)), "GET /t");
                try {
                    for (Frame want : expected) {
                        StreamType type = reader.next();
                        assertEquals(StreamType.values()[want.type()], type, () -> "seed " + seed);
                        assertEquals(want.payload().length, reader.remaining(), () -> "seed " + seed);
                        if (r.nextInt(5) == 0) {
                            // read only part of it: next() must skip the rest
                            byte[] part = new byte[Math.min(r.nextInt(100), want.payload().length)];
                            int off = 0;
                            while (off < part.length) {
                                off += reader.read(part, off, part.length - off);
                            }
                            assertArrayEquals(Arrays.copyOf(want.payload(), part.length), part, "seed " + seed);
                        } else {
                            assertArrayEquals(want.payload(), readFrame(reader, r), "seed " + seed);
                        }
                    }
                    assertNull(reader.next(), () -> "seed " + seed + ": clean end after the last frame");
                    assertNull(reader.next(), () -> "seed " + seed + ": and it stays ended");
                } catch (IOException e) {
                    throw new AssertionError("seed " + seed + ": a valid stream failed", e);
                }
            }
        });
    }

    @Test
    void anErrorFrameEndsTheStreamWithItsText() {
        assertTimeoutPreemptively(LIMIT, () -> {
            SplittableRandom seeds = new SplittableRandom(0xe770_4f4aL);
            int cases = 2000 * FACTOR;
            for (int c = 0; c < cases; c++) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                List<Frame> before = frames(r);
                String message = " daemon said no #" + r.nextInt(1000) + " \u00e9\u6f22 \n";
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(encode(before));
                byte[] text = message.getBytes(StandardCharsets.UTF_8);
                out.writeBytes(header(3, text.length));
                out.writeBytes(text);
                out.writeBytes(encode(frames(r))); // never reached
                FrameReader reader = FrameReader.multiplexed(new ChunkedStream(out.toByteArray(), r, chunk(r)),
                        "GET /t");
                try {
                    for (Frame f : before) {
                        if (f.payload().length > 0) {
                            assertEquals(StreamType.values()[f.type()], reader.next());
                            assertArrayEquals(f.payload(), readFrame(reader, r), "seed " + seed);
                        }
                    }
                    reader.next();
                    fail("seed " + seed + ": an error frame must raise");
                } catch (StreamException e) {
                    assertEquals(message.trim(), e.daemonMessage(), "seed " + seed);
                } catch (IOException e) {
                    throw new AssertionError("seed " + seed, e);
                }
            }
        });
    }

    @Test
    void rawOutputIsOneStdoutFrame() {
        assertTimeoutPreemptively(LIMIT, () -> {
            SplittableRandom seeds = new SplittableRandom(0x7a3L);
            for (int c = 0; c < 2000 * FACTOR; c++) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                byte[] data = new byte[r.nextInt(4) == 0 ? r.nextInt(70_001) : r.nextInt(200)];
                r.nextBytes(data);
                FrameReader reader = FrameReader.raw(new ChunkedStream(data, r, 1 + r.nextInt(100)), "GET /t");
                assertEquals(StreamType.STDOUT, reader.next());
                byte[] got;
                if (r.nextBoolean()) {
                    got = reader.readPayload();
                } else {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    byte[] buf = new byte[1 + r.nextInt(5000)];
                    for (int n; (n = reader.read(buf, 0, buf.length)) >= 0; ) {
                        assertTrue(n > 0);
                        out.write(buf, 0, n);
                    }
                    got = out.toByteArray();
                }
                assertArrayEquals(data, got, "seed " + seed);
                assertNull(reader.next(), "seed " + seed);
            }
        });
    }

    /** Drains a reader the way callers do, with random read styles; returns the frames read before the end. */
    private static List<Frame> drain(FrameReader reader, SplittableRandom r, int inputLength) throws IOException {
        List<Frame> got = new ArrayList<>();
        long steps = 0;
        for (StreamType t; (t = reader.next()) != null; ) {
            if (++steps > inputLength + 10L) {
                fail("more frames than the input has bytes: the reader does not advance");
            }
            assertTrue(reader.remaining() > 0, "next() returns only non-empty frames");
            if (r.nextInt(3) == 0) {
                continue; // skip it unread
            }
            got.add(new Frame(t.ordinal(), readFrame(reader, r)));
        }
        return got;
    }

    private static byte[] garbage(SplittableRandom r) {
        switch (r.nextInt(5)) {
            case 0: { // pure noise
                byte[] b = new byte[r.nextInt(200)];
                r.nextBytes(b);
                return b;
            }
            case 1: { // noise with plausible headers: valid types, any flags and lengths
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int n = r.nextInt(6);
                for (int i = 0; i < n; i++) {
                    byte[] h = new byte[8];
                    r.nextBytes(h);
                    h[0] = (byte) r.nextInt(5);
                    if (r.nextBoolean()) {
                        h[4] = 0;
                        h[5] = 0;
                        h[6] = (byte) r.nextInt(2);
                    }
                    out.writeBytes(h);
                    byte[] body = new byte[r.nextInt(600)];
                    r.nextBytes(body);
                    out.writeBytes(body);
                }
                return out.toByteArray();
            }
            case 2: { // headers promising huge frames (up to 4 GiB - 1), little data behind them
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(encode(frames(r)));
                long length = r.nextBoolean() ? 0xFFFF_FFFFL - r.nextInt(16) : 0x7FFF_FFF0L + r.nextInt(0x20);
                out.writeBytes(header(r.nextInt(3), length));
                byte[] body = new byte[r.nextInt(100)];
                r.nextBytes(body);
                out.writeBytes(body);
                return out.toByteArray();
            }
            default: { // a valid stream with random bytes flipped, dropped or inserted
                byte[] b = encode(frames(r));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int i = 0; i < b.length; i++) {
                    int roll = r.nextInt(2000);
                    if (roll == 0) {
                        continue;
                    }
                    out.write(roll == 1 ? r.nextInt(256) : b[i]);
                    if (roll == 2) {
                        out.write(r.nextInt(256));
                    }
                }
                return out.toByteArray();
            }
        }
    }

    @Test
    void garbageEndsCleanlyOrRaisesStreamException() {
        assertTimeoutPreemptively(LIMIT, () -> {
            SplittableRandom seeds = new SplittableRandom(0x6a7ba6eL);
            int raised = 0;
            int cases = 4000 * FACTOR;
            for (int c = 0; c < cases; c++) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                byte[] input = garbage(r);
                FrameReader reader = FrameReader.multiplexed(new ChunkedStream(input, r, 1 + r.nextInt(50)), "GET /t");
                try {
                    drain(reader, r, input.length);
                } catch (StreamException e) {
                    raised++;
                    assertTrue(e.getMessage() != null && e.getMessage().contains("GET /t"),
                            () -> "seed " + seed + ": the message names the request: " + e.getMessage());
                } catch (Throwable e) {
                    throw new AssertionError("seed " + seed + ": only StreamException may escape, got " + e, e);
                }
            }
            assertTrue(raised > cases / 4, "garbage should mostly be refused, was " + raised + " of " + cases);
        });
    }

    @Test
    void aTruncatedStreamEndsCleanlyOnlyAtAFrameBoundary() {
        assertTimeoutPreemptively(LIMIT, () -> {
            SplittableRandom seeds = new SplittableRandom(0x7c47L);
            int cases = 3000 * FACTOR;
            for (int c = 0; c < cases; c++) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                List<Frame> written = frames(r);
                byte[] all = encode(written);
                int cut = all.length == 0 ? 0 : r.nextInt(all.length + 1);
                // the frame boundaries, and which frames lie wholly before the cut
                List<Frame> whole = new ArrayList<>();
                boolean atBoundary = cut == 0;
                int pos = 0;
                for (Frame f : written) {
                    pos += 8 + f.payload().length;
                    if (pos <= cut) {
                        whole.add(f);
                    }
                    atBoundary |= pos == cut;
                }
                FrameReader reader = FrameReader.multiplexed(
                        new ChunkedStream(Arrays.copyOf(all, cut), r, 1 + r.nextInt(3000)), "GET /t");
                List<Frame> got = new ArrayList<>();
                try {
                    for (StreamType t; (t = reader.next()) != null; ) {
                        got.add(new Frame(t.ordinal(), readFrame(reader, r)));
                    }
                    assertTrue(atBoundary, () -> "seed " + seed + ": cut at " + cut + " inside a frame, but no error");
                    List<Frame> want = whole.stream().filter(f -> f.payload().length > 0).toList();
                    assertEquals(want.size(), got.size(), "seed " + seed);
                    for (int i = 0; i < want.size(); i++) {
                        assertEquals(want.get(i).type(), got.get(i).type(), "seed " + seed);
                        assertArrayEquals(want.get(i).payload(), got.get(i).payload(), "seed " + seed);
                    }
                } catch (StreamException e) {
                    assertTrue(!atBoundary, () -> "seed " + seed + ": cut at a frame boundary must end cleanly: " + e);
                } catch (Throwable e) {
                    throw new AssertionError("seed " + seed + ": only StreamException may escape, got " + e, e);
                }
            }
        });
    }
}
