package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.errors.CallCancelledException;
import dev.berth.errors.CallCancelledException.Reason;
import dev.berth.model.Event;
import dev.berth.model.LogLine;
import dev.berth.model.ProgressEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long calls of the client stop typed, against a daemon that starts answering and then stalls: an interrupt, a
 * view's close from another thread or from the progress consumer, a view's timeout, and a consumer that throws. The
 * stopped call's socket goes, and the client's next call works.
 */
@Timeout(30)
class DockerCancellationTest {
    private static final long AT_ONCE_MS = 1_000;
    private static final String PULLING = "{\"status\":\"Pulling from berth/app\",\"id\":\"1\"}\n";

    @TempDir
    Path dir;

    private StallingDaemon daemon;
    private Docker docker;

    @BeforeEach
    void start() throws Exception {
        daemon = new StallingDaemon(dir.resolve("d.sock"));
        docker = daemon.docker();
    }

    @AfterEach
    void stop() throws Exception {
        docker.close();
        daemon.close();
    }

    @Test
    void anInterruptStopsAPullFromAStalledRegistry() throws Exception {
        daemon.stallAfter("POST /images/create", StallingDaemon.chunked("application/json", PULLING));
        List<ProgressEvent> seen = new CopyOnWriteArrayList<>();
        Outcome o = stopped(() -> {
            docker.images().pull("127.0.0.1:5000/berth/app:1", seen::add);
            return "pulled";
        }, () -> !seen.isEmpty(), null);
        assertCancelled(Reason.INTERRUPTED, o);
        assertTrue(o.interruptFlag, "the interrupt flag is still set");
        assertFreedAndWorking();
    }

    @Test
    void aConsumerThatThrowsStopsThePullWithItsOwnException() throws Exception {
        daemon.stallAfter("POST /images/create", StallingDaemon.chunked("application/json", PULLING));
        IllegalStateException mine = new IllegalStateException("enough");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> docker.images().pull("127.0.0.1:5000/berth/app:1", event -> {
                    throw mine;
                }));
        assertSame(mine, e, "the consumer's exception, as it threw it");
        assertFreedAndWorking();
    }

    @Test
    void aConsumerThatClosesItsViewStopsThePullTyped() throws Exception {
        daemon.stallAfter("POST /images/create", StallingDaemon.chunked("application/json", PULLING));
        Docker call = docker.cancellable();
        CallCancelledException e = assertThrows(CallCancelledException.class,
                () -> call.images().pull("127.0.0.1:5000/berth/app:1", event -> call.close()));
        assertEquals(Reason.CLOSED, e.reason());
        assertFreedAndWorking();
    }

    @Test
    void closingAViewFromAnotherThreadStopsABuild() throws Exception {
        daemon.stallAfter("POST /build", StallingDaemon.chunked("application/json",
                "{\"stream\":\"Step 1/2 : FROM busybox\\n\"}\n", "{\"stream\":\"Step 2/2 : RUN sleep 600\\n\"}\n"));
        Docker view = docker.cancellable();
        List<String> lines = new CopyOnWriteArrayList<>();
        Outcome o = stopped(() -> view.images().build(BuildSpec.fromDockerfile("FROM busybox\nRUN sleep 600\n")
                .build(), lines::add), () -> lines.size() >= 2, view::close);
        assertCancelled(Reason.CLOSED, o); // not a BuildFailedException: nothing failed on the daemon's side
        assertFalse(o.interruptFlag);
        assertFreedAndWorking();
    }

    @Test
    void aViewsTimeoutStopsAWait() throws Exception {
        daemon.stallAfter("POST /containers/c1/wait", StallingDaemon.chunked("application/json"));
        Docker bounded = docker.withTimeout(Duration.ofMillis(500));
        assertTrue(bounded.toString().contains("timeout PT0.5S"), bounded.toString());
        long t0 = System.nanoTime();
        CallCancelledException e = assertThrows(CallCancelledException.class,
                () -> bounded.containers().waitFor("c1", WaitCondition.NOT_RUNNING));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(Reason.DEADLINE, e.reason());
        assertTrue(ms >= 450 && ms < 500 + AT_ONCE_MS, "after " + ms + " ms");
        assertFreedAndWorking();
        bounded.system().ping(); // the view itself goes on: the limit is per call
    }

    @Test
    void anInterruptStopsAWait() throws Exception {
        daemon.stallAfter("POST /containers/c1/wait", StallingDaemon.chunked("application/json"));
        Outcome o = stopped(() -> docker.containers().waitFor("c1", WaitCondition.NOT_RUNNING), null, null);
        assertCancelled(Reason.INTERRUPTED, o);
        assertFreedAndWorking();
    }

    @Test
    void anInterruptStopsAFollowedLogTyped() throws Exception {
        daemon.stallAfter("GET /containers/c1/logs", StallingDaemon.chunked(
                "application/vnd.docker.multiplexed-stream", StallingDaemon.stdoutFrame("tick\n")));
        try (Stream<LogLine> lines = docker.containers().logs("c1").follow().lines()) {
            Iterator<LogLine> it = lines.iterator();
            assertEquals("tick", it.next().text());
            Outcome o = stopped(it::hasNext, null, null);
            assertCancelled(Reason.INTERRUPTED, o); // through LogLines, which wraps only IOExceptions
        }
        assertFreedAndWorking();
    }

    @Test
    void aDeadlineStopsAFollowedByteStream() throws Exception {
        daemon.stallAfter("GET /containers/c1/logs", StallingDaemon.chunked(
                "application/vnd.docker.multiplexed-stream", StallingDaemon.stdoutFrame("tick\n")));
        Docker view = docker.withDeadline(Instant.now().plusMillis(700));
        try (var in = view.containers().logs("c1").follow().stream()) {
            byte[] b = new byte[5];
            assertEquals(5, in.readNBytes(b, 0, 5));
            CallCancelledException e = assertThrows(CallCancelledException.class, () -> in.read());
            assertEquals(Reason.DEADLINE, e.reason());
        }
        assertFreedAndWorking();
    }

    @Test
    void anInterruptStopsAnEventStream() throws Exception {
        daemon.stallAfter("GET /events", StallingDaemon.chunked("application/json"));
        try (Stream<Event> events = docker.system().events(EventQuery.live())) {
            Outcome o = stopped(() -> events.iterator().hasNext(), null, null);
            assertCancelled(Reason.INTERRUPTED, o);
        }
        assertFreedAndWorking();
    }

    @Test
    void closingTheClientItselfLeavesCallsInFlightAlone() throws Exception {
        Docker view = docker.cancellable();
        view.close();
        assertThrows(CallCancelledException.class, () -> view.system().ping(), "a closed view refuses calls");
        docker.system().ping(); // the client is not the view
        assertEquals(docker.endpoint(), view.endpoint());
        assertTrue(view.toString().endsWith("view: cancellable]"), view.toString());
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private void assertFreedAndWorking() throws Exception {
        assertEquals(0, daemon.awaitOpenAtMost(0, Duration.ofSeconds(5)), "the stopped call's socket is closed");
        int before = daemon.connections.get();
        docker.system().ping();
        assertEquals(before + 1, daemon.connections.get(), "the next call on a new connection");
    }

    private static void assertCancelled(Reason reason, Outcome o) {
        CallCancelledException e = assertInstanceOf(CallCancelledException.class, o.result,
                "the call ended with " + o.result);
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(o.millis < AT_ONCE_MS, "ended " + o.millis + " ms after the trigger");
    }

    private record Outcome(Object result, boolean interruptFlag, long millis) {
    }

    /**
     * Runs {@code call} in a thread; once {@code ready} holds (or after 300 ms), checks it is blocked, then stops it
     * with {@code trigger}, or an interrupt when there is none.
     */
    private static Outcome stopped(Blocking call, BooleanSupplier ready, Runnable trigger) throws Exception {
        Object[] result = new Object[2];
        Thread t = new Thread(() -> {
            try {
                result[0] = call.call();
            } catch (Exception e) {
                result[0] = e;
            }
            result[1] = Thread.currentThread().isInterrupted();
        }, "cancel-test");
        t.start();
        long until = System.nanoTime() + 10_000_000_000L;
        while (ready != null && !ready.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        Thread.sleep(300);
        assertTrue(t.isAlive(), "blocked before the trigger, but ended with " + result[0]);
        long t0 = System.nanoTime();
        if (trigger == null) {
            t.interrupt();
        } else {
            trigger.run();
        }
        t.join(5_000);
        if (t.isAlive()) {
            fail("still blocked 5 s after the trigger");
        }
        return new Outcome(result[0], Boolean.TRUE.equals(result[1]), (System.nanoTime() - t0) / 1_000_000);
    }

    @FunctionalInterface
    interface Blocking {
        Object call() throws Exception;
    }
}
