package dev.berth.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import dev.berth.BuildSpec;
import dev.berth.Docker;
import dev.berth.ImageRemoveOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Time to build from a large context (default 500 MB in 10,000 files): the context upload dominates, since the
 * Dockerfile only adds a label. Berth, the {@code docker} CLI's classic builder ({@code DOCKER_BUILDKIT=0}) and
 * docker-java 3.7.1 build the same folder against the same engine, in turns. Prints {@code RESULT} lines (row
 * {@code build}, metric {@code time}, clients berth, cli, docker-java).
 *
 * <pre>{@code
 * scripts/bench.sh build [MB] [files] [rounds]
 * }</pre>
 */
public final class BuildContextBenchmark {
    private BuildContextBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args total MB (500), files (10000), rounds (3)
     */
    public static void main(String[] args) throws Exception {
        int mb = Bench.intArg(args, 0, 500);
        int files = Bench.intArg(args, 1, 10_000);
        int rounds = Bench.intArg(args, 2, 3);
        String host = Bench.host();
        Path ctx = Files.createTempDirectory("berth-bench-ctx");
        try {
            makeContext(ctx, mb, files, Bench.image());
            System.out.printf(Locale.ROOT, "build context: %d MB in %d files%n", mb, files);
            try (Docker docker = Docker.builder().host(host).build();
                 DockerClient dockerJava = Bench.dockerJava(host, null, Duration.ofMinutes(10))) {
                for (int round = 1; round <= rounds; round++) {
                    long t = System.nanoTime();
                    docker.images().build(BuildSpec.fromDirectory(ctx).tag("berth-bench-build:berth").build());
                    report(round, "berth", "berth", System.nanoTime() - t);

                    ProcessBuilder cliBuild = new ProcessBuilder(cliBinary(), "build", "-q", "-t",
                            "berth-bench-build:cli", ctx.toString()).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
                    cliBuild.environment().put("DOCKER_BUILDKIT", "0");
                    t = System.nanoTime();
                    Process cli = cliBuild.start();
                    cli.getOutputStream().close();
                    if (cli.waitFor() != 0) {
                        throw new IllegalStateException("docker build failed");
                    }
                    report(round, "cli", "docker CLI (classic builder)", System.nanoTime() - t);

                    t = System.nanoTime();
                    dockerJava.buildImageCmd(ctx.toFile()).withTags(Set.of("berth-bench-build:docker-java"))
                            .exec(new BuildImageResultCallback()).awaitImageId();
                    report(round, "docker-java", "docker-java 3.7.1 (httpclient5)", System.nanoTime() - t);
                }
                for (String tag : new String[] {"berth", "cli", "docker-java"}) {
                    docker.images().remove("berth-bench-build:" + tag, ImageRemoveOptions.force());
                }
            }
        } finally {
            try (Stream<Path> walk = Files.walk(ctx)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String cliBinary() {
        return Files.isExecutable(Path.of("/usr/bin/docker")) ? "/usr/bin/docker" : "docker";
    }

    private static void makeContext(Path ctx, int mb, int files, String base) throws IOException {
        Files.writeString(ctx.resolve("Dockerfile"), "FROM " + base + "\nLABEL dev.berth.test=bench\n");
        long perFile = (long) mb * 1_000_000 / files;
        Random random = new Random(7);
        byte[] buf = new byte[(int) perFile];
        int perDir = 100;
        for (int i = 0; i < files; i++) {
            Path dir = Files.createDirectories(ctx.resolve("d" + (i / perDir)));
            random.nextBytes(buf);
            try (OutputStream out = Files.newOutputStream(dir.resolve("f" + i + ".bin"))) {
                out.write(buf);
            }
        }
    }

    private static void report(int round, String client, String who, long nanos) {
        System.out.printf(Locale.ROOT, "%-3d %-34s %8.2f s%n", round, who, nanos / 1e9);
        Bench.result("build", client, "time", nanos / 1e9, "s");
    }
}
