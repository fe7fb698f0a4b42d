package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.ContainerSpec;
import dev.berth.model.ContainerSummary;
import dev.berth.model.Event;
import dev.berth.model.LogLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One client, many calls and many streams opened and closed early: afterwards the process holds no more file
 * descriptors and no more threads than before, within a small tolerance.
 *
 * <p>The tolerance: {@value #FD_TOLERANCE} descriptors (idle pooled connections the soak's parallel callers leave,
 * beyond the warm-up's) and {@value #THREAD_TOLERANCE} threads (OkHttp's TaskRunner and the JDK's own helpers come
 * and go on their own schedule). A leak of one descriptor or thread per stream would show as hundreds.
 */
class SoakIT {
    static final String KIND = "soak";
    /** Mixed non-streaming calls: ping, inspect, list, in turn. */
    private static final int CALLS = 20_000;
    /** Streams opened and closed early: logs follow, exec session, events, in turn. */
    private static final int STREAM_CYCLES = 500;
    /** Callers in parallel for the non-streaming calls (the machine has 2 cores; the daemon needs one). */
    private static final int CALLERS = 4;
    private static final int FD_TOLERANCE = 5;
    private static final int THREAD_TOLERANCE = 3;

    private static Docker direct;

    @BeforeAll
    static void connect() {
        direct = TestEngine.docker();
    }

    @AfterAll
    static void cleanUp() {
        try {
            FaultsIT.removeContainers(direct.transport(), KIND);
        } finally {
            direct.close();
        }
    }

    @Test
    void manyCallsAndStreamCyclesThroughOneClientLeakNoDescriptorsOrThreads() {
        String id = direct.containers().run(ContainerSpec.builder(TestEngine.image()).label(TestEngine.LABEL, KIND)
                .cmd("sh", "-c", "while true; do echo tick; sleep 0.2; done").build()).id();
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            try (Docker docker = TestEngine.docker()) {
                // Warm up with the soak's own shapes, so the baseline holds the pool, OkHttp's threads and the
                // JDK's lazily made helpers.
                calls(docker, id, 400);
                for (int i = 0; i < 6; i++) {
                    streamCycle(docker, id, i);
                }
                ProcessUsage before = ProcessUsage.settle(Set.of());

                long t0 = System.nanoTime();
                calls(docker, id, CALLS);
                long callsMs = (System.nanoTime() - t0) / 1_000_000;
                ProcessUsage during = ProcessUsage.now(Set.of());

                long t1 = System.nanoTime();
                for (int i = 0; i < STREAM_CYCLES; i++) {
                    streamCycle(docker, id, i);
                }
                long streamsMs = (System.nanoTime() - t1) / 1_000_000;
                ProcessUsage after = ProcessUsage.settle(Set.of());

                System.out.printf("[soak] %d calls on %d threads in %d ms (%.0f/s); %d stream cycles in %d ms;"
                        + " fds %d -> %d (%d right after the calls), threads %d -> %d%n", CALLS, CALLERS, callsMs,
                        CALLS * 1000.0 / callsMs, STREAM_CYCLES, streamsMs, before.fds(), after.fds(), during.fds(),
                        before.threads(), after.threads());
                assertTrue(after.fds() <= before.fds() + FD_TOLERANCE, "file descriptors: " + before.fds() + " before, "
                        + after.fds() + " after; open: " + after.fdTargets());
                assertTrue(after.threads() <= before.threads() + THREAD_TOLERANCE, "threads: " + before.threads()
                        + " before, " + after.threads() + " after: " + ProcessUsage.liveThreadNames());
            }
        });
    }

    /** {@code n} calls spread over {@link #CALLERS} threads, each checked; the threads are gone afterwards. */
    private static void calls(Docker docker, String id, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS, r -> new Thread(r, "soak-caller"));
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < CALLERS; t++) {
                done.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < n; ) {
                        switch (i % 3) {
                            case 0 -> assertNotNull(docker.system().ping().apiVersion());
                            case 1 -> assertEquals(id, docker.containers().inspect(id).id());
                            default -> {
                                List<ContainerSummary> mine = docker.containers().list(ContainerQuery.running()
                                        .label(TestEngine.LABEL + "=" + KIND));
                                assertTrue(mine.stream().anyMatch(c -> c.id().equals(id)), mine.toString());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    /** Opens one stream, uses it a little, closes it before its end: a follow, an exec session, or events. */
    private static void streamCycle(Docker docker, String id, int i) throws IOException {
        switch (i % 3) {
            case 0 -> {
                try (Stream<LogLine> lines = docker.containers().logs(id).follow().tail(1).lines()) {
                    Iterator<LogLine> it = lines.iterator();
                    assertEquals("tick", it.next().text());
                }
            }
            case 1 -> {
                try (Session cat = docker.containers().execInteractive(id, ExecOptions.of("cat"))) {
                    cat.stdin().write("ping\n".getBytes(StandardCharsets.US_ASCII));
                    assertEquals("ping\n", new String(cat.stdout().readNBytes(5), StandardCharsets.US_ASCII));
                } // closed while cat still runs
            }
            default -> {
                try (Stream<Event> events = docker.system().events(EventQuery.live()
                        .withFilter("container", id))) {
                    assertNotNull(events); // closed before any event arrives
                }
            }
        }
    }

}
