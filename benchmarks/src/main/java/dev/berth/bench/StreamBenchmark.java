package dev.berth.bench;

import dev.berth.Containers;
import dev.berth.Docker;
import dev.berth.ExecOptions;
import dev.berth.Session;
import dev.berth.model.ContainerSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Throughput of a large exec stdout stream ({@code busybox dd if=/dev/zero bs=1M count=N}) read through Berth's
 * session (hijacked connection, frame demultiplexing, stdout {@code InputStream}) next to a raw socket that reads the
 * same upgraded stream without parsing it. Run it with a small heap ({@code -Xmx64m}) to show the stream is never
 * held in memory.
 *
 * <pre>{@code
 * scripts/bench.sh stream [MiB] [rounds]
 * }</pre>
 */
public final class StreamBenchmark {
    private StreamBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args MiB to stream (default 1024), rounds (default 3)
     */
    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        Path socket = Path.of(host.substring("unix://".length()));
        String[] cmd = {"dd", "if=/dev/zero", "bs=1M", "count=" + mib};
        try (Docker docker = Docker.builder().host(host).build()) {
            Containers containers = docker.containers();
            String id = containers.run(ContainerSpec.builder(System.getenv().getOrDefault("BERTH_TEST_IMAGE",
                    "berth-test/busybox:1")).cmd("sleep", "3600").label("dev.berth.test", "bench").build()).id();
            try {
                System.out.printf(Locale.ROOT, "exec stdout of %s, %d MiB, max heap %d MiB%n", String.join(" ", cmd),
                        mib, Runtime.getRuntime().maxMemory() >> 20);
                for (int round = 1; round <= rounds; round++) {
                    String exec = containers.execCreate(id, ExecOptions.of(cmd).withStdin());
                    long start = System.nanoTime();
                    long raw = rawRead(socket, docker.apiVersion().toString(), exec);
                    report(round, "raw socket (frames unparsed)", raw, System.nanoTime() - start);

                    start = System.nanoTime();
                    long berth;
                    try (Session s = containers.execInteractive(id, ExecOptions.of(cmd))) {
                        s.stdin().close();
                        berth = drain(s.stdout());
                        if (s.exitCode() != 0) {
                            throw new IllegalStateException("dd failed");
                        }
                    }
                    report(round, "berth session stdout (demuxed)", berth, System.nanoTime() - start);
                    if (berth != (long) mib << 20) {
                        throw new IllegalStateException("lost bytes: " + berth);
                    }
                }
            } finally {
                containers.remove(id, true, false);
            }
        }
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buf = new byte[65536];
        long total = 0;
        for (int n; (n = in.read(buf)) >= 0; ) {
            total += n;
        }
        return total;
    }

    /** Starts the exec by hand on a fresh socket and counts every byte after the 101 headers. */
    private static long rawRead(Path socket, String version, String exec) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            String body = "{\"Detach\":false,\"Tty\":false}";
            String req = "POST /v" + version + "/exec/" + exec + "/start HTTP/1.1\r\nHost: api.moby.localhost\r\n"
                    + "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body;
            ch.write(ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII)));
            ch.shutdownOutput();
            ByteBuffer buf = ByteBuffer.allocateDirect(65536);
            long total = 0;
            boolean inBody = false;
            StringBuilder head = new StringBuilder();
            while (ch.read(buf) >= 0) {
                buf.flip();
                if (!inBody) {
                    while (buf.hasRemaining() && !inBody) {
                        head.append((char) buf.get());
                        inBody = head.toString().endsWith("\r\n\r\n");
                    }
                }
                total += buf.remaining();
                buf.clear();
            }
            return total;
        }
    }

    private static void report(int round, String name, long bytes, long nanos) {
        double seconds = nanos / 1e9;
        System.out.printf(Locale.ROOT, "%-3d %-34s %8.1f MiB %8.2f s %8.1f MiB/s%n", round, name,
                bytes / 1048576.0, seconds, bytes / 1048576.0 / seconds);
    }
}
