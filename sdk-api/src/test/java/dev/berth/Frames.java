package dev.berth;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Builds multiplexed streams for tests: {@code Frames.of().out("a").err("b").stream()}. */
final class Frames {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    static Frames of() {
        return new Frames();
    }

    Frames frame(int type, String text) {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        bytes.writeBytes(new byte[] {(byte) type, 0, 0, 0, (byte) (p.length >>> 24), (byte) (p.length >>> 16),
            (byte) (p.length >>> 8), (byte) p.length});
        bytes.writeBytes(p);
        return this;
    }

    Frames out(String text) {
        return frame(1, text);
    }

    Frames err(String text) {
        return frame(2, text);
    }

    /** The stream, handing out at most {@code chunk} bytes per read. */
    InputStream stream(int chunk) {
        return new ByteArrayInputStream(bytes.toByteArray()) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }
}
