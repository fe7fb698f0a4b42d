package dev.berth.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.errors.DockerException;
import dev.berth.transport.internal.Http1Calls;
import dev.berth.transport.internal.HttpCall;
import dev.berth.transport.internal.OutgoingRequest;
import dev.berth.transport.internal.TcpSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Berth's own HTTP/1.1 client on the wire, against a daemon that answers with bytes written by hand: the framings
 * a daemon uses, connection reuse, and answers no daemon should send (a broken status line, an endless head, a bad
 * chunk, a body cut short), each of which must end in a typed error naming the daemon, never a hang, and drop its
 * connection.
 */
class Http1WireTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private WireServer server;

    @BeforeEach
    void start() throws IOException {
        server = new WireServer();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private Transport transport(Timeouts timeouts) {
        DockerHost host = DockerHost.tcp("127.0.0.1", server.port());
        return new Transport(new Endpoint(host, null, ApiVersion.of(1, 41), "test", List.of()), timeouts);
    }

    private Transport transport() {
        return transport(Timeouts.DEFAULT);
    }

    @Test
    void aChunkedAnswerWithExtensionsAndTrailersIsReadAndItsConnectionReused() {
        String answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\n{\"a\":\r\n3\r\n 1}\r\n0\r\nX-Trailer: t\r\n\r\n";
        server.answer(answer, false);
        server.answer(answer, false);
        try (Transport t = transport()) {
            assertTimeoutPreemptively(LIMIT, () -> {
                assertEquals(Map.of("a", 1), t.json(ApiRequest.get("/info").build(), Map.class));
                assertEquals(Map.of("a", 1), t.json(ApiRequest.get("/info").build(), Map.class));
            });
        }
        assertEquals(1, server.connections.get(), "the second call reused the first connection");
    }

    @Test
    void anAnswerThatClosesItsConnectionIsNotReused() {
        server.answer("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}", true);
        server.answer("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}", true);
        server.answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", false);
        try (Transport t = transport()) {
            assertTimeoutPreemptively(LIMIT, () -> {
                for (int i = 0; i < 3; i++) {
                    assertEquals(Map.of(), t.json(ApiRequest.get("/info").build(), Map.class));
                }
            });
        }
        assertEquals(3, server.connections.get());
    }

    @Test
    void anIdleConnectionTheDaemonClosedIsReplacedWithoutAFailure() {
        // The daemon answers in full, then hangs up without saying so: the next call finds the pooled connection
        // dead before any byte of its answer, and is sent again on a new one.
        server.answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", true);
        server.answer("HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{\"b\":2}", false);
        try (Transport t = transport()) {
            assertTimeoutPreemptively(LIMIT, () -> {
                assertEquals(Map.of(), t.json(ApiRequest.get("/info").build(), Map.class));
                server.awaitClosed(1);
                assertEquals(Map.of("b", 2), t.json(ApiRequest.get("/info").build(), Map.class));
            });
        }
        assertEquals(2, server.connections.get());
    }

    @Test
    void aCancelThatComesAfterTheAnswerEndedLeavesThePooledConnectionAlone() throws IOException {
        // A deadline that fires just as the answer ends must not drop the connection the pool already has (and may
        // have given to another call).
        server.answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", false);
        server.answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", false);
        Http1Calls calls = new Http1Calls(new TcpSocketFactory("test"),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), Duration.ofSeconds(5),
                Duration.ZERO, Duration.ZERO, true);
        try {
            OutgoingRequest get = new OutgoingRequest("GET", "/info", List.of("Host", "test"), null, null, null,
                    false, false);
            HttpCall first = calls.newCall(get);
            assertEquals("{}", new String(first.execute().body().readAllBytes(), StandardCharsets.UTF_8));
            first.cancel();
            assertEquals("{}", new String(calls.newCall(get).execute().body().readAllBytes(),
                    StandardCharsets.UTF_8));
        } finally {
            calls.close();
        }
        assertEquals(1, server.connections.get(), "the second call reused the connection the cancel left alone");
    }

    @Test
    void aStatusLineThatIsNotHttpFailsTyped() {
        server.answer("SSH-2.0-OpenSSH_9.2\r\n\r\n", false);
        DockerException e = callFails(transport());
        assertTrue(e.getMessage().contains("not an HTTP/1.1 status line: 'SSH-2.0-OpenSSH_9.2'"), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
    }

    @Test
    void anEndlessHeadIsRefusedAtItsLimitAndItsConnectionDropped() {
        server.endlessHead();
        DockerException e = callFails(transport());
        assertTrue(e.getMessage().contains("head is longer than 256 KiB"), e.getMessage());
        assertTrue(server.awaitClosed(1), "the connection was dropped");
    }

    @Test
    void aChunkSizeThatIsNotHexFailsTyped() {
        server.answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", false);
        DockerException e = callFails(transport());
        assertTrue(e.getMessage().contains("invalid chunk size: 'zz'"), e.getMessage());
        assertTrue(server.awaitClosed(1), "the connection was dropped");
    }

    @Test
    void aBodyCutShortSaysTheDaemonClosedTheConnection() {
        server.answer("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"a\":", true);
        DockerException e = callFails(transport());
        assertTrue(e.getMessage().contains("closed the connection in the middle of the answer to GET /v1.41/info"),
                e.getMessage());
    }

    @Test
    void anInvalidContentLengthFailsTyped() {
        server.answer("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n{}", false);
        DockerException e = callFails(transport());
        assertTrue(e.getMessage().contains("invalid Content-Length: '-1'"), e.getMessage());
    }

    @Test
    void aLineBreakInAHeaderValueIsRefusedBeforeAnythingIsSentAndTheValueIsNotShown() {
        try (Transport t = transport()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.send(ApiRequest
                    .get("/info").registryAuth("c2VjcmV0\r\nX-Injected: 1").build()));
            assertTrue(e.getMessage().contains("X-Registry-Auth"), e.getMessage());
            assertFalse(e.getMessage().contains("c2VjcmV0"), "the secret stays out of the message: " + e.getMessage());
        }
        assertEquals(0, server.connections.get(), "nothing was sent");
    }

    @Test
    void theCallTimeoutEndsASilentAnswerAndSaysSo() {
        server.silent();
        long t0 = System.nanoTime();
        DockerException e = callFails(transport(new Timeouts(Duration.ofSeconds(5), Duration.ZERO,
                Duration.ofMillis(700))));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms >= 650 && ms < 5_000, ms + " ms");
        assertTrue(e.getMessage().contains("timeout (call timeout 700 ms)"), e.getMessage());
    }

    @Test
    void aStreamedBodyGoesOutInChunksAndArrivesWhole() throws Exception {
        byte[] data = new byte[300_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        try (MockDaemon daemon = new MockDaemon(); Transport t = daemon.transport(ApiVersion.of(1, 41))) {
            daemon.enqueue(new MockResponse.Builder().code(200).body("{}").build());
            t.json(ApiRequest.post("/build").body("application/x-tar", out -> {
                for (int i = 0; i < data.length; i += 512) { // a tar writer's pace: one block at a time
                    out.write(data, i, Math.min(512, data.length - i));
                }
            }).build(), Map.class);
            RecordedRequest r = daemon.server.takeRequest();
            assertEquals("chunked", r.getHeaders().get("Transfer-Encoding"));
            assertEquals("application/x-tar", r.getHeaders().get("Content-Type"));
            assertTrue(r.getChunkSizes().size() <= 10, "512-byte writes gathered: " + r.getChunkSizes());
            assertTrue(java.util.Arrays.equals(data, r.getBody().toByteArray()), "the body arrived whole");
        }
    }

    private static DockerException callFails(Transport t) {
        try (t) {
            Throwable thrown = assertTimeoutPreemptively(LIMIT, () -> assertThrows(RuntimeException.class,
                    () -> t.json(ApiRequest.get("/info").build(), Map.class)));
            return assertInstanceOf(DockerException.class, thrown, String.valueOf(thrown));
        }
    }

    /** A TCP server whose answers are bytes written by hand, one per request, in order. */
    private static final class WireServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final BlockingQueue<Object[]> answers = new LinkedBlockingQueue<>();
        private final BlockingQueue<Boolean> closed = new LinkedBlockingQueue<>();
        final AtomicInteger connections = new AtomicInteger();
        private volatile String mode = "script";
        private final Thread acceptor;

        WireServer() throws IOException {
            acceptor = new Thread(this::accept, "wire-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        void answer(String bytes, boolean thenClose) {
            answers.add(new Object[] {bytes, thenClose});
        }

        void endlessHead() {
            mode = "endless";
        }

        void silent() {
            mode = "silent";
        }

        /** Whether a connection ended (the client dropped it, or the server closed it), within 5 s. */
        boolean awaitClosed(int n) {
            try {
                for (int i = 0; i < n; i++) {
                    if (closed.poll(5, TimeUnit.SECONDS) == null) {
                        return false;
                    }
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    Thread t = new Thread(() -> serve(s), "wire-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                while (readHead(in)) {
                    switch (mode) {
                        case "silent" -> {
                            in.read(); // until the client gives up
                            return;
                        }
                        case "endless" -> {
                            out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1));
                            byte[] line = ("X-A: " + "a".repeat(1000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
                            for (int i = 0; i < 10_000; i++) {
                                out.write(line); // 10 MB: fails once the client stops reading and closes
                            }
                            return;
                        }
                        default -> {
                            Object[] a = answers.poll(5, TimeUnit.SECONDS);
                            if (a == null) {
                                return;
                            }
                            out.write(((String) a[0]).getBytes(StandardCharsets.ISO_8859_1));
                            out.flush();
                            if ((Boolean) a[1]) {
                                return;
                            }
                        }
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the client dropped the connection
            } finally {
                closed.add(Boolean.TRUE);
            }
        }

        /** Reads a request head (GETs only here); false at the connection's end. */
        private static boolean readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                byte[] h = head.toByteArray();
                int n = h.length;
                if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
