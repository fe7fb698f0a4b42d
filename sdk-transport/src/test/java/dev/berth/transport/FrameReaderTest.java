package dev.berth.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.errors.StreamException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrameReaderTest {

    static byte[] frame(int type, byte[] payload) {
        byte[] f = new byte[8 + payload.length];
        f[0] = (byte) type;
        int n = payload.length;
        f[4] = (byte) (n >>> 24);
        f[5] = (byte) (n >>> 16);
        f[6] = (byte) (n >>> 8);
        f[7] = (byte) n;
        System.arraycopy(payload, 0, f, 8, n);
        return f;
    }

    static byte[] frame(int type, String text) {
        return frame(type, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Hands out at most {@code chunk} bytes per read, to split frames across reads. */
    static InputStream trickle(byte[] data, int chunk) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    @Test
    void readsStdinStdoutAndStderrFrames() throws IOException {
        byte[] data = concat(frame(0, "in"), frame(1, "out"), frame(2, "err"));
        FrameReader r = FrameReader.multiplexed(new ByteArrayInputStream(data), "t");
        assertEquals(StreamType.STDIN, r.next());
        assertEquals("in", new String(r.readPayload(), StandardCharsets.UTF_8));
        assertEquals(StreamType.STDOUT, r.next());
        assertEquals("out", new String(r.readPayload(), StandardCharsets.UTF_8));
        assertEquals(StreamType.STDERR, r.next());
        assertEquals("err", new String(r.readPayload(), StandardCharsets.UTF_8));
        assertNull(r.next());
        assertNull(r.next());
    }

    @Test
    void framesSplitAcrossReadsOneByteAtATime() throws IOException {
        byte[] data = concat(frame(1, "hello "), frame(2, "oops"), frame(1, "world"));
        FrameReader r = FrameReader.multiplexed(trickle(data, 1), "t");
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (StreamType t; (t = r.next()) != null; ) {
            (t == StreamType.STDOUT ? out : err).append(new String(r.readPayload(), StandardCharsets.UTF_8));
        }
        assertEquals("hello world", out.toString());
        assertEquals("oops", err.toString());
    }

    @Test
    void zeroLengthFramesAreSkipped() throws IOException {
        byte[] data = concat(frame(1, ""), frame(2, ""), frame(1, "x"), frame(1, ""));
        FrameReader r = FrameReader.multiplexed(new ByteArrayInputStream(data), "t");
        assertEquals(StreamType.STDOUT, r.next());
        assertEquals("x", new String(r.readPayload(), StandardCharsets.UTF_8));
        assertNull(r.next());
    }

    @Test
    void sixteenMebibyteFrameArrivesWhole() throws IOException {
        byte[] payload = new byte[16 << 20];
        Arrays.fill(payload, (byte) 'a');
        payload[payload.length - 1] = 'z';
        FrameReader r = FrameReader.multiplexed(trickle(concat(frame(1, payload), frame(2, "e")), 65536), "t");
        assertEquals(StreamType.STDOUT, r.next());
        assertEquals(payload.length, r.remaining());
        assertArrayEquals(payload, r.readPayload());
        assertEquals(StreamType.STDERR, r.next());
    }

    @Test
    void unreadPayloadIsSkippedByNext() throws IOException {
        byte[] data = concat(frame(1, "skip me"), frame(2, "keep"));
        FrameReader r = FrameReader.multiplexed(trickle(data, 3), "t");
        assertEquals(StreamType.STDOUT, r.next());
        byte[] two = new byte[2];
        assertEquals(2, r.read(two, 0, 2));
        assertEquals(StreamType.STDERR, r.next());
        assertEquals("keep", new String(r.readPayload(), StandardCharsets.UTF_8));
    }

    @Test
    void errorFrameRaisesTheDaemonsMessage() throws IOException {
        byte[] data = concat(frame(1, "partial"), frame(3, "Error grabbing logs: broken\n"));
        FrameReader r = FrameReader.multiplexed(new ByteArrayInputStream(data), "GET /v1.41/containers/x/logs");
        assertEquals(StreamType.STDOUT, r.next());
        StreamException e = assertThrows(StreamException.class, r::next);
        assertEquals("Error grabbing logs: broken", e.daemonMessage());
        assertEquals("GET /v1.41/containers/x/logs", e.request());
    }

    @Test
    void unknownFrameTypeIsRejected() {
        FrameReader r = FrameReader.multiplexed(new ByteArrayInputStream(frame(7, "x")), "t");
        StreamException e = assertThrows(StreamException.class, r::next);
        assertTrue(e.getMessage().contains("unknown frame type 7"), e.getMessage());
    }

    @Test
    void streamCutInsideHeaderIsTyped() {
        byte[] data = Arrays.copyOf(frame(1, "abc"), 5);
        FrameReader r = FrameReader.multiplexed(new ByteArrayInputStream(data), "t");
        StreamException e = assertThrows(StreamException.class, r::next);
        assertTrue(e.getMessage().contains("inside a frame header"), e.getMessage());
    }

    @Test
    void streamCutInsidePayloadIsTyped() throws IOException {
        byte[] data = Arrays.copyOf(frame(1, "abcdef"), 10);
        FrameReader r = FrameReader.multiplexed(new ByteArrayInputStream(data), "t");
        assertEquals(StreamType.STDOUT, r.next());
        StreamException e = assertThrows(StreamException.class, r::readPayload);
        assertTrue(e.getMessage().contains("4 bytes missing"), e.getMessage());
    }

    @Test
    void ttyOutputPassesThroughRaw() throws IOException {
        byte[] raw = concat(frame(1, "looks like a frame"), "\u0001\u0000tail".getBytes(StandardCharsets.UTF_8));
        FrameReader r = FrameReader.raw(trickle(raw, 4), "t");
        assertEquals(StreamType.STDOUT, r.next());
        assertArrayEquals(raw, r.readPayload());
        assertNull(r.next());
    }
}
