package dev.berth.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.berth.Docker;
import dev.berth.model.LogLine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One client shared by many threads, in two parts:
 * <ol>
 *   <li>64 threads × 500 container inspects through ONE client, Berth then docker-java: calls per second and
 *       failed calls (after an unmeasured pass of a fifth of that);</li>
 *   <li>200 log follows open at once (20 containers that print 50 lines over about 10 s, 10 follows each), read to
 *       their end by a fixed pool of 20 threads this benchmark creates. The figure is how many threads the client
 *       itself started: the peak live thread count over a baseline taken once the pool's threads run (so the
 *       delta holds none of ours). Berth's streams are pulled
 *       by the caller's threads, so the target is none per stream; docker-java's callback API starts one thread per
 *       stream, shown for contrast. A follow that fails or misses lines counts as an error.</li>
 * </ol>
 * Every container carries the label {@code dev.berth.test=bench} and is removed at the end; the run fails when
 * someone else removed one meanwhile (see {@link BenchSpecs}). Prints {@code RESULT} lines (row
 * {@code concurrency}).
 *
 * <pre>{@code
 * scripts/bench.sh concurrency [threads] [calls per thread] [containers] [follows per container]
 * }</pre>
 */
public final class ConcurrencyBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int LINES = 50;
    private static final int READERS = 20;

    private ConcurrencyBenchmark() {
    }

    /** A call to repeat. */
    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }

    /** Opens one follow of a container's logs and returns what reads it to the end: the number of lines. */
    @FunctionalInterface
    private interface Follow {
        Counter open(String id) throws Exception;
    }

    /** Reads an opened follow to its end (blocking) and returns how many lines it held. */
    @FunctionalInterface
    private interface Counter {
        int count() throws Exception;
    }

    /**
     * Runs the benchmark.
     *
     * @param args threads (64), calls per thread (500), containers (20), follows per container (10)
     */
    public static void main(String[] args) throws Exception {
        int threads = Bench.intArg(args, 0, 64);
        int calls = Bench.intArg(args, 1, 500);
        int containers = Bench.intArg(args, 2, 20);
        int followsEach = Bench.intArg(args, 3, 10);
        List<String> created = new ArrayList<>();
        try (Docker berth = Docker.builder().host(Bench.host()).build();
             DockerClient dockerJava = Bench.dockerJava(Bench.host(), berth.apiVersion().toString(),
                     Duration.ofSeconds(45))) {
            try {
                String target = berth.containers().run(BenchSpecs.spec("sleep", "3600")).id();
                created.add(target);
                System.out.printf(Locale.ROOT, "%d threads x %d inspects through one client%n", threads, calls);
                inspects("berth", threads, calls, () -> berth.containers().inspect(target));
                inspects("docker-java", threads, calls, () -> dockerJava.inspectContainerCmd(target).exec());
                BenchSpecs.requirePresent(berth, List.of(target));

                System.out.printf(Locale.ROOT, "%d follows open at once (%d containers x %d), read by %d threads%n",
                        containers * followsEach, containers, followsEach, READERS);
                List<String> loggers = startLoggers(berth, containers, created);
                follows("berth", loggers, followsEach, id -> {
                    Stream<LogLine> lines = berth.containers().logs(id).follow().lines();
                    return () -> {
                        try (lines) {
                            return (int) lines.count();
                        }
                    };
                });
                BenchSpecs.requirePresent(berth, loggers);
                loggers = startLoggers(berth, containers, created);
                follows("docker-java", loggers, followsEach, id -> {
                    LineCounter counter = dockerJava.logContainerCmd(id).withFollowStream(true).withStdOut(true)
                            .exec(new LineCounter());
                    return () -> {
                        counter.awaitCompletion();
                        return counter.lines.get();
                    };
                });
                BenchSpecs.requirePresent(berth, loggers);
            } finally {
                for (String id : created) {
                    BenchSpecs.remove(berth, id);
                }
            }
        }
    }

    /** Starts containers that print {@link #LINES} lines, one every 0.2 s, then exit. */
    private static List<String> startLoggers(Docker docker, int n, List<String> created) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = docker.containers().run(BenchSpecs.spec("sh", "-c", "for i in $(seq 1 " + LINES
                    + "); do echo line $i; sleep 0.2; done")).id();
            created.add(id);
            ids.add(id);
        }
        return ids;
    }

    private static void inspects(String client, int threads, int calls, Call call) throws Exception {
        hammer(threads, Math.max(1, calls / 5), call);
        AtomicInteger errors = new AtomicInteger();
        long nanos = hammer(threads, calls, () -> {
            try {
                call.run();
            } catch (Exception e) {
                errors.incrementAndGet();
            }
        });
        double perSecond = (double) threads * calls / (nanos / 1e9);
        System.out.printf(Locale.ROOT, "inspect %-12s %9.0f calls/s %6d errors%n", client, perSecond, errors.get());
        Bench.result("concurrency", client, "inspect.throughput", perSecond, "calls/s");
        Bench.result("concurrency", client, "inspect.errors", errors.get(), "count");
    }

    /** Runs {@code calls} calls on each of {@code threads} new threads, started together; returns the nanoseconds. */
    private static long hammer(int threads, int calls, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < calls; i++) {
                        call.run();
                    }
                    return null;
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    /**
     * Opens every follow from this thread, then has a fixed pool read them; reports the threads the client started
     * (the peak live count over a baseline taken once the pool's threads run, so none of ours count) and the failed
     * follows.
     */
    private static void follows(String client, List<String> ids, int followsEach, Follow follow) throws Exception {
        int streams = ids.size() * followsEach;
        ThreadPoolExecutor readers = (ThreadPoolExecutor) Executors.newFixedThreadPool(READERS);
        readers.prestartAllCoreThreads(); // ours, all started before the baseline
        int baseline = THREADS.getThreadCount();
        THREADS.resetPeakThreadCount();
        try {
            List<Counter> opened = new ArrayList<>();
            for (int i = 0; i < followsEach; i++) {
                for (String id : ids) {
                    opened.add(follow.open(id));
                }
            }
            int whileOpen = THREADS.getThreadCount();
            AtomicInteger errors = new AtomicInteger();
            List<Future<?>> done = new ArrayList<>();
            for (Counter c : opened) {
                done.add(readers.submit(() -> {
                    try {
                        if (c.count() != LINES) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            int clientThreads = THREADS.getPeakThreadCount() - baseline;
            System.out.printf(Locale.ROOT, "follow  %-12s %4d streams, %4d threads started by the client (%.2f per"
                    + " stream; %d more live threads right after opening), %d errors%n", client, streams,
                    clientThreads, (double) clientThreads / streams, whileOpen - baseline, errors.get());
            Bench.result("concurrency", client, "follow.streams", streams, "count");
            Bench.result("concurrency", client, "follow.threads", clientThreads, "count");
            Bench.result("concurrency", client, "follow.threads_per_stream", (double) clientThreads / streams,
                    "threads");
            Bench.result("concurrency", client, "follow.errors", errors.get(), "count");
        } finally {
            readers.shutdown();
            readers.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    /** docker-java's way to read a stream: a callback, run on a thread docker-java starts for the call. */
    private static final class LineCounter extends ResultCallback.Adapter<Frame> {
        private final AtomicInteger lines = new AtomicInteger();

        @Override
        public void onNext(Frame frame) {
            for (byte b : frame.getPayload()) {
                if (b == '\n') {
                    lines.incrementAndGet();
                }
            }
        }
    }
}
