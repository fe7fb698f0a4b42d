package dev.berth.bench;

import com.github.dockerjava.api.DockerClient;
import dev.berth.ContainerQuery;
import dev.berth.Docker;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * p50/p90/p99 latency of sequential calls over the Unix socket, in one run: a raw JDK-socket keep-alive baseline,
 * Berth, and docker-java 3.7.1 with its httpclient5 transport, for {@code _ping}, a container inspect and
 * {@code GET /containers/json?all=1}. Each client warms up, then is measured; the whole set runs for several rounds
 * so that machine noise shows as spread between rounds rather than as a bias. The last columns are the calling
 * thread's CPU time per call and the whole process's (a second pass of the same size; the process's includes the
 * client's own threads, such as OkHttp's connection pool cleaner, and the JIT and GC): the client's own cost, which
 * machine noise barely moves. Prints a {@code RESULT} line per figure (row {@code latency}, metric
 * {@code <call>.<p50|p90|p99|cpu|cpuproc>}).
 *
 * <p>With {@code BENCH_FAKE=1} ({@code scripts/bench.sh --fake latency}) it runs against a {@link FakeDaemon}: no
 * container is created, and the process CPU is the client's alone (the fake daemon runs in its own process).
 *
 * <pre>{@code
 * DOCKER_HOST=unix:///var/run/docker.sock scripts/bench.sh latency [warmup] [measured] [rounds]
 * }</pre>
 */
public final class LatencyBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private LatencyBenchmark() {
    }

    /** A call to time. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    /**
     * Runs the benchmark.
     *
     * @param args warm-up calls, measured calls, rounds (defaults 5000, 2000, 2)
     */
    public static void main(String[] args) throws Exception {
        int warmup = Bench.intArg(args, 0, 5000);
        int measured = Bench.intArg(args, 1, 2000);
        int rounds = Bench.intArg(args, 2, 2);
        try (Docker berth = Docker.builder().host(Bench.host()).build();
             RawUnixHttp raw = new RawUnixHttp(Bench.socket())) {
            String version = "/v" + berth.apiVersion();
            boolean fake = Bench.fake();
            String id = fake ? FakeDaemon.CONTAINER_ID : berth.containers().create(BenchSpecs.spec("true"));
            try (DockerClient dockerJava = Bench.dockerJava(Bench.host(), berth.apiVersion().toString(),
                    Duration.ofSeconds(45))) {
                int listed = berth.containers().list(ContainerQuery.all()).size();
                System.out.printf(Locale.ROOT, "Docker %s, API %s, %d warm-up + %d measured sequential calls,"
                        + " %d rounds, %d containers listed%n", berth.system().version().version(),
                        berth.apiVersion(), warmup, measured, rounds, listed);
                Bench.result("latency", "engine", "list.containers", listed, "count");
                System.out.printf(Locale.ROOT, "%-7s %-28s %10s %10s %10s %12s %12s%n", "round", "call / client",
                        "p50 us", "p90 us", "p99 us", "cpu us/call", "proc us/call");
                for (int round = 1; round <= rounds; round++) {
                    Measure m = new Measure(round, warmup, measured);
                    m.run("ping", "raw", () -> raw.get(version + "/_ping"));
                    m.run("ping", "berth", () -> berth.system().ping());
                    m.run("ping", "docker-java", () -> dockerJava.pingCmd().exec());
                    m.run("inspect", "raw", () -> raw.get(version + "/containers/" + id + "/json"));
                    m.run("inspect", "berth", () -> berth.containers().inspect(id));
                    m.run("inspect", "docker-java", () -> dockerJava.inspectContainerCmd(id).exec());
                    m.run("list", "raw", () -> raw.get(version + "/containers/json?all=1"));
                    m.run("list", "berth", () -> berth.containers().list(ContainerQuery.all()));
                    m.run("list", "docker-java", () -> dockerJava.listContainersCmd().withShowAll(true).exec());
                }
            } finally {
                if (!fake) {
                    BenchSpecs.remove(berth, id);
                }
            }
        }
    }

    /** One round: times each call with its warm-up, measured and CPU passes, and prints the figures. */
    private record Measure(int round, int warmup, int measured) {
        void run(String call, String client, Call c) throws Exception {
            if (!Bench.clients().contains(client)) {
                return;
            }
            for (int i = 0; i < warmup; i++) {
                c.run();
            }
            long[] nanos = new long[measured];
            for (int i = 0; i < measured; i++) {
                long start = System.nanoTime();
                c.run();
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            long process = OS.getProcessCpuTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < measured; i++) {
                c.run();
            }
            double cpuPerCall = (THREADS.getCurrentThreadCpuTime() - cpu) / 1000.0 / measured;
            double processPerCall = (OS.getProcessCpuTime() - process) / 1000.0 / measured;
            System.out.printf(Locale.ROOT, "%-7d %-11s %-16s %10.1f %10.1f %10.1f %12.1f %12.1f%n", round, call,
                    client, pct(nanos, 50), pct(nanos, 90), pct(nanos, 99), cpuPerCall, processPerCall);
            for (int p : new int[] {50, 90, 99}) {
                Bench.result("latency", client, call + ".p" + p, pct(nanos, p), "us");
            }
            Bench.result("latency", client, call + ".cpu", cpuPerCall, "us");
            Bench.result("latency", client, call + ".cpuproc", processPerCall, "us");
        }
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1000.0;
    }
}
