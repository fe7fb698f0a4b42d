package dev.berth.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.errors.CallCancelledException;
import dev.berth.errors.DaemonUnreachableException;
import dev.berth.errors.DockerException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketTransportTest {
    @TempDir
    Path dir;
    private UnixHttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = new UnixHttpServer(dir.resolve("d.sock"));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void sequentialCallsReuseOneSocket() {
        try (Transport t = server.transport(Timeouts.DEFAULT)) {
            for (int i = 0; i < 200; i++) {
                try (ApiResponse r = t.send(ApiRequest.get("/containers/{id}/json", "c" + i).build())) {
                    assertEquals(200, r.status());
                    r.discard();
                }
            }
            assertEquals(201, server.requests.get(), "one negotiation ping plus 200 calls");
            assertEquals(1, server.connections.get(), "every call went over the same Unix socket");
        }
    }

    @Test
    void jsonAndHeadCallsKeepTheConnection() {
        try (Transport t = server.transport(Timeouts.DEFAULT)) {
            for (int i = 0; i < 20; i++) {
                t.send(ApiRequest.head("/_ping").build()).close();
                t.send(ApiRequest.get("/_ping").build()).discard();
            }
            assertEquals(1, server.connections.get());
        }
    }

    @Test
    void closingStdinHalfClosesSoTheOtherSideSeesEof() {
        try (Transport t = server.transport(Timeouts.DEFAULT)) {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try (HijackedConnection c = t.upgrade(ApiRequest.post("/hijack").build())) {
                    assertTrue(c.isUpgraded());
                    c.stdin().write("hello".getBytes(StandardCharsets.UTF_8));
                    c.stdin().close();
                    String out = new String(c.output().readAllBytes(), StandardCharsets.UTF_8);
                    assertEquals("hello[EOF]", out, "the echo came back after EOF reached the server");
                }
            });
        }
    }

    @Test
    void closeFromAnotherThreadEndsABlockedRead() throws Exception {
        try (Transport t = server.transport(Timeouts.DEFAULT)) {
            ApiResponse r = t.send(ApiRequest.get("/stall").streaming().build());
            InputStream body = r.body();
            byte[] first = new byte[5];
            assertEquals(5, body.readNBytes(first, 0, 5));
            CompletableFuture<Void> closer = CompletableFuture.runAsync(() -> {
                sleep(200);
                r.close();
            });
            long start = System.nanoTime();
            // typed, as every stopped call: the reader learns that its stream was closed, not that I/O failed
            CallCancelledException e = assertThrows(CallCancelledException.class, () -> body.read(new byte[10]));
            assertEquals(CallCancelledException.Reason.CLOSED, e.reason());
            closer.get(5, TimeUnit.SECONDS);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "ended at once, not at a timeout");
        }
    }

    @Test
    void readTimeoutEndsASilentCall() {
        Timeouts quick = new Timeouts(Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ZERO);
        try (Transport t = server.transport(quick)) {
            t.apiVersion();
            long start = System.nanoTime();
            DockerException e = assertThrows(DockerException.class, () -> t.send(ApiRequest.get("/silent").build()));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
            assertTrue(e.getMessage().contains("unix://"), e.getMessage());
        }
    }

    @Test
    void missingSocketNamesThePath() {
        Path missing = dir.resolve("nope.sock");
        try (Transport t = new Transport(Endpoint.of(DockerHost.unix(missing)), Timeouts.DEFAULT)) {
            DaemonUnreachableException e = assertThrows(DaemonUnreachableException.class, t::apiVersion);
            assertTrue(e.getMessage().contains("unix://" + missing), e.getMessage());
            assertEquals("unix://" + missing, e.endpoint());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
