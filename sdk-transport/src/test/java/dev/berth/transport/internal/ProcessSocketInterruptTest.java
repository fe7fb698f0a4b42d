package dev.berth.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A thread blocked reading an ssh pipe ({@code cat} stands in) leaves it when interrupted, with or without a read
 * timeout: at once, flag set, the process ended.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ProcessSocketInterruptTest {

    @Test
    void anInterruptEndsABlockedRead() throws Exception {
        assertInterruptEndsRead(0);
    }

    @Test
    void anInterruptEndsATimedRead() throws Exception {
        assertInterruptEndsRead(30_000);
    }

    @Test
    void bytesStillFlowWithTheIdlePolling() throws Exception {
        ProcessSocket s = new ProcessSocket("test://cat", List.of("cat"));
        s.connect(null, 1000);
        try {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < 3; i++) {
                Thread.sleep(120); // long enough for the reader's poll to back off to its longest pause
                out.write("ping".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                long t0 = System.nanoTime();
                assertEquals("ping", new String(in.readNBytes(4), StandardCharsets.US_ASCII));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(ms < 1_000, "read took " + ms + " ms");
            }
        } finally {
            s.close();
        }
    }

    private static void assertInterruptEndsRead(int soTimeout) throws Exception {
        ProcessSocket s = new ProcessSocket("test://cat", List.of("cat"));
        s.connect(null, 1000);
        s.setSoTimeout(soTimeout);
        InputStream in = s.getInputStream();
        Object[] result = new Object[2];
        Thread reader = new Thread(() -> {
            try {
                result[0] = in.read();
            } catch (Exception e) {
                result[0] = e;
            }
            result[1] = Thread.currentThread().isInterrupted();
        }, "process-read");
        reader.start();
        Thread.sleep(300);
        assertTrue(reader.isAlive(), "blocked before the interrupt, but ended with " + result[0]);
        long t0 = System.nanoTime();
        reader.interrupt();
        reader.join(5_000);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(!reader.isAlive() && ms < 1_000, "ended " + ms + " ms after the interrupt");
        assertInstanceOf(InterruptedIOException.class, result[0]);
        assertEquals(Boolean.TRUE, result[1], "the interrupt flag is still set");
        assertTrue(s.isClosed(), "the socket is closed: no pool reuses it");
        assertTrue(s.process().waitFor(5, TimeUnit.SECONDS), "the process ended");
    }
}
