package dev.berth.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Unix socket adapter on its own: buffering, timeouts, half-close, waiting for the peer. */
class ChannelSocketTest {
    @TempDir
    Path dir;

    @Test
    void aReadTimeoutLeavesNoStaleBytesBehind() throws Exception {
        try (Connected c = connected(false)) {
            assertTimedReadsLeaveNoStaleBytes(c);
        }
    }

    @Test
    void timedReadsOfAChannelLeftBlockingLeaveNoStaleBytes() throws Exception {
        try (Connected c = connected(true)) {
            assertTimedReadsLeaveNoStaleBytes(c);
            assertTimedReadsLeaveNoStaleBytes(c); // back to blocking mode after each: it leaves its selector
        }
    }

    private static void assertTimedReadsLeaveNoStaleBytes(Connected c) throws Exception {
        Socket client = c.client();
        SocketChannel peer = c.peer();
        InputStream in = client.getInputStream();
        peer.write(ByteBuffer.wrap("first".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("first", new String(in.readNBytes(5), StandardCharsets.US_ASCII));

        // what OkHttp's health check of an idle pooled connection does: a 1 ms read that times out
        client.setSoTimeout(1);
        assertThrows(SocketTimeoutException.class, () -> in.read(new byte[8]));
        client.setSoTimeout(0);

        peer.write(ByteBuffer.wrap("second".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("second", new String(in.readNBytes(6), StandardCharsets.US_ASCII),
                "only the new bytes, not the buffer's old content");
    }

    @Test
    void writesWaitForFlushAndShutdownOutputFlushesFirst() throws Exception {
        try (Connected c = connected(false)) {
            Socket client = c.client();
            SocketChannel peer = c.peer();
            OutputStream out = client.getOutputStream();
            byte[] big = new byte[ChannelSocket.BUFFER * 3 + 17];
            big[big.length - 1] = 42;
            out.write(big);
            client.shutdownOutput();
            assertTrue(client.isOutputShutdown());
            ByteBuffer got = ByteBuffer.allocate(big.length + 1);
            while (peer.read(got) >= 0) {
                // until EOF, which the half-close sends after every byte
            }
            assertEquals(big.length, got.position());
            assertEquals(42, got.get(big.length - 1));
        }
    }

    @Test
    void aWriteTheDaemonIsSlowToReadWaitsAndLosesNothing() throws Exception {
        try (Connected c = connected(false)) {
            Socket client = c.client();
            SocketChannel peer = c.peer();
            byte[] data = new byte[8 * 1024 * 1024 + 5];
            new java.util.Random(7).nextBytes(data);
            java.util.concurrent.CompletableFuture<byte[]> received = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        ByteBuffer got = ByteBuffer.allocate(data.length);
                        try {
                            while (got.hasRemaining()) {
                                Thread.sleep(got.position() < data.length / 8 ? 20 : 0); // slow at first
                                if (peer.read(got) < 0) {
                                    break;
                                }
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return got.array();
                    });
            OutputStream out = client.getOutputStream();
            out.write(data); // more than the socket holds: the write waits for the peer, many times
            out.flush();
            assertTrue(java.util.Arrays.equals(data, received.get(30, java.util.concurrent.TimeUnit.SECONDS)),
                    "every byte, in order");
        }
    }

    @Test
    void aReadOfAUnixSocketWakesOncePerAnswer() throws Exception {
        Path status = Path.of("/proc/thread-self/status");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(status),
                "counts the thread's context switches in /proc (Linux)");
        try (Connected c = connected(false)) {
            Socket client = c.client();
            SocketChannel peer = c.peer();
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            int exchanges = 10;
            Thread daemon = new Thread(() -> {
                ByteBuffer request = ByteBuffer.allocate(16);
                try {
                    for (int i = 0; i < exchanges; i++) {
                        Thread.sleep(30); // the client is asleep in its read when the request is consumed
                        request.clear();
                        while (request.position() < 4) {
                            peer.read(request);
                        }
                        Thread.sleep(30);
                        peer.write(ByteBuffer.wrap("answer".getBytes(StandardCharsets.US_ASCII)));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            daemon.start();
            long before = voluntarySwitches(status);
            for (int i = 0; i < exchanges; i++) {
                out.write("ping".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertEquals("answer", new String(in.readNBytes(6), StandardCharsets.US_ASCII));
            }
            long switches = voluntarySwitches(status) - before;
            daemon.join(5_000);
            // a blocking read is woken twice per answer: when the request is consumed, for nothing, and when
            // the answer comes (2 per exchange, 20 here); some slack for the JVM's own pauses
            assertTrue(switches <= exchanges + 3, switches + " context switches for " + exchanges + " answers");
        }
    }

    /** A Unix socket listener, the client socket under test, and its accepted peer. */
    private record Connected(ServerSocketChannel server, Socket client, SocketChannel peer) implements AutoCloseable {
        @Override
        public void close() throws java.io.IOException {
            client.close();
            peer.close();
            server.close();
        }
    }

    /** @param blocking leave the channel blocking, as a virtual thread does */
    private Connected connected(boolean blocking) throws java.io.IOException {
        Path path = dir.resolve("s" + System.nanoTime() + ".sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        ChannelSocket client = (ChannelSocket) new UnixSocketFactory(path).createSocket();
        client.keepBlocking = blocking;
        client.connect(UnixDomainSocketAddress.of(path), 0);
        return new Connected(server, client, server.accept());
    }

    private static long voluntarySwitches(Path status) throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(status)) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        throw new IllegalStateException("no voluntary_ctxt_switches in " + status);
    }
}
