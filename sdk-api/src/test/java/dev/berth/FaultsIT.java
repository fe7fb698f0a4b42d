package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.model.ContainerSpec;
import dev.berth.model.ContainerStats;
import dev.berth.model.Event;
import dev.berth.model.LogLine;
import dev.berth.transport.ApiRequest;
import dev.berth.errors.ConflictException;
import dev.berth.errors.DaemonUnreachableException;
import dev.berth.errors.DockerException;
import dev.berth.transport.DockerHost;
import dev.berth.errors.NotFoundException;
import dev.berth.errors.StreamException;
import dev.berth.transport.Transport;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What callers see when the engine goes away under them, and that nothing hangs. The engine "dies" without the shared
 * test engine being touched: each test talks to it through {@link EngineProxy}, a Unix-socket relay the test can
 * {@link EngineProxy#kill() kill} (listener and every relayed connection dropped, socket file gone, as when dockerd
 * dies) and {@link EngineProxy#restart() restart} on the same path.
 *
 * <p>"At once" is {@link #AT_ONCE}: measured from the kill (or close) to the exception in the blocked thread. Every
 * outcome is printed with a {@code [faults]} prefix for the record.
 */
class FaultsIT {
    /** The label value of every container this class makes ({@link TestEngine#LABEL}=faults). */
    static final String KIND = "faults";
    /** "At once": well under the 5 s the brief allows, with room for a loaded 2-core machine. */
    private static final long AT_ONCE_MS = 2_000;
    private static final Duration AT_ONCE = Duration.ofMillis(AT_ONCE_MS);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicInteger SOCKETS = new AtomicInteger();
    private static final List<String> IMAGES = new CopyOnWriteArrayList<>();

    private static Docker direct;
    private static Path dir;

    private EngineProxy proxy;
    private Docker docker;

    @BeforeAll
    static void connect() throws IOException {
        direct = TestEngine.docker();
        // /tmp, not the build folder: a socket path must fit in 108 bytes.
        dir = Files.createTempDirectory("berth-faults");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try {
            removeContainers(direct.transport(), KIND);
            for (String image : IMAGES) {
                try {
                    direct.images().remove(image, ImageRemoveOptions.force());
                } catch (NotFoundException | ConflictException e) {
                    // never made, or already gone
                }
            }
        } finally {
            direct.close();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @BeforeEach
    void startProxy() throws IOException {
        proxy = new EngineProxy(dir.resolve("engine-" + SOCKETS.incrementAndGet() + ".sock"), engineSocket());
        proxy.start();
        docker = Docker.builder().host("unix://" + proxy.path())
                .credentials(new CredentialStore(dir.resolve("config"), Map.of())).build();
    }

    @AfterEach
    void stopProxy() {
        docker.close();
        proxy.close();
        assertTrue(proxy.awaitThreads(Duration.ofSeconds(5)), "the proxy's own threads ended");
    }

    // ---- the engine dies under a call -------------------------------------------------------------------------

    @Test
    void engineDyingDuringAFollowedLogFailsTheReaderAtOnce() {
        String id = run("sh", "-c", "while true; do echo tick; sleep 0.1; done");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (Stream<LogLine> lines = docker.containers().logs(id).follow().lines()) {
                Iterator<LogLine> it = lines.iterator();
                for (int i = 0; i < 5; i++) {
                    assertEquals("tick", it.next().text());
                }
                long killed = proxy.kill();
                RuntimeException e = assertThrows(RuntimeException.class, () -> {
                    while (it.hasNext()) {
                        it.next();
                    }
                }, "a follow cut by a dead engine must not end quietly, like one whose container stopped");
                long ms = millisSince(killed);
                record("logs follow (lines)", e, ms);
                assertAtOnce(ms);
                assertClearStreamFailure(e);
                assertNamesTheLostDaemon(e);
            }
        });
    }

    @Test
    void engineDyingDuringAFollowedByteStreamFailsTheReadAtOnce() {
        String id = run("sh", "-c", "while true; do echo tick; sleep 0.1; done");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (InputStream in = docker.containers().logs(id).follow().stream()) {
                byte[] buf = new byte[64];
                int got = 0;
                while (got < 10) { // not readNBytes: see zeroLengthReadOfAFollowedLogReturnsAtOnce
                    got += in.read(buf, got, buf.length - got);
                }
                assertTrue(new String(buf, 0, got, StandardCharsets.US_ASCII).startsWith("tick\ntick\n"));
                long killed = proxy.kill();
                IOException e = assertThrows(IOException.class, () -> {
                    while (in.read(buf) >= 0) {
                        // drain what was in flight
                    }
                }, "a followed byte stream cut by a dead engine must fail, not reach EOF");
                long ms = millisSince(killed);
                record("logs follow (bytes)", e, ms);
                assertAtOnce(ms);
                assertNamesTheLostDaemon(e);
            }
        });
    }

    @Test
    void engineDyingDuringAnInteractiveExecEndsItsOutputAndTheExitCodeFailsTyped() {
        String id = run("sleep", "300");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (Session cat = docker.containers().execInteractive(id, ExecOptions.of("cat"))) {
                cat.stdin().write("hello\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("hello\n", new String(cat.stdout().readNBytes(6), StandardCharsets.US_ASCII));

                CompletableFuture<Object> reader = CompletableFuture.supplyAsync(() -> {
                    try {
                        return cat.stdout().readAllBytes().length;
                    } catch (IOException | RuntimeException e) {
                        return e;
                    }
                }, FaultsIT::inOwnThread);
                Thread.sleep(200);
                assertFalse(reader.isDone(), "the reader is blocked in the live session");
                long killed = proxy.kill();
                Object outcome = reader.get(AT_ONCE_MS, TimeUnit.MILLISECONDS);
                long ms = millisSince(killed);
                // A hijacked stream has no framing of its own: EOF is all a dead engine leaves, as for a process
                // that ended. The read must end at once; the typed failure comes with the exit code.
                record("exec session stdout read", outcome, ms);
                assertAtOnce(ms);
                assertTrue(Integer.valueOf(0).equals(outcome) || outcome instanceof IOException
                        || outcome instanceof DockerException, "no output after the kill, or an I/O error: " + outcome);

                IOException write = assertThrows(IOException.class, () -> {
                    for (int i = 0; i < 100; i++) {
                        cat.stdin().write("more\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }, "stdin to a dead engine fails");
                record("exec session stdin write", write, 0);

                long asked = System.nanoTime();
                DaemonUnreachableException code = assertThrows(DaemonUnreachableException.class, cat::exitCode);
                long codeMs = millisSince(asked);
                record("exec session exitCode()", code, codeMs);
                assertAtOnce(codeMs);
                assertTrue(code.getMessage().contains(proxy.path().toString()), code.getMessage());
            }
        });
    }

    @Test
    void engineDyingDuringALongExecFailsItTyped() {
        String id = run("sleep", "300");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            CompletableFuture<Object> exec = CompletableFuture.supplyAsync(() -> {
                try {
                    return docker.containers().exec(id, "sh", "-c", "sleep 30");
                } catch (RuntimeException e) {
                    return e;
                }
            }, FaultsIT::inOwnThread);
            awaitRunningExec(id);
            assertFalse(exec.isDone(), "the exec runs");
            long killed = proxy.kill();
            Object outcome = exec.get(AT_ONCE_MS, TimeUnit.MILLISECONDS);
            long ms = millisSince(killed);
            record("exec sh -c 'sleep 30'", outcome, ms);
            assertAtOnce(ms);
            assertInstanceOf(DaemonUnreachableException.class, outcome, "never a result made up after the kill");
        });
    }

    @Test
    void engineDyingDuringAPullFailsItAtOnce() throws IOException {
        String image = pushedImage();
        direct.images().remove(image);
        assertFalse(direct.images().exists(image));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            AtomicLong killed = new AtomicLong();
            List<String> seen = new ArrayList<>();
            RuntimeException e = assertThrows(RuntimeException.class, () -> docker.images().pull(image, event -> {
                seen.add(String.valueOf(event.status()));
                String s = String.valueOf(event.status());
                if (killed.get() == 0 && event.id() != null && (s.startsWith("Downloading")
                        || s.startsWith("Verifying") || s.startsWith("Download complete")
                        || s.startsWith("Extracting"))) {
                    killed.set(proxy.kill()); // in the middle of the layer's transfer
                }
            }), "the pull did not fail");
            assertTrue(killed.get() != 0, "no transfer event to kill on; seen: " + seen);
            long ms = millisSince(killed.get());
            record("images pull", e, ms);
            assertAtOnce(ms);
            assertClearStreamFailure(e);
            assertNamesTheLostDaemon(e);
        });
    }

    @Test
    void engineDyingDuringALoadUploadFailsItAtOnce() throws IOException {
        String image = pushedImage();
        Path tar = dir.resolve("load-" + RUN + ".tar");
        direct.images().save(tar, image);
        long size = Files.size(tar);
        assertTrue(size > 8 << 20, "a tar large enough to kill in the middle: " + size);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            AtomicLong killed = new AtomicLong();
            AtomicLong read = new AtomicLong();
            try (InputStream in = new CountingInputStream(Files.newInputStream(tar), read, 4 << 20,
                    () -> killed.set(proxy.kill()))) {
                RuntimeException e = assertThrows(RuntimeException.class, () -> docker.images().load(in));
                assertTrue(killed.get() != 0, "the kill happened during the upload");
                long ms = millisSince(killed.get());
                record("images load (upload " + (read.get() >> 20) + " of " + (size >> 20) + " MiB)", e, ms);
                assertAtOnce(ms);
                assertInstanceOf(DockerException.class, e);
            } finally {
                Files.deleteIfExists(tar);
            }
        });
    }

    @Test
    void engineDyingDuringAWaitFailsItTyped() {
        String id = run("sleep", "300");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            CompletableFuture<Object> wait = CompletableFuture.supplyAsync(() -> {
                try {
                    return docker.containers().waitFor(id, WaitCondition.NOT_RUNNING);
                } catch (RuntimeException e) {
                    return e;
                }
            }, FaultsIT::inOwnThread);
            Thread.sleep(500);
            assertFalse(wait.isDone(), "the wait is pending: " + wait.getNow(null));
            long killed = proxy.kill();
            Object outcome = wait.get(AT_ONCE_MS, TimeUnit.MILLISECONDS);
            long ms = millisSince(killed);
            record("waitFor", outcome, ms);
            assertAtOnce(ms);
            DockerException e = assertInstanceOf(DockerException.class, outcome);
            assertFalse(e instanceof StreamException, "not \"malformed JSON\": the connection broke; " + e);
            assertNamesTheLostDaemon(e);
        });
    }

    @Test
    void zeroLengthReadOfAFollowedLogReturnsAtOnce() {
        String id = run("sh", "-c", "while true; do echo tick; sleep 0.1; done");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (InputStream in = docker.containers().logs(id).follow().stream()) {
                assertEquals(0, in.read(new byte[8], 0, 0));
                assertEquals("tick\n", new String(in.readNBytes(5), StandardCharsets.US_ASCII));
            }
        });
    }

    // ---- the engine comes back ---------------------------------------------------------------------------------

    @Test
    void afterARestartTheSameClientWorksAgainOnFreshConnections() throws Exception {
        String id = run("sleep", "300");
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            // Fill the pool with several idle connections that the kill will leave dead.
            parallel(4, 10, () -> docker.containers().inspect(id));
            int pooled = proxy.accepted();
            assertTrue(pooled >= 2, "several pooled connections before the kill: " + pooled);

            long killed = proxy.kill();
            DaemonUnreachableException down = assertThrows(DaemonUnreachableException.class,
                    () -> docker.system().ping());
            long ms = millisSince(killed);
            record("ping while the engine is down", down, ms);
            assertAtOnce(ms);
            assertTrue(down.getMessage().contains(proxy.path().toString()), down.getMessage());

            proxy.restart();
            int before = proxy.accepted();
            long t0 = System.nanoTime();
            assertEquals(id, docker.containers().inspect(id).id());
            assertNotNull(docker.system().ping().apiVersion());
            long firstMs = millisSince(t0);
            for (int i = 0; i < 20; i++) {
                docker.system().ping();
            }
            parallel(4, 10, () -> docker.containers().inspect(id));
            assertTrue(proxy.accepted() > before, "new connections after the restart");
            record("first calls after restart", "ok, " + (proxy.accepted() - before) + " new connections", firstMs);
            assertAtOnce(firstMs);
        });
    }

    @Test
    void aStreamedUploadIsNeverReplayedFromAConsumedStream() throws IOException {
        // A pooled connection dies while idle (the engine restarted); the next call streams a body from an
        // InputStream. OkHttp retries a failed attempt on a fresh connection by writing the body again: from a
        // stream already read in part, that sends a headless tar. Either the whole tar arrives once, or the call
        // fails; never a replay.
        String image = pushedImage();
        Path tar = dir.resolve("replay-" + RUN + ".tar");
        direct.images().save(tar, image);
        long size = Files.size(tar);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            docker.system().ping(); // one idle pooled connection
            proxy.kill();
            proxy.restart();
            AtomicLong read = new AtomicLong();
            Object outcome;
            try (InputStream in = new CountingInputStream(Files.newInputStream(tar), read, Long.MAX_VALUE, () -> { })) {
                outcome = docker.images().load(in);
            } catch (RuntimeException e) {
                outcome = e;
            } finally {
                Files.deleteIfExists(tar);
            }
            record("load over a stale pooled connection (" + read.get() + " of " + size + " bytes read)",
                    outcome, 0);
            assertTrue(read.get() <= size, "read " + read.get() + " bytes of a " + size + " byte tar");
            if (outcome instanceof RuntimeException e) {
                // A client-side failure: the daemon never saw a tar with its start missing.
                assertInstanceOf(DockerException.class, e);
                assertFalse(e instanceof StreamException, "the daemon was sent a broken tar: " + e);
                assertEquals(0, ((DockerException) e).status(), e.toString());
                // and the client is fine afterwards
                assertNotNull(docker.system().ping());
            } else {
                assertEquals(size, read.get(), "the whole tar was sent");
                assertTrue(outcome.toString().contains(image), String.valueOf(outcome));
            }
        });
    }

    // ---- endpoints that never answer ----------------------------------------------------------------------------

    @Test
    void aSilentTcpEndpointFailsWithinTheReadTimeout() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            String where = "127.0.0.1:" + silent.port();
            try (Docker d = Docker.builder().host("tcp://" + where).connectTimeout(Duration.ofSeconds(1))
                    .readTimeout(Duration.ofSeconds(1)).build()) {
                long t0 = System.nanoTime();
                DockerException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                        () -> assertThrows(DockerException.class, () -> d.system().ping()));
                long ms = millisSince(t0);
                record("silent tcp server, read timeout 1 s", e, ms);
                // one read timeout, not two (the version negotiation must not ask again after a timeout)
                assertTrue(ms >= 900 && ms < 1_800, "failed after " + ms + " ms");
                assertTrue(e.getMessage().contains(where), e.getMessage());
                assertTrue(e.getMessage().toLowerCase().contains("timeout")
                        || e.getMessage().toLowerCase().contains("timed out"), e.getMessage());
                assertTrue(silent.accepted() >= 1, "it did connect");
            }
        }
    }

    @Test
    void anEndpointThatNeverCompletesTheHandshakeFailsWithinTheConnectTimeout() throws IOException {
        // Not 10.255.255.1: this test bed intercepts all outbound TCP and answers it (404 on /_ping in 30 ms). A
        // local listener whose accept queue is full drops SYNs, so connecting hangs as to a black-holed address.
        try (BlackHole hole = new BlackHole()) {
            String where = "127.0.0.1:" + hole.port();
            try (Docker d = Docker.builder().host("tcp://" + where).connectTimeout(Duration.ofSeconds(1))
                    .readTimeout(Duration.ofSeconds(1)).build()) {
                long t0 = System.nanoTime();
                DockerException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                        () -> assertThrows(DockerException.class, () -> d.system().ping()));
                long ms = millisSince(t0);
                record("black-holed " + where + ", connect timeout 1 s", e, ms);
                assertTrue(ms >= 900 && ms < 3_000, "failed after " + ms + " ms");
                DaemonUnreachableException u = assertInstanceOf(DaemonUnreachableException.class, e,
                        "a connect timeout means the daemon is unreachable");
                assertEquals("tcp://" + where, u.endpoint());
                assertTrue(e.getMessage().contains(where), e.getMessage());
            }
        }
    }

    @Test
    @SuppressWarnings("try") // the server is closed mid-call on purpose
    void withoutAReadTimeoutTheCallTimeoutEndsACallToASilentServer() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            String where = "127.0.0.1:" + silent.port();
            try (Docker d = Docker.builder().host("tcp://" + where).callTimeout(Duration.ofSeconds(2)).build()) {
                long t0 = System.nanoTime();
                DockerException e = assertTimeoutPreemptively(Duration.ofSeconds(15),
                        () -> assertThrows(DockerException.class, () -> d.system().ping()));
                long ms = millisSince(t0);
                record("silent tcp server, no read timeout, call timeout 2 s", e, ms);
                assertTrue(ms >= 1_900 && ms < 3_500, "failed after " + ms + " ms: the limit is 2 s");
                assertTrue(e.getMessage().contains(where), e.getMessage());
            }
            // And with no limit at all the call waits (as the CLI): it is still blocked after 3 s, and ends at
            // once when the server goes away. (Hanging up while still listening is not enough: OkHttp retries the
            // idempotent ping on a new connection, which is silent again.)
            try (Docker d = Docker.builder().host("tcp://" + where).build()) {
                CompletableFuture<Object> call = CompletableFuture.supplyAsync(() -> {
                    try {
                        return d.system().ping();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }, FaultsIT::inOwnThread);
                assertThrows(TimeoutException.class, () -> call.get(3, TimeUnit.SECONDS), "no limit, no end");
                long gone = System.nanoTime();
                silent.close();
                Object outcome = call.get(AT_ONCE_MS, TimeUnit.MILLISECONDS);
                record("silent tcp server, no timeouts, then the server goes away", outcome, millisSince(gone));
                assertInstanceOf(DockerException.class, outcome);
            }
        }
    }

    // ---- streams are not cut by per-call limits -----------------------------------------------------------------

    @Test
    void readTimeoutDoesNotCutAFollowOrAWait() {
        String slow = run("sh", "-c", "while true; do echo tick; sleep 1.5; done");
        String exits = run("sh", "-c", "sleep 3; exit 42");
        try (Docker d = Docker.builder().host(TestEngine.dockerHost()).readTimeout(Duration.ofSeconds(1)).build()) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                d.containers().inspect(slow); // a pooled connection that last ran with the 1 s read timeout
                long t0 = System.nanoTime();
                int lines = 0;
                try (Stream<LogLine> follow = d.containers().logs(slow).follow().tail(0).lines()) {
                    Iterator<LogLine> it = follow.iterator();
                    while (millisSince(t0) < 5_000) {
                        assertEquals("tick", it.next().text());
                        lines++;
                    }
                }
                record("follow with read timeout 1 s, lines 1.5 s apart", lines + " lines in " + millisSince(t0)
                        + " ms", millisSince(t0));
                assertTrue(lines >= 3, lines + " lines");

                long code = d.containers().waitFor(exits, WaitCondition.NOT_RUNNING).statusCode();
                assertEquals(42, code);
            });
        }
    }

    // ---- closing from another thread -----------------------------------------------------------------------

    @Test
    void closingAFollowedLogFromAnotherThreadUnblocksItsReader() {
        String id = run("sleep", "300");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (Stream<LogLine> lines = opened("logs follow", () -> docker.containers().logs(id).follow().lines())) {
                assertUnblockedByClose("logs follow Stream.close()", () -> lines.iterator().hasNext(), lines::close);
            }
        });
    }

    @Test
    void closingASessionFromAnotherThreadUnblocksItsReader() {
        String id = run("sleep", "300");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (Session cat = opened("exec session", () -> docker.containers().execInteractive(id,
                    ExecOptions.of("cat")))) {
                assertUnblockedByClose("Session.close()", () -> cat.stdout().read(), cat::close);
            }
        });
    }

    @Test
    void closingAStatsStreamFromAnotherThreadUnblocksItsReader() {
        String id = run("sleep", "300");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (Stream<ContainerStats> stats = opened("stats stream", () -> docker.containers().statsStream(id))) {
                Iterator<ContainerStats> it = stats.iterator();
                assertNotNull(it.next());
                // Samples keep coming about every second: the loop ends only when the close ends the stream.
                assertUnblockedByClose("statsStream close()", () -> {
                    int n = 0;
                    while (it.hasNext()) {
                        it.next();
                        n++;
                    }
                    return n;
                }, stats::close);
            }
        });
    }

    @Test
    void closingAQuietEventStreamFromAnotherThreadUnblocksItsReader() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            // A filter nothing matches: no event ever comes, so opening must not wait for one.
            try (Stream<Event> events = opened("quiet events", () -> docker.system().events(EventQuery.live()
                    .withFilter("label", TestEngine.LABEL + "=" + KIND + "-nothing-" + RUN)))) {
                assertUnblockedByClose("events close()", () -> events.iterator().hasNext(), events::close);
            }
        });
    }

    /** Opens a stream and checks that opening it did not wait for its first item. */
    private static <T> T opened(String what, Supplier<T> open) {
        long t0 = System.nanoTime();
        T stream = open.get();
        long ms = millisSince(t0);
        assertTrue(ms < AT_ONCE_MS, what + ": opening took " + ms + " ms; it must return before the first item");
        return stream;
    }

    /** Runs {@code blocked} in another thread, checks it blocks, closes, and checks it ends at once. */
    private static void assertUnblockedByClose(String what, Blocking blocked, Runnable close) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Object> reader = CompletableFuture.supplyAsync(() -> {
                started.countDown();
                try {
                    return blocked.call();
                } catch (Exception e) {
                    return e;
                }
            }, FaultsIT::inOwnThread);
            started.await();
            Thread.sleep(1_500);
            assertFalse(reader.isDone(), what + ": the reader is blocked before the close, but ended with "
                    + reader.getNow(null));
            long closed = System.nanoTime();
            close.run();
            Object outcome;
            try {
                outcome = reader.get(AT_ONCE_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                fail(what + ": the reader is still blocked " + AT_ONCE_MS + " ms after the close");
                return;
            }
            long ms = millisSince(closed);
            record(what, outcome, ms);
            assertAtOnce(ms);
        });
    }

    @FunctionalInterface
    interface Blocking {
        Object call() throws Exception;
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static Path engineSocket() {
        DockerHost host = DockerHost.parse(TestEngine.dockerHost());
        assertEquals(DockerHost.Scheme.UNIX, host.scheme(), "the proxy relays to a Unix socket engine");
        return Path.of(host.path());
    }

    /** A started container labelled {@link TestEngine#LABEL}=faults. */
    private static String run(String... cmd) {
        return direct.containers().run(ContainerSpec.builder(TestEngine.image()).label(TestEngine.LABEL, KIND)
                .cmd(cmd).build()).id();
    }

    /** Removes the containers labelled {@link TestEngine#LABEL}={@code value}, and only those. */
    static void removeContainers(Transport t, String value) {
        List<?> list = t.json(ApiRequest.get("/containers/json").query("all", true)
                .filters(Map.of("label", List.of(TestEngine.LABEL + "=" + value))).build(), List.class);
        for (Object o : list) {
            String id = (String) ((Map<?, ?>) o).get("Id");
            try {
                t.send(ApiRequest.delete("/containers/{id}", id).query("force", true).build()).discard();
            } catch (NotFoundException | ConflictException e) {
                // removed meanwhile, or being removed (another class's clean-up of every test container)
            }
        }
    }

    private static String pushedImage;

    /**
     * An image in the local registry with a fresh 24 MiB layer (random, so compression cannot shrink it), pushed
     * once after {@code docker login}; the local copy stays until the test removes it.
     */
    private synchronized String pushedImage() {
        if (pushedImage != null) {
            if (!direct.images().exists(pushedImage)) {
                docker.images().pull(pushedImage);
            }
            return pushedImage;
        }
        String registry = env("BERTH_TEST_REGISTRY");
        String image = registry + "/berth/faults:" + RUN;
        String base = direct.containers().create(ContainerSpec.builder(TestEngine.image())
                .label(TestEngine.LABEL, KIND).cmd("dd", "if=/dev/urandom", "of=/payload", "bs=1M", "count=24")
                .build());
        direct.containers().start(base);
        assertEquals(0, direct.containers().waitFor(base, WaitCondition.NOT_RUNNING).statusCode());
        direct.images().commit(base, CommitOptions.of(image).withMessage("fault payload").withAuthor("berth-test")
                .withoutPause());
        IMAGES.add(image);
        // Through the proxy, with a credential store of the test's own (not the user's config.json).
        docker.registries().login(AuthConfig.ofPassword(env("BERTH_TEST_REGISTRY_USER"),
                env("BERTH_TEST_REGISTRY_PASSWORD"), registry));
        docker.images().push(image, e -> { });
        pushedImage = image;
        return image;
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalStateException(name + " is not set: source /tmp/berth-engine/env");
        }
        return v;
    }

    private void awaitRunningExec(String id) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Map<?, ?> c = direct.transport().json(ApiRequest.get("/containers/{id}/json", id).build(), Map.class);
            if (c.get("ExecIDs") instanceof List<?> l && !l.isEmpty()) {
                String exec = (String) l.get(l.size() - 1);
                if (direct.containers().execInspect(exec).running()) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        fail("the exec did not start");
    }

    /**
     * Runs a blocking call in a thread of its own. Not the common pool: on two cores it has one worker, and a call
     * an earlier test left blocked there would hold back this test's call past its time limit.
     */
    private static void inOwnThread(Runnable task) {
        Thread t = new Thread(task, "faults-call");
        t.setDaemon(true);
        t.start();
    }

    private static void parallel(int threads, int callsEach, Runnable call) throws Exception {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            all.add(CompletableFuture.runAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < callsEach; i++) {
                    call.run();
                }
            }, r -> new Thread(r, "faults-parallel").start()));
        }
        go.countDown();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void assertAtOnce(long ms) {
        assertTrue(ms < AT_ONCE.toMillis(), "took " + ms + " ms, not at once (< " + AT_ONCE.toMillis() + " ms)");
    }

    /**
     * A failed stream must say so in terms a caller can act on: a {@link DockerException}, or an
     * {@link UncheckedIOException} whose message chain says the connection to the daemon broke.
     */
    private static void assertClearStreamFailure(RuntimeException e) {
        assertTrue(e instanceof DockerException || e instanceof UncheckedIOException, "unexpected type: " + e);
    }

    /** Somewhere in the cause chain the failure says which daemon went away, not just "EOFException: null". */
    private void assertNamesTheLostDaemon(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (m.contains(proxy.path().toString()) && m.contains("closed the connection")) {
                return;
            }
        }
        fail("no message in the chain names the daemon that closed the connection: " + e);
    }

    static void record(String what, Object outcome, long ms) {
        StringBuilder sb = new StringBuilder("[faults] ").append(what).append(" -> ");
        if (outcome instanceof Throwable t) {
            String sep = "";
            for (Throwable c = t; c != null; c = c.getCause()) {
                sb.append(sep).append(c.getClass().getName()).append(": ").append(c.getMessage());
                sep = "  <-  ";
            }
        } else {
            sb.append(outcome);
        }
        System.out.println(sb.append(" (").append(ms).append(" ms)"));
    }

    /** Counts what is read through it; runs {@code trigger} once when the count passes {@code at}. */
    private static final class CountingInputStream extends FilterInputStream {
        private final AtomicLong count;
        private final long at;
        private final Runnable trigger;
        private boolean fired;

        CountingInputStream(InputStream in, AtomicLong count, long at, Runnable trigger) {
            super(in);
            this.count = count;
            this.at = at;
            this.trigger = trigger;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) {
            if (count.addAndGet(n) >= at && !fired) {
                fired = true;
                trigger.run();
            }
        }
    }

    /** A TCP listener whose accept queue is full: the kernel drops further SYNs, so connecting never completes. */
    static final class BlackHole implements Closeable {
        private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final List<Socket> fillers = new ArrayList<>();

        BlackHole() throws IOException {
            for (int i = 0; i < 16; i++) {
                Socket s = new Socket();
                try {
                    s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port()), 300);
                    fillers.add(s);
                } catch (java.net.SocketTimeoutException e) {
                    closeQuietly(s);
                    return; // full
                }
            }
            throw new IllegalStateException("the accept queue never filled");
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            for (Socket s : fillers) {
                closeQuietly(s);
            }
            server.close();
        }
    }

    /** A TCP server that accepts connections and never reads or writes. */
    static final class SilentServer implements Closeable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        SilentServer() throws IOException {
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        held.add(server.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "faults-silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return held.size();
        }

        /** Closes every accepted connection. */
        void hangUp() {
            for (Socket s : held) {
                closeQuietly(s);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            hangUp();
        }
    }

    /**
     * A Unix-socket relay to the engine: one thread accepts, two pump each connection. {@link #kill()} drops the
     * listener, removes the socket file and closes every relayed connection abruptly, as a dying daemon does;
     * {@link #restart()} listens again on the same path.
     */
    static final class EngineProxy implements Closeable {
        private final Path path;
        private final Path engine;
        private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
        private final List<Thread> threads = new CopyOnWriteArrayList<>();
        private final AtomicInteger accepted = new AtomicInteger();
        private final AtomicBoolean closed = new AtomicBoolean();
        private ServerSocketChannel server;

        EngineProxy(Path path, Path engine) {
            this.path = path;
            this.engine = engine;
        }

        Path path() {
            return path;
        }

        /** Connections relayed so far. */
        int accepted() {
            return accepted.get();
        }

        synchronized void start() throws IOException {
            if (server != null) {
                throw new IllegalStateException("already listening");
            }
            Files.deleteIfExists(path);
            ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            s.bind(UnixDomainSocketAddress.of(path));
            server = s;
            spawn("faults-proxy-accept", () -> acceptLoop(s));
        }

        /** Listens again on the same path. */
        void restart() throws IOException {
            start();
        }

        /**
         * The engine dies: no listener, no socket file, every connection closed.
         *
         * @return {@link System#nanoTime()} right after the kill
         */
        synchronized long kill() {
            closeQuietly(server);
            server = null;
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (SocketChannel c : open) {
                closeQuietly(c);
            }
            open.clear();
            return System.nanoTime();
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                kill();
            }
        }

        /** Whether every thread the proxy started has ended within {@code d}. */
        boolean awaitThreads(Duration d) {
            long deadline = System.nanoTime() + d.toNanos();
            for (Thread t : threads) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                try {
                    t.join(Math.max(1, left));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                if (t.isAlive()) {
                    return false;
                }
            }
            return true;
        }

        private void acceptLoop(ServerSocketChannel s) {
            while (true) {
                SocketChannel client;
                try {
                    client = s.accept();
                } catch (IOException e) {
                    return; // killed
                }
                SocketChannel upstream;
                try {
                    upstream = SocketChannel.open(UnixDomainSocketAddress.of(engine));
                } catch (IOException e) {
                    closeQuietly(client);
                    continue;
                }
                synchronized (this) {
                    if (server != s) { // killed between accept and now
                        closeQuietly(client);
                        closeQuietly(upstream);
                        return;
                    }
                    open.add(client);
                    open.add(upstream);
                }
                accepted.incrementAndGet();
                AtomicInteger halves = new AtomicInteger(2);
                spawn("faults-proxy-up", () -> pump(client, upstream, halves));
                spawn("faults-proxy-down", () -> pump(upstream, client, halves));
            }
        }

        private void pump(SocketChannel from, SocketChannel to, AtomicInteger halves) {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            boolean clean = false;
            try {
                while (from.read(buf) >= 0) {
                    buf.flip();
                    while (buf.hasRemaining()) {
                        to.write(buf);
                    }
                    buf.clear();
                }
                to.shutdownOutput(); // a half-close passes through: stdin EOF for an exec
                clean = true;
            } catch (IOException e) {
                // killed, or one side went away: drop both
            } finally {
                if (!clean || halves.decrementAndGet() == 0) {
                    closeQuietly(from);
                    closeQuietly(to);
                    open.remove(from);
                    open.remove(to);
                }
            }
        }

        private void spawn(String name, Runnable r) {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            threads.removeIf(x -> !x.isAlive());
            threads.add(t);
            t.start();
        }
    }

    static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            // closing is all that was asked
        }
    }
}
