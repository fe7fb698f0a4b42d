package dev.berth.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.berth.Docker;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.Transport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * p50/p90/p99 latency of sequential calls over the Unix socket, in one run: a raw JDK-socket keep-alive baseline,
 * Berth, and docker-java 3.7.1 with its httpclient5 transport. Each client warms up, then is measured; the whole
 * set runs for several rounds so that machine noise shows as spread between rounds rather than as a bias. The last
 * column is the calling thread's CPU time per call (a second pass of the same size): the client's own cost, which
 * machine noise barely moves.
 *
 * <pre>{@code
 * DOCKER_HOST=unix:///var/run/docker.sock scripts/bench.sh [warmup] [measured] [rounds]
 * }</pre>
 */
public final class LatencyBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

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
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        Path socket = Path.of(host.substring("unix://".length()));

        try (Docker berth = Docker.builder().host(host).build();
             RawUnixHttp raw = new RawUnixHttp(socket)) {
            Transport t = berth.transport();
            String version = "/v" + berth.apiVersion();
            Map<?, ?> created = t.json(ApiRequest.post("/containers/create").json(Map.of("Image",
                    System.getenv().getOrDefault("BERTH_TEST_IMAGE", "berth-test/busybox:1"),
                    "Cmd", List.of("true"), "Labels", Map.of("dev.berth.test", "bench"))).build(), Map.class);
            String id = (String) created.get("Id");
            DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                    .withDockerHost(host).withApiVersion(berth.apiVersion().toString()).build();
            ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                    .maxConnections(100).connectionTimeout(Duration.ofSeconds(30))
                    .responseTimeout(Duration.ofSeconds(45)).build();
            DockerClient dockerJava = DockerClientImpl.getInstance(config, http);
            try {
                System.out.printf(Locale.ROOT, "Docker %s, API %s, %d warm-up + %d measured sequential calls, %d rounds%n",
                        berth.system().version().version(), berth.apiVersion(), warmup, measured, rounds);
                System.out.printf(Locale.ROOT, "%-7s %-28s %10s %10s %10s %12s%n", "round", "call / client", "p50 us",
                        "p90 us", "p99 us", "cpu us/call");
                for (int round = 1; round <= rounds; round++) {
                    report(round, "_ping       raw", warmup, measured, () -> raw.get(version + "/_ping"));
                    report(round, "_ping       berth", warmup, measured, () -> berth.system().ping());
                    report(round, "_ping       docker-java", warmup, measured, () -> dockerJava.pingCmd().exec());
                    report(round, "inspect     raw", warmup, measured, () -> raw.get(version + "/containers/" + id
                            + "/json"));
                    report(round, "inspect     berth", warmup, measured, () -> t.json(
                            ApiRequest.get("/containers/{id}/json", id).build(), Map.class));
                    report(round, "inspect     docker-java", warmup, measured,
                            () -> dockerJava.inspectContainerCmd(id).exec());
                }
            } finally {
                dockerJava.close();
                t.send(ApiRequest.delete("/containers/{id}", id).query("force", true).build()).discard();
            }
        }
    }

    private static void report(int round, String name, int warmup, int measured, Call call) throws Exception {
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        long[] nanos = new long[measured];
        for (int i = 0; i < measured; i++) {
            long start = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        long cpu = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < measured; i++) {
            call.run();
        }
        double cpuPerCall = (THREADS.getCurrentThreadCpuTime() - cpu) / 1000.0 / measured;
        System.out.printf(Locale.ROOT, "%-7d %-28s %10.1f %10.1f %10.1f %12.1f%n", round, name, pct(nanos, 50),
                pct(nanos, 90), pct(nanos, 99), cpuPerCall);
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1000.0;
    }
}
