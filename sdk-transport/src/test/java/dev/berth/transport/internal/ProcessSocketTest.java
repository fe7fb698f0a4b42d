package dev.berth.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The process socket on its own, with {@code cat} and {@code sh} standing in for {@code ssh ... dial-stdio}. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ProcessSocketTest {

    private static ProcessSocket started(String... command) throws IOException {
        ProcessSocket s = new ProcessSocket("test://" + command[0], List.of(command));
        s.connect(null, 1000);
        assertTrue(s.isConnected());
        return s;
    }

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void bytesGoThroughAndShutdownOutputIsEofForTheProcess() throws Exception {
        ProcessSocket s = started("cat");
        try {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write("hello".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("hello", ascii(in.readNBytes(5)));
            out.write(" world".getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput(); // flushes, then closes cat's stdin: cat writes the rest and ends
            assertTrue(s.isOutputShutdown());
            assertEquals(" world", ascii(in.readNBytes(6)));
            assertEquals(-1, in.read(), "EOF after an answer is a plain end of stream");
            assertTrue(s.process().waitFor(5, TimeUnit.SECONDS));
            assertThrows(SocketException.class, () -> out.write(1));
        } finally {
            s.close();
        }
    }

    @Test
    void aReadTimeoutThrowsAndLeavesTheSocketUsable() throws Exception {
        ProcessSocket s = started("cat");
        try {
            InputStream in = s.getInputStream();
            s.setSoTimeout(1); // OkHttp's health check of an idle pooled connection
            assertThrows(SocketTimeoutException.class, () -> in.read(new byte[8]));
            s.setSoTimeout(300);
            long t0 = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> in.read(new byte[8]));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 290 && ms < 3000, "waited " + ms + " ms");
            s.getOutputStream().write('x');
            s.getOutputStream().flush();
            assertEquals('x', in.read(), "data that arrives in time is read");
            assertTrue(s.process().isAlive());
        } finally {
            s.close();
        }
    }

    @Test
    void closeFromAnotherThreadEndsABlockedReadAndTheProcessTree() throws Exception {
        // the child sleep holds stdout too: only ending the whole tree ends the read
        ProcessSocket s = started("sh", "-c", "sleep 300 & wait");
        Thread.sleep(200);
        List<ProcessHandle> tree = s.process().descendants().collect(Collectors.toList());
        assertFalse(tree.isEmpty(), "sleep runs under sh");
        CompletableFuture<Object> read = CompletableFuture.supplyAsync(() -> {
            try {
                return s.getInputStream().read();
            } catch (IOException e) {
                return e;
            }
        });
        Thread.sleep(200);
        assertFalse(read.isDone(), "the read blocks while the process is silent");
        s.close();
        Object result = read.get(5, TimeUnit.SECONDS);
        assertInstanceOf(SocketException.class, result, () -> "got " + result);
        assertTrue(s.process().waitFor(5, TimeUnit.SECONDS));
        for (ProcessHandle h : tree) {
            assertTrue(h.onExit().get(5, TimeUnit.SECONDS) != null && !h.isAlive(), "child " + h.pid() + " ended");
        }
        assertTrue(s.isClosed());
        assertThrows(SocketException.class, s::getInputStream);
    }

    @Test
    void endingBeforeAnsweringIsAConnectExceptionWithTheExitCodeAndStderr() throws Exception {
        ProcessSocket s = started("sh", "-c",
                "echo 'Warning: something harmless' >&2; echo 'root@127.0.0.1: Permission denied (publickey).' >&2;"
                        + " exit 255");
        try {
            s.process().waitFor(5, TimeUnit.SECONDS);
            ConnectException e = assertThrows(ConnectException.class, () -> {
                // the write may already fail (broken pipe), or the read then finds EOF
                s.getOutputStream().write("GET /_ping HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                s.getInputStream().read(new byte[16]);
            });
            assertTrue(e.getMessage().startsWith("sh exited with code 255 before the daemon answered: "),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith(
                    "Warning: something harmless; root@127.0.0.1: Permission denied (publickey)."), e.getMessage());
        } finally {
            s.close();
        }
    }

    @Test
    void silentFailureSaysSo() throws Exception {
        ProcessSocket s = started("sh", "-c", "exit 3");
        try {
            ConnectException e = assertThrows(ConnectException.class, () -> s.getInputStream().read());
            assertEquals("sh exited with code 3 before the daemon answered (it wrote nothing to stderr)",
                    e.getMessage());
        } finally {
            s.close();
        }
    }

    @Test
    void onlyTheEndOfALongStderrIsKept() throws Exception {
        ProcessSocket s = started("sh", "-c", "i=0; while [ $i -lt 500 ]; do echo \"line $i\" >&2; i=$((i+1)); done;"
                + " echo last >&2; exit 1");
        try {
            ConnectException e = assertThrows(ConnectException.class, () -> s.getInputStream().read());
            assertTrue(e.getMessage().endsWith(": line 481; line 482; line 483; line 484; line 485; line 486; line 487;"
                    + " line 488; line 489; line 490; line 491; line 492; line 493; line 494; line 495; line 496;"
                    + " line 497; line 498; line 499; last"), "the last " + ProcessSocket.STDERR_LINES + " lines: "
                    + e.getMessage());
        } finally {
            s.close();
        }
    }

    @Test
    void aMissingProgramFailsToConnect() {
        ProcessSocket s = new ProcessSocket("test://missing", List.of("/nonexistent/berth-ssh"));
        ConnectException e = assertThrows(ConnectException.class, () -> s.connect(null, 1000));
        assertTrue(e.getMessage().startsWith("cannot start /nonexistent/berth-ssh for test://missing"),
                e.getMessage());
        assertFalse(s.isConnected());
    }
}
