package dev.berth.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * What every benchmark shares: the engine's address and test image, argument parsing, the machine-readable result
 * lines {@link ReportWriter} collects, and the docker-java 3.7.1 client (httpclient5 transport) built one way for
 * all. Deliberately free of Berth types, so that {@link ColdStartDockerJava} loading it loads no Berth class.
 */
final class Bench {
    /** The label every container and image a benchmark creates carries. */
    static final String LABEL = "dev.berth.test";
    static final String LABEL_VALUE = "bench";

    private Bench() {
    }

    /** {@code DOCKER_HOST}, else the default socket. */
    static String host() {
        return System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    }

    /**
     * Whether {@code DOCKER_HOST} is a {@link FakeDaemon} ({@code BENCH_FAKE=1}, which {@code scripts/bench.sh --fake}
     * sets): the benchmarks then create no container and inspect {@link FakeDaemon#CONTAINER_ID}.
     */
    /** The clients a latency run measures: {@code BENCH_CLIENTS}, comma-separated; all three by default. */
    static java.util.Set<String> clients() {
        return java.util.Set.of(System.getenv().getOrDefault("BENCH_CLIENTS", "raw,berth,docker-java").split(","));
    }

    static boolean fake() {
        return "1".equals(System.getenv("BENCH_FAKE"));
    }

    /** The Unix socket {@link #host()} names. */
    static Path socket() {
        String host = host();
        if (!host.startsWith("unix://")) {
            throw new IllegalStateException("the raw baselines need a unix:// DOCKER_HOST, not " + host);
        }
        return Path.of(host.substring("unix://".length()));
    }

    /** The small base image of the test bed ({@code BERTH_TEST_IMAGE}). */
    static String image() {
        return System.getenv().getOrDefault("BERTH_TEST_IMAGE", "berth-test/busybox:1");
    }

    /** The {@code i}-th argument as an int, or {@code fallback} when absent. */
    static int intArg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }

    /**
     * Prints one machine-readable result line, {@code RESULT<TAB>row<TAB>client<TAB>metric<TAB>value<TAB>unit};
     * {@code scripts/bench.sh report} collects them and {@link ReportWriter} takes the median per key over runs.
     *
     * @param row the table: latency, stream, build, archive, coldstart, concurrency, footprint
     * @param client raw, berth, docker-java; for build berth-buildkit, berth-classic, cli-classic, cli-buildx
     */
    static void result(String row, String client, String metric, double value, String unit) {
        System.out.printf(Locale.ROOT, "RESULT\t%s\t%s\t%s\t%.3f\t%s%n", row, client, metric, value, unit);
    }

    /**
     * A docker-java 3.7.1 client on the httpclient5 transport (its OkHttp transport cannot share a JVM with
     * OkHttp 5, which Berth uses: same package names).
     *
     * @param apiVersion the API version to pin, or null for docker-java's default (unversioned paths)
     */
    static DockerClient dockerJava(String host, String apiVersion, Duration responseTimeout) {
        DefaultDockerClientConfig.Builder config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host);
        if (apiVersion != null) {
            config.withApiVersion(apiVersion);
        }
        DefaultDockerClientConfig built = config.build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder().dockerHost(built.getDockerHost())
                .maxConnections(100).connectionTimeout(Duration.ofSeconds(30)).responseTimeout(responseTimeout)
                .build();
        return DockerClientImpl.getInstance(built, http);
    }

    /** Reads the stream to its end and returns how many bytes it held. */
    static long drain(InputStream in) throws IOException {
        byte[] buf = new byte[65536];
        long total = 0;
        for (int n; (n = in.read(buf)) >= 0; ) {
            total += n;
        }
        return total;
    }

    /** The median of the values (the mean of the middle two for an even count); they get sorted in place. */
    static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
