package dev.berth.bench;

import dev.berth.Containers;
import dev.berth.Docker;
import dev.berth.ExecOptions;
import dev.berth.Session;
import dev.berth.WaitCondition;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * Throughput of two large output streams, read through Berth next to a raw socket that reads the same bytes without
 * parsing them:
 * <ul>
 *   <li>exec stdout ({@code dd if=/dev/zero bs=1M count=N}): Berth's session (hijacked connection, frame
 *       demultiplexing, stdout {@code InputStream}) against the upgraded stream counted raw;</li>
 *   <li>container logs: a container writes N MiB of 128-byte lines and exits, then {@code logs(id).stream()} against
 *       a raw {@code GET /containers/{id}/logs?stdout=1}.</li>
 * </ul>
 * Each stream is read raw, through Berth, through Berth, raw, and each client's mean time counts, so that drift
 * during a round favours neither. Throughput is the payload (N MiB) over the time to read it; an unmeasured exec
 * of up to 64 MiB warms up first. Run it with a small heap ({@code -Xmx64m}) to show no stream is held in memory.
 * Prints {@code RESULT} lines (row {@code stream}, metrics {@code exec} and {@code logs}).
 *
 * <pre>{@code
 * scripts/bench.sh stream [exec MiB] [rounds] [logs MiB]
 * }</pre>
 */
public final class StreamBenchmark {
    /** 127 characters and a newline: the logs container's line. */
    private static final String LINE = "x".repeat(127);

    private StreamBenchmark() {
    }

    /** One read of a whole stream; returns the bytes read. */
    @FunctionalInterface
    private interface Read {
        long run() throws IOException;
    }

    /**
     * Runs the benchmark.
     *
     * @param args MiB of exec stdout (default 1024), rounds (default 3), MiB of logs (default 256; the json-file
     *             driver keeps them on disk, about twice the size, until the container is removed)
     */
    public static void main(String[] args) throws Exception {
        int execMib = Bench.intArg(args, 0, 1024);
        int rounds = Bench.intArg(args, 1, 3);
        int logsMib = Bench.intArg(args, 2, 256);
        try (Docker docker = Docker.builder().host(Bench.host()).build()) {
            Containers containers = docker.containers();
            String version = docker.apiVersion().toString();
            System.out.printf(Locale.ROOT, "exec stdout %d MiB, logs %d MiB, max heap %d MiB%n", execMib, logsMib,
                    Runtime.getRuntime().maxMemory() >> 20);
            String sleeper = containers.run(BenchSpecs.spec("sleep", "3600")).id();
            String logger = containers.create(BenchSpecs.spec("sh", "-c",
                    "yes " + LINE + " | head -c " + ((long) logsMib << 20)));
            try {
                containers.start(logger);
                containers.waitFor(logger, WaitCondition.NOT_RUNNING);
                exec(containers, version, sleeper, Math.min(64, execMib), 0); // warm-up: JIT, connections, caches
                for (int round = 1; round <= rounds; round++) {
                    exec(containers, version, sleeper, execMib, round);
                    logs(containers, version, logger, logsMib, round);
                }
                BenchSpecs.requirePresent(docker, List.of(sleeper, logger));
            } finally {
                BenchSpecs.remove(docker, sleeper);
                BenchSpecs.remove(docker, logger);
            }
        }
    }

    private static void exec(Containers containers, String version, String id, int mib, int round)
            throws IOException {
        String[] cmd = {"dd", "if=/dev/zero", "bs=1M", "count=" + mib};
        compare("exec", mib, round, () -> {
            String exec = containers.execCreate(id, ExecOptions.of(cmd).withStdin());
            String body = "{\"Detach\":false,\"Tty\":false}";
            return RawUnixHttp.countResponse(Bench.socket(), "POST /v" + version + "/exec/" + exec + "/start HTTP/1.1"
                    + "\r\nHost: api.moby.localhost\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body, true);
        }, () -> {
            try (Session s = containers.execInteractive(id, ExecOptions.of(cmd))) {
                s.stdin().close();
                long bytes = Bench.drain(s.stdout());
                if (s.exitCode() != 0) {
                    throw new IllegalStateException("dd failed");
                }
                return bytes;
            }
        });
    }

    private static void logs(Containers containers, String version, String id, int mib, int round)
            throws IOException {
        compare("logs", mib, round, () -> RawUnixHttp.countResponse(Bench.socket(), "GET /v" + version
                + "/containers/" + id + "/logs?stdout=1 HTTP/1.1\r\nHost: api.moby.localhost\r\n"
                + "Connection: close\r\n\r\n", false), () -> {
                    try (InputStream in = containers.logs(id).stream()) {
                        return Bench.drain(in);
                    }
                });
    }

    /**
     * Reads the stream raw, through Berth, through Berth, raw (so that drift during the round favours neither) and
     * reports each client's mean. Berth must deliver exactly the payload; raw counts wire bytes, frame headers too, so
 * at least the payload.
     */
    private static void compare(String what, int mib, int round, Read raw, Read berth) throws IOException {
        Read[] legs = {raw, berth, berth, raw};
        long[] nanos = new long[2];
        for (int i = 0; i < legs.length; i++) {
            int client = legs[i] == raw ? 0 : 1;
            long start = System.nanoTime();
            long bytes = legs[i].run();
            nanos[client] += System.nanoTime() - start;
            if (client == 1 ? bytes != (long) mib << 20 : bytes < (long) mib << 20) {
                throw new IllegalStateException((client == 1 ? "Berth" : "raw") + " read " + bytes + " bytes of "
                        + what + ", expected " + (client == 1 ? "" : "at least ") + ((long) mib << 20));
            }
        }
        report(round, what, "raw", mib, nanos[0] / 2);
        report(round, what, "berth", mib, nanos[1] / 2);
    }

    /** The human line and the RESULT line: payload MiB per second. Round 0 is the warm-up: not reported. */
    private static void report(int round, String what, String client, int mib, long nanos) {
        if (round == 0) {
            return;
        }
        double seconds = nanos / 1e9;
        System.out.printf(Locale.ROOT, "%-3d %-5s %-6s %6d MiB in %7.2f s %8.1f MiB/s%n", round, what, client, mib,
                seconds, mib / seconds);
        Bench.result("stream", client, what, mib / seconds, "MiB/s");
    }
}
