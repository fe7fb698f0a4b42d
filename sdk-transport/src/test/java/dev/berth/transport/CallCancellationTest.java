package dev.berth.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.errors.CallCancelledException;
import dev.berth.errors.CallCancelledException.Reason;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping calls in the pipeline, against a daemon that stops answering: an interrupt of the calling or reading
 * thread, a close of the answer or of a view, a view's deadline. Each ends the blocked thread at once with
 * {@link CallCancelledException} saying why, drops the connection, and leaves the transport working.
 */
@Timeout(30)
class CallCancellationTest {
    /** "At once": what the tests allow between the trigger and the end, on a loaded machine. */
    private static final long AT_ONCE_MS = 1_000;

    @TempDir
    Path dir;

    private StallingServer server;
    private Transport transport;

    private Transport unix() throws Exception {
        server = StallingServer.unix(dir.resolve("d.sock"));
        transport = server.transport(Timeouts.DEFAULT);
        return transport;
    }

    @AfterEach
    void close() throws Exception {
        if (transport != null) {
            transport.close();
        }
        if (server != null) {
            server.close();
        }
    }

    // ---- interrupts --------------------------------------------------------------------------------------------

    @Test
    void anInterruptEndsACallWaitingForItsAnswer() throws Exception {
        Transport t = unix();
        Outcome o = interruptedAfter(300, () -> t.send(ApiRequest.post("/silent").streaming().build()));
        assertCancelled(Reason.INTERRUPTED, o);
        assertTrue(o.interruptFlag, "the thread's interrupt flag is still set");
        assertFreedAndWorking(t);
    }

    @Test
    void anInterruptEndsAReadOfAStreamedBody() throws Exception {
        Transport t = unix();
        ApiResponse r = t.send(ApiRequest.get("/stall").streaming().build());
        InputStream body = r.body();
        assertEquals("first", new String(body.readNBytes(5)));
        Outcome o = interruptedAfter(300, () -> body.read(new byte[16]));
        assertCancelled(Reason.INTERRUPTED, o);
        assertTrue(o.interruptFlag);
        r.close();
        assertFreedAndWorking(t);
    }

    @Test
    void anInterruptEndsAJsonAnswerReadPartWay() throws Exception {
        Transport t = unix();
        // the shape of waitFor: headers at once, the object when the container stops
        Outcome o = interruptedAfter(300, () -> t.json(ApiRequest.post("/json-stall").streaming().build(),
                Map.class));
        assertCancelled(Reason.INTERRUPTED, o);
        assertFreedAndWorking(t);
    }

    @Test
    void anInterruptEndsAJsonStreamWaitingForItsNextObject() throws Exception {
        Transport t = unix();
        ApiResponse r = t.send(ApiRequest.get("/events").streaming().build());
        JsonStream<com.fasterxml.jackson.databind.JsonNode> events = JsonStream.of(r.body(),
                com.fasterxml.jackson.databind.JsonNode.class, r.request());
        assertEquals("one", events.next().path("status").asText());
        Outcome o = interruptedAfter(300, events::hasNext);
        assertCancelled(Reason.INTERRUPTED, o); // not an UncheckedIOException: typed through the JSON reader
        events.close();
        assertFreedAndWorking(t);
    }

    @Test
    void anInterruptEndsASessionRead() throws Exception {
        Transport t = unix();
        HijackedConnection c = t.upgrade(ApiRequest.post("/hijack").build());
        assertTrue(c.isUpgraded());
        Outcome o = interruptedAfter(300, () -> c.output().read());
        assertCancelled(Reason.INTERRUPTED, o);
        c.close();
        assertFreedAndWorking(t);
    }

    @Test
    void aCallStartedOnAnInterruptedThreadIsNotSent() throws Exception {
        Transport t = unix();
        t.send(ApiRequest.get("/_ping").build()).discard();
        int before = server.requests.get();
        Thread.currentThread().interrupt();
        try {
            CallCancelledException e = assertThrows(CallCancelledException.class,
                    () -> t.send(ApiRequest.get("/_ping").build()));
            assertEquals(Reason.INTERRUPTED, e.reason());
            assertTrue(Thread.currentThread().isInterrupted(), "the flag is left set");
        } finally {
            Thread.interrupted();
        }
        assertEquals(before, server.requests.get(), "nothing sent");
        t.send(ApiRequest.get("/_ping").build()).discard();
    }

    @Test
    void anInterruptEndsACallToASilentTcpDaemon() throws Exception {
        server = StallingServer.tcp();
        transport = server.transport(Timeouts.DEFAULT);
        Transport t = transport;
        Outcome o = interruptedAfter(300, () -> t.send(ApiRequest.post("/silent").streaming().build()));
        assertCancelled(Reason.INTERRUPTED, o);
        assertFreedAndWorking(t);
    }

    @Test
    void anInterruptEndsATimedReadToo() throws Exception {
        server = StallingServer.unix(dir.resolve("r.sock"));
        transport = server.transport(new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ZERO));
        Transport t = transport;
        Outcome o = interruptedAfter(300, () -> t.send(ApiRequest.post("/silent").build()));
        assertCancelled(Reason.INTERRUPTED, o);
        assertFreedAndWorking(t);
    }

    // ---- closing -----------------------------------------------------------------------------------------------

    @Test
    void closingAViewFromAnotherThreadStopsItsCallsOnly() throws Exception {
        Transport t = unix();
        Transport view = t.cancellable();
        Transport other = t.cancellable();
        ApiResponse otherStream = other.send(ApiRequest.get("/stall").streaming().build());
        Outcome o = triggeredAfter(300, () -> view.send(ApiRequest.post("/silent").streaming().build()), view::close);
        assertCancelled(Reason.CLOSED, o);
        assertFalse(o.interruptFlag, "a close is no interrupt");
        CallCancelledException refused = assertThrows(CallCancelledException.class,
                () -> view.send(ApiRequest.get("/_ping").build()), "a closed view takes no new call");
        assertEquals(Reason.CLOSED, refused.reason());
        assertEquals("first", new String(otherStream.body().readNBytes(5)), "another view's stream goes on");
        otherStream.close();
        assertFreedAndWorking(t);
        other.send(ApiRequest.get("/_ping").build()).discard();
    }

    @Test
    void closingAViewStopsTheCallsOfViewsMadeFromIt() throws Exception {
        Transport t = unix();
        Transport parent = t.cancellable();
        Transport child = parent.withTimeout(Duration.ofMinutes(5));
        Outcome o = triggeredAfter(300, () -> child.send(ApiRequest.post("/silent").streaming().build()),
                parent::close);
        assertCancelled(Reason.CLOSED, o);
        assertThrows(CallCancelledException.class, () -> child.send(ApiRequest.get("/_ping").build()));
        assertFreedAndWorking(t);
    }

    @Test
    void closingAStreamFromAnotherThreadTellsItsReader() throws Exception {
        Transport t = unix();
        ApiResponse r = t.send(ApiRequest.get("/stall").streaming().build());
        InputStream body = r.body();
        assertEquals("first", new String(body.readNBytes(5)));
        Outcome o = triggeredAfter(300, () -> body.read(new byte[16]), r::close);
        assertCancelled(Reason.CLOSED, o);
        assertFreedAndWorking(t);
    }

    @Test
    void closingASessionFromAnotherThreadTellsItsReader() throws Exception {
        Transport t = unix();
        HijackedConnection c = t.upgrade(ApiRequest.post("/hijack").build());
        Outcome o = triggeredAfter(300, () -> c.output().read(), c::close);
        assertCancelled(Reason.CLOSED, o);
        assertFreedAndWorking(t);
    }

    // ---- deadlines ---------------------------------------------------------------------------------------------

    @Test
    void aViewsTimeoutEndsAStreamThatTheReadTimeoutWouldNot() throws Exception {
        Transport t = unix();
        Transport bounded = t.withTimeout(Duration.ofMillis(500));
        long t0 = System.nanoTime();
        ApiResponse r = bounded.send(ApiRequest.get("/stall").streaming().build());
        InputStream body = r.body();
        assertEquals("first", new String(body.readNBytes(5)));
        CallCancelledException e = assertThrows(CallCancelledException.class, () -> body.read(new byte[16]));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(Reason.DEADLINE, e.reason());
        assertTrue(e.getMessage().contains("timeout 500 ms"), e.getMessage());
        assertTrue(ms >= 450 && ms < 500 + AT_ONCE_MS, "ended after " + ms + " ms");
        r.close();
        assertFreedAndWorking(t);
        // each call has its own 500 ms: the view goes on working
        bounded.send(ApiRequest.get("/_ping").build()).discard();
    }

    @Test
    void aViewsTimeoutEndsACallWaitingForItsAnswerAndASession() throws Exception {
        Transport t = unix();
        Transport bounded = t.withTimeout(Duration.ofMillis(400));
        long t0 = System.nanoTime();
        CallCancelledException e = assertThrows(CallCancelledException.class,
                () -> bounded.send(ApiRequest.post("/silent").streaming().build()));
        assertEquals(Reason.DEADLINE, e.reason());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 400 + AT_ONCE_MS);
        HijackedConnection c = bounded.upgrade(ApiRequest.post("/hijack").build());
        e = assertThrows(CallCancelledException.class, () -> c.output().read());
        assertEquals(Reason.DEADLINE, e.reason());
        c.close();
        assertFreedAndWorking(t);
    }

    @Test
    void aDeadlineIsSharedByTheViewsCallsAndAPastOneSendsNothing() throws Exception {
        Transport t = unix();
        Transport view = t.withDeadline(Instant.now().plusMillis(600));
        view.send(ApiRequest.get("/_ping").build()).discard();
        CallCancelledException e = assertThrows(CallCancelledException.class,
                () -> view.send(ApiRequest.post("/silent").streaming().build()));
        assertEquals(Reason.DEADLINE, e.reason());
        int before = server.requests.get();
        e = assertThrows(CallCancelledException.class, () -> view.send(ApiRequest.get("/_ping").build()));
        assertEquals(Reason.DEADLINE, e.reason());
        assertEquals(before, server.requests.get(), "nothing sent after the deadline");
        assertFreedAndWorking(t);
    }

    @Test
    void theEarliestLimitOfTheChainWins() throws Exception {
        Transport t = unix();
        Transport view = t.withTimeout(Duration.ofMinutes(10)).withTimeout(Duration.ofMillis(300))
                .withDeadline(Instant.now().plusSeconds(600));
        assertTrue(view.toString().contains("timeout 300 ms"), view.toString());
        CallCancelledException e = assertThrows(CallCancelledException.class,
                () -> view.send(ApiRequest.post("/silent").streaming().build()));
        assertTrue(e.getMessage().contains("timeout 300 ms"), e.getMessage());
    }

    @Test
    void limitsMustMakeSense() throws Exception {
        Transport t = unix();
        assertThrows(IllegalArgumentException.class, () -> t.withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> t.withTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> t.withDeadline(null));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** The next call opens a fresh connection and works; the stopped one's socket was closed. */
    private void assertFreedAndWorking(Transport t) throws Exception {
        assertEquals(0, server.awaitOpenAtMost(0, Duration.ofSeconds(5)), "the stopped call's socket is closed");
        int before = server.connections.get();
        assertEquals(200, t.send(ApiRequest.get("/_ping").build()).discard());
        assertEquals(before + 1, server.connections.get(), "a new connection, none reused from the stopped call");
    }

    private static void assertCancelled(Reason reason, Outcome o) {
        CallCancelledException e = assertInstanceOf(CallCancelledException.class, o.result,
                "the blocked thread ended with " + o.result);
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(0, e.status());
        assertTrue(o.millis < AT_ONCE_MS, "ended " + o.millis + " ms after the trigger");
    }

    private record Outcome(Object result, boolean interruptFlag, long millis) {
    }

    private static Outcome interruptedAfter(long ms, Blocking blocking) throws Exception {
        return run(ms, blocking, null);
    }

    private static Outcome triggeredAfter(long ms, Blocking blocking, Runnable trigger) throws Exception {
        return run(ms, blocking, trigger);
    }

    /** Runs {@code blocking} in a thread, then after {@code ms} interrupts it (or runs {@code trigger}). */
    private static Outcome run(long ms, Blocking blocking, Runnable trigger) throws Exception {
        Object[] result = new Object[2];
        Thread t = new Thread(() -> {
            try {
                result[0] = blocking.call();
            } catch (Exception e) {
                result[0] = e;
            }
            result[1] = Thread.currentThread().isInterrupted();
        }, "cancel-test");
        t.start();
        Thread.sleep(ms);
        assertTrue(t.isAlive(), "blocked before the trigger, but ended with " + result[0]);
        long t0 = System.nanoTime();
        if (trigger == null) {
            t.interrupt();
        } else {
            CompletableFuture.runAsync(trigger).get(5, TimeUnit.SECONDS);
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
