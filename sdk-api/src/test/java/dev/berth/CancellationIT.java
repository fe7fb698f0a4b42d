package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.errors.CallCancelledException;
import dev.berth.errors.CallCancelledException.Reason;
import dev.berth.errors.ConflictException;
import dev.berth.errors.NotFoundException;
import dev.berth.model.LogLine;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.Transport;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Long calls stop promptly on the real engine: a thread blocked in {@code pull} from a registry that stopped
 * answering, in {@code waitFor}, in a followed log and in a {@code build} whose {@code RUN} sleeps, when interrupted;
 * {@code pull} and the follow also at a view's timeout and when their view is closed from another thread. Each ends
 * within {@value #PROMPT_MS} ms of the trigger with {@link CallCancelledException} saying why, the same client's next
 * call works, and the process has no more file descriptors or threads than before the test (a small tolerance for the
 * JDK's and OkHttp's own comings and goings).
 *
 * <p>Every outcome is printed with a {@code [cancel]} prefix for the record. Containers are labelled
 * {@link TestEngine#LABEL}={@value #KIND} and removed at the end, with the images the build left.
 */
@Timeout(120)
class CancellationIT {
    static final String KIND = "cancellation";
    /** The acceptance bound: from the trigger to the typed exception in the blocked thread. */
    private static final long PROMPT_MS = 1_000;
    /** How long a call is left blocked before it is stopped. */
    private static final long BLOCKED_MS = 1_000;
    private static final int FD_TOLERANCE = 3;
    /** OkHttp's task runner and Okio's watchdog threads come and go on their own schedule, shared by all clients. */
    private static final int THREAD_TOLERANCE = 2;
    /**
     * Threads not counted: JUnit's timeout watcher (made at the first timed test) and the JDK's process reapers (one
     * waits for each ssh process, then idles a minute before it ends); neither is Berth's.
     */
    private static final java.util.Set<String> NOT_COUNTED = java.util.Set.of("junit-jupiter-timeout-watcher",
            "process reaper");

    private static final String TICK = "while true; do echo tick; sleep 0.3; done";

    private static Path dir;
    private static Docker docker;

    private ProcessUsage before;

    @BeforeAll
    static void connect() throws Exception {
        dir = Files.createTempDirectory("berth-cancel");
        docker = Docker.builder().host(TestEngine.dockerHost())
                .credentials(new CredentialStore(dir.resolve("config"), Map.of())).build();
        // Warm up with the shapes the tests use, so the baseline holds the pool, OkHttp's and Okio's threads.
        docker.system().ping();
        String ticker = run("sh", "-c", TICK);
        try (Docker bounded = docker.withTimeout(Duration.ofSeconds(30));
             Stream<LogLine> lines = bounded.containers().logs(ticker).follow().tail(1).lines()) {
            assertEquals("tick", lines.iterator().next().text());
        }
        remove(ticker);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try {
            Transport t = docker.transport();
            List<?> containers = t.json(ApiRequest.get("/containers/json").query("all", true)
                    .filters(Map.of("label", List.of(TestEngine.LABEL + "=" + KIND))).build(), List.class);
            for (Object o : containers) {
                String id = (String) ((Map<?, ?>) o).get("Id");
                try {
                    t.send(ApiRequest.delete("/containers/{id}", id).query("force", true).build()).discard();
                } catch (NotFoundException | ConflictException e) {
                    // gone already, or being removed
                }
            }
            List<?> images = t.json(ApiRequest.get("/images/json").query("all", true)
                    .filters(Map.of("label", List.of(TestEngine.LABEL + "=" + KIND))).build(), List.class);
            for (Object o : images) {
                String id = (String) ((Map<?, ?>) o).get("Id");
                try {
                    t.send(ApiRequest.delete("/images/{id}", id).query("force", true).build()).discard();
                } catch (NotFoundException | ConflictException e) {
                    // removed with its child, or still used
                }
            }
        } finally {
            docker.close();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @BeforeEach
    void baseline() throws InterruptedException {
        before = ProcessUsage.settle(NOT_COUNTED);
    }

    /** Descriptors and threads are back where they were, once the dust settles. */
    @AfterEach
    void backToBaseline() throws InterruptedException {
        ProcessUsage after = ProcessUsage.settle(NOT_COUNTED);
        List<String> newThreads = new ArrayList<>(after.threadNames());
        before.threadNames().forEach(newThreads::remove);
        System.out.printf("[cancel] fds %d -> %d, threads %d -> %d%s%n", before.fds(), after.fds(), before.threads(),
                after.threads(), newThreads.isEmpty() ? "" : " (new: " + newThreads + ")");
        assertTrue(after.fds() <= before.fds() + FD_TOLERANCE, "file descriptors: " + before.fds() + " before, "
                + after.fds() + " after; open: " + after.fdTargets());
        assertTrue(after.threads() <= before.threads() + THREAD_TOLERANCE, "threads: " + before.threads() + " before, "
                + after.threads() + " after: " + ProcessUsage.liveThreadNames());
    }

    // ---- pull from a registry that stopped answering -----------------------------------------------------------

    @Test
    void anInterruptStopsAPullFromAStalledRegistry() throws Exception {
        try (StalledRegistry registry = new StalledRegistry()) {
            Outcome o = stopped("pull, interrupted", () -> {
                docker.images().pull(registry.image(), e -> { });
                return "pulled";
            }, registry::reached, null);
            assertCancelled(Reason.INTERRUPTED, o);
            assertTrue(o.interruptFlag, "the interrupt flag is still set");
        }
        assertNextCallWorks();
    }

    @Test
    void aTimeoutStopsAPullFromAStalledRegistry() throws Exception {
        try (StalledRegistry registry = new StalledRegistry()) {
            Outcome o = ownTimeout("pull, withTimeout(2 s)", () -> {
                docker.withTimeout(Duration.ofSeconds(2)).images().pull(registry.image(), e -> { });
                return "pulled";
            });
            assertTrue(registry.reached(), "the daemon reached the stalled registry");
            assertTimedOut(2_000, o);
        }
        assertNextCallWorks();
    }

    @Test
    void closingItsViewFromAnotherThreadStopsAPull() throws Exception {
        try (StalledRegistry registry = new StalledRegistry()) {
            Docker view = docker.cancellable();
            Outcome o = stopped("pull, view closed from another thread", () -> {
                view.images().pull(registry.image(), e -> { });
                return "pulled";
            }, registry::reached, view::close);
            assertCancelled(Reason.CLOSED, o);
            assertFalse(o.interruptFlag);
        }
        assertNextCallWorks();
    }

    // ---- waitFor, follow, build --------------------------------------------------------------------------------

    @Test
    void anInterruptStopsAWait() throws Exception {
        String sleeper = run("sleep", "600");
        Outcome o = stopped("waitFor on sleep 600, interrupted",
                () -> docker.containers().waitFor(sleeper, WaitCondition.NOT_RUNNING), null, null);
        assertCancelled(Reason.INTERRUPTED, o);
        assertNextCallWorks();
        assertEquals(Boolean.TRUE, docker.transport().json(ApiRequest.get("/containers/{id}/json", sleeper).build(),
                Map.class).get("State") instanceof Map<?, ?> s ? s.get("Running") : null, "the container runs on");
        remove(sleeper);
    }

    /** Over TCP with mutual TLS: the socket is a channel too, so the interrupt ends the TLS read under the wait. */
    @Test
    void anInterruptStopsAWaitOverTls() throws Exception {
        String sleeper = run("sleep", "600");
        try (Docker tls = Docker.builder().host(TestEngine.tlsHost()).tls(TestEngine.certs("client"))
                .credentials(new CredentialStore(dir.resolve("config"), Map.of())).build()) {
            Outcome o = stopped("waitFor over tcp+TLS, interrupted",
                    () -> tls.containers().waitFor(sleeper, WaitCondition.NOT_RUNNING), null, null);
            assertCancelled(Reason.INTERRUPTED, o);
            assertNotNull(tls.system().ping().apiVersion(), "the TLS client's next call works");
        }
        remove(sleeper);
    }

    /** Over ssh: a pipe cannot be interrupted, so its reads poll; the interrupt ends the wait and the ssh process. */
    @Test
    void anInterruptStopsAWaitOverSsh() throws Exception {
        String sshHost = System.getenv("BERTH_TEST_SSH_HOST");
        String key = System.getenv("BERTH_TEST_SSH_KEY");
        org.junit.jupiter.api.Assumptions.assumeTrue(sshHost != null && !sshHost.isEmpty() && key != null,
                "no sshd: the engine is an external one");
        String options = "-F /dev/null -i " + key + " -o IdentitiesOnly=yes -o BatchMode=yes"
                + " -o StrictHostKeyChecking=yes -o UserKnownHostsFile=" + Path.of(key).resolveSibling("known_hosts");
        String address = sshHost + dev.berth.transport.DockerHost.parse(TestEngine.dockerHost()).path();
        String sleeper = run("sleep", "600");
        String property = "berth.ssh.options"; // the documented name (the constant is internal)
        String saved = System.getProperty(property);
        System.setProperty(property, options);
        Docker ssh;
        try {
            ssh = Docker.builder().host(address).credentials(new CredentialStore(dir.resolve("config"), Map.of()))
                    .build();
        } finally {
            if (saved == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, saved);
            }
        }
        try (ssh) {
            ssh.system().ping();
            Outcome o = stopped("waitFor over ssh, interrupted",
                    () -> ssh.containers().waitFor(sleeper, WaitCondition.NOT_RUNNING), null, null);
            assertCancelled(Reason.INTERRUPTED, o);
            assertNotNull(ssh.system().ping().apiVersion(), "the ssh client's next call works");
        }
        remove(sleeper);
        long end = System.nanoTime() + 5_000_000_000L;
        while (sshProcesses() > 0 && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertEquals(0, sshProcesses(), "every ssh process ended: the interrupted one, and the pooled one at close");
    }

    @Test
    void anInterruptStopsAFollowedLog() throws Exception {
        String ticker = run("sh", "-c", TICK);
        AtomicInteger lines = new AtomicInteger();
        Outcome o = stopped("logs follow, interrupted", () -> {
            try (Stream<LogLine> follow = docker.containers().logs(ticker).follow().tail(0).lines()) {
                Iterator<LogLine> it = follow.iterator();
                while (it.hasNext()) {
                    it.next();
                    lines.incrementAndGet();
                }
            }
            return "ended";
        }, () -> lines.get() > 0, null);
        assertCancelled(Reason.INTERRUPTED, o);
        assertNextCallWorks();
        remove(ticker);
    }

    @Test
    void aTimeoutStopsAFollowedLog() throws Exception {
        String ticker = run("sh", "-c", TICK);
        AtomicInteger lines = new AtomicInteger();
        Outcome o = ownTimeout("logs follow, withTimeout(2 s)", () -> {
            try (Stream<LogLine> follow = docker.withTimeout(Duration.ofSeconds(2)).containers().logs(ticker)
                    .follow().tail(0).lines()) {
                follow.forEach(l -> lines.incrementAndGet());
            }
            return "ended";
        });
        assertTimedOut(2_000, o);
        assertTrue(lines.get() >= 3, "lines kept coming until the timeout: " + lines);
        assertNextCallWorks();
        remove(ticker);
    }

    @Test
    void closingItsViewFromAnotherThreadStopsAFollowedLog() throws Exception {
        String ticker = run("sh", "-c", TICK);
        Docker view = docker.cancellable();
        AtomicInteger lines = new AtomicInteger();
        Outcome o = stopped("logs follow, view closed from another thread", () -> {
            try (Stream<LogLine> follow = view.containers().logs(ticker).follow().tail(0).lines()) {
                follow.forEach(l -> lines.incrementAndGet());
            }
            return "ended";
        }, () -> lines.get() > 0, view::close);
        assertCancelled(Reason.CLOSED, o);
        assertNextCallWorks();
        remove(ticker);
    }

    @Test
    void anInterruptStopsABuildWhoseRunSleeps() throws Exception {
        List<String> output = new CopyOnWriteArrayList<>();
        BuildSpec spec = BuildSpec.fromDockerfile("FROM " + TestEngine.image() + "\nLABEL " + TestEngine.LABEL + "="
                + KIND + "\nRUN sleep 600\n").forceRemoveIntermediate().build();
        Outcome o = stopped("build with RUN sleep 600, interrupted", () -> docker.images().build(spec, output::add),
                () -> output.stream().anyMatch(l -> l.contains("Running in") || l.contains("RUN sleep 600")), null);
        assertCancelled(Reason.INTERRUPTED, o);
        assertNextCallWorks();
    }

    @Test
    void anInterruptStopsAnExecSessionRead() throws Exception {
        String sleeper = run("sleep", "600");
        try (Session cat = docker.containers().execInteractive(sleeper, ExecOptions.of("cat"))) {
            Outcome o = stopped("exec session stdout read, interrupted", () -> cat.stdout().read(), null, null);
            assertCancelled(Reason.INTERRUPTED, o);
        }
        assertNextCallWorks();
        remove(sleeper);
    }

    @Test
    void aTimeoutStopsAnExecSession() throws Exception {
        String sleeper = run("sleep", "600");
        try (Session cat = docker.withTimeout(Duration.ofSeconds(2)).containers().execInteractive(sleeper,
                ExecOptions.of("cat"))) {
            cat.stdin().write("hi\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("hi\n", new String(cat.stdout().readNBytes(3), StandardCharsets.US_ASCII));
            Outcome o = ownTimeout("exec session, withTimeout(2 s)", () -> cat.stdout().read());
            CallCancelledException e = assertInstanceOf(CallCancelledException.class, o.result);
            assertEquals(Reason.DEADLINE, e.reason());
        }
        assertNextCallWorks();
        remove(sleeper);
    }

    @Test
    void aProgressConsumerStopsItsPullByClosingItsView() throws Exception {
        try (StalledRegistry registry = new StalledRegistry(true)) {
            Docker view = docker.cancellable();
            List<String> seen = new CopyOnWriteArrayList<>();
            long t0 = System.nanoTime();
            CallCancelledException e = assertInstanceOfThrown(CallCancelledException.class, () ->
                    view.images().pull(registry.image(), event -> {
                        seen.add(String.valueOf(event.status()));
                        view.close(); // the first event is enough
                    }));
            record("pull, the consumer closed its view", e, millisSince(t0));
            assertEquals(Reason.CLOSED, e.reason());
            assertFalse(seen.isEmpty(), "a progress event came first");
        }
        assertNextCallWorks();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static void assertNextCallWorks() {
        long t0 = System.nanoTime();
        assertNotNull(docker.system().ping().apiVersion());
        assertNotNull(docker.system().version().version());
        record("next call on the same client", "ok", millisSince(t0));
    }

    private static void assertCancelled(Reason reason, Outcome o) {
        CallCancelledException e = assertInstanceOf(CallCancelledException.class, o.result,
                "the call ended with " + o.result);
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(o.millis < PROMPT_MS, "ended " + o.millis + " ms after the trigger, not within " + PROMPT_MS);
    }

    /** The call ended at its timeout ({@code limitMs} from its start), not before, and promptly after. */
    private static void assertTimedOut(long limitMs, Outcome o) {
        CallCancelledException e = assertInstanceOf(CallCancelledException.class, o.result,
                "the call ended with " + o.result);
        assertEquals(Reason.DEADLINE, e.reason(), e.getMessage());
        assertTrue(o.millis >= limitMs - 100 && o.millis < limitMs + PROMPT_MS, "ended after " + o.millis + " ms");
    }

    private static <T extends Throwable> T assertInstanceOfThrown(Class<T> type, Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            return assertInstanceOf(type, t);
        }
        return fail("no exception");
    }

    private record Outcome(Object result, boolean interruptFlag, long millis) {
    }

    /** Runs {@code call} in this thread until its own timeout ends it; the time is counted from its start. */
    private static Outcome ownTimeout(String what, Blocking call) {
        long t0 = System.nanoTime();
        Object result;
        try {
            result = call.call();
        } catch (Exception e) {
            result = e;
        }
        long ms = millisSince(t0);
        record(what, result, ms);
        return new Outcome(result, Thread.currentThread().isInterrupted(), ms);
    }

    /**
     * Runs {@code call} in a thread; once {@code ready} holds, leaves it blocked {@value #BLOCKED_MS} ms, then
     * stops it: with {@code trigger}, or by interrupting it when there is none.
     */
    private static Outcome stopped(String what, Blocking call, BooleanSupplier ready, Runnable trigger)
            throws Exception {
        Object[] result = new Object[2];
        Thread t = new Thread(() -> {
            try {
                result[0] = call.call();
            } catch (Exception e) {
                result[0] = e;
            }
            result[1] = Thread.currentThread().isInterrupted();
        }, "cancel-it");
        long start = System.nanoTime();
        t.start();
        long until = System.nanoTime() + 60_000_000_000L;
        while (ready != null && !ready.getAsBoolean() && t.isAlive() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        if (ready != null && !ready.getAsBoolean()) {
            t.interrupt();
            t.join(5_000);
            fail(what + ": never got to the blocking part; the call ended with " + result[0]);
        }
        Thread.sleep(BLOCKED_MS);
        assertTrue(t.isAlive(), what + ": blocked before the trigger, but ended with " + result[0]);
        long t0 = System.nanoTime();
        if (trigger == null) {
            t.interrupt();
        } else {
            trigger.run();
        }
        t.join(30_000);
        if (t.isAlive()) {
            t.interrupt();
            fail(what + ": still blocked 30 s after the trigger");
        }
        long ms = millisSince(t0);
        record(what, result[0], ms);
        System.out.printf("[cancel] %s: %d ms from the start%n", what, millisSince(start));
        return new Outcome(result[0], Boolean.TRUE.equals(result[1]), ms);
    }

    @FunctionalInterface
    interface Blocking {
        Object call() throws Exception;
    }

    private static String run(String... cmd) {
        Map<String, Object> spec = Map.of("Image", TestEngine.image(), "Cmd", List.of(cmd),
                "Labels", Map.of(TestEngine.LABEL, KIND));
        Transport t = docker.transport();
        Map<?, ?> created = t.json(ApiRequest.post("/containers/create").json(spec).build(), Map.class);
        String id = (String) created.get("Id");
        t.send(ApiRequest.post("/containers/{id}/start", id).build()).discard();
        return id;
    }

    /** The ssh processes this JVM runs for Berth: descendants whose command line has {@code dial-stdio}. */
    private static long sshProcesses() {
        try (Stream<ProcessHandle> all = ProcessHandle.current().descendants()) {
            return all.filter(p -> {
                try {
                    return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"),
                            StandardCharsets.ISO_8859_1).contains("dial-stdio");
                } catch (IOException e) {
                    return false; // ended meanwhile
                }
            }).count();
        }
    }

    /** Removes a container of this class (it may be gone already: other test classes clean up by label). */
    private static void remove(String id) {
        try {
            docker.transport().send(ApiRequest.delete("/containers/{id}", id).query("force", true).build()).discard();
        } catch (NotFoundException | ConflictException e) {
            // gone already, or being removed
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    static void record(String what, Object outcome, long ms) {
        StringBuilder sb = new StringBuilder("[cancel] ").append(what).append(" -> ");
        if (outcome instanceof Throwable t) {
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        } else {
            sb.append(outcome);
        }
        System.out.println(sb.append(" (").append(ms).append(" ms)"));
    }


    /**
     * A registry on 127.0.0.1 (which the engine treats as insecure: it may try TLS, then plain HTTP) that stops
     * answering: a TLS handshake gets no reply; over plain HTTP, {@code GET /v2/} is answered (a registry without
     * authentication) and then nothing is. With {@code manifest}, a manifest is served first, so the daemon starts
     * the pull and reports progress, and the layer's blob is what never comes.
     */
    static final class StalledRegistry implements Closeable {
        private static final String LAYER = "sha256:" + "a".repeat(64);
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final List<Thread> threads = new CopyOnWriteArrayList<>();
        private final AtomicInteger stalled = new AtomicInteger();
        private final boolean manifest;

        StalledRegistry() throws IOException {
            this(false);
        }

        StalledRegistry(boolean manifest) throws IOException {
            this.manifest = manifest;
            spawn(this::acceptLoop);
        }

        String image() {
            return "127.0.0.1:" + server.getLocalPort() + "/berth/stalled:1";
        }

        /** Whether the daemon has reached a request that gets no answer. */
        boolean reached() {
            return stalled.get() > 0;
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    held.add(s);
                    spawn(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                while (true) {
                    int first = in.read();
                    if (first < 0) {
                        return;
                    }
                    if (first == 0x16) { // a TLS ClientHello
                        if (manifest) {
                            // plain HTTP in reply: Go's "server gave HTTP response to HTTPS client", on which both
                            // image stores fall back to plain HTTP at once (a bare hang-up does not do for containerd)
                            out.write("HTTP/1.0 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                            out.flush();
                            return;
                        }
                        stalled.incrementAndGet(); // no reply, ever
                        in.transferTo(OutputStream.nullOutputStream());
                        return;
                    }
                    String head = (char) first + readHead(in);
                    String[] line = head.split(" ");
                    boolean bodyToo = !line[0].equals("HEAD");
                    String target = line[1];
                    if (target.equals("/v2/")) {
                        respond(out, "application/json", "{}", bodyToo);
                    } else if (manifest && target.contains("/manifests/")) {
                        respond(out, "application/vnd.docker.distribution.manifest.v2+json", manifestJson(), bodyToo);
                    } else if (manifest && target.endsWith("/blobs/" + sha256(configJson()))) {
                        respond(out, "application/octet-stream", configJson(), bodyToo);
                    } else {
                        stalled.incrementAndGet();
                        in.transferTo(OutputStream.nullOutputStream()); // until the daemon hangs up
                        return;
                    }
                }
            } catch (IOException e) {
                // the daemon hung up, or the registry closed
            }
        }

        private static String configJson() {
            return "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
                    + "\"diff_ids\":[\"" + LAYER + "\"]}}";
        }

        private static String manifestJson() {
            String config = configJson();
            return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                    + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":"
                    + config.length() + ",\"digest\":\"" + sha256(config) + "\"},"
                    + "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\","
                    + "\"size\":1048576,\"digest\":\"" + LAYER + "\"}]}";
        }

        private static String sha256(String s) {
            try {
                byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(s.getBytes(StandardCharsets.UTF_8));
                StringBuilder sb = new StringBuilder("sha256:");
                for (byte b : d) {
                    sb.append(String.format("%02x", b));
                }
                return sb.toString();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void respond(OutputStream out, String type, String body, boolean bodyToo) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nContent-Length: " + b.length
                    + "\r\nDocker-Distribution-API-Version: registry/2.0\r\n"
                    + (type.contains("manifest") ? "Docker-Content-Digest: " + sha256(body) + "\r\n" : "")
                    + "\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (bodyToo) {
                out.write(b);
            }
            out.flush();
        }

        private static String readHead(InputStream in) throws IOException {
            StringBuilder sb = new StringBuilder();
            int matched = 0;
            while (matched < 4) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("cut");
                }
                sb.append((char) c);
                matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1
                        || matched == 3)) ? matched + 1 : 0;
            }
            return sb.toString();
        }

        private void spawn(Runnable r) {
            Thread t = new Thread(r, "stalled-registry");
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : held) {
                s.close();
            }
            for (Thread t : threads) {
                try {
                    t.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
