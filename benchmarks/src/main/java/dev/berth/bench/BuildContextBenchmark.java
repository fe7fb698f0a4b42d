package dev.berth.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import dev.berth.BuildSpec;
import dev.berth.Docker;
import dev.berth.ImageRemoveOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Time to build from a large context (default 500 MB in 10,000 files), in turns per round, against one engine:
 * Berth with BuildKit ({@code berth-buildkit}, only when the daemon offers it: {@code Builder-Version: 2}), Berth
 * with the classic builder ({@code berth-classic}), the {@code docker} CLI's classic builder ({@code cli-classic},
 * {@code DOCKER_BUILDKIT=0} in that process only), the CLI with BuildKit ({@code cli-buildx}, {@code docker buildx
 * build --load}, only when the buildx plugin answers {@code docker buildx version}) and docker-java 3.7.1
 * ({@code docker-java}, classic). Prints {@code RESULT} lines (row {@code build}, metric {@code time}).
 *
 * <p>The Dockerfile is rewritten before every build, so no build reuses another's cache: its LABEL carries the
 * client, the round and a nonce. Classic builds get {@code FROM base} plus that LABEL: the context goes up whole as
 * the request's tar, so its upload dominates. BuildKit with a client session (buildx) transfers only the files the
 * Dockerfile uses, so BuildKit builds get {@code RUN --mount=type=bind,target=/ctx test -f /ctx/Dockerfile} as
 * well: the whole context reaches the daemon in both BuildKit builds, at the price of one container run each. And
 * every buildx build gets a fresh {@code BUILDX_CONFIG} (a new node identifier, hence a new shared key for the
 * context), so that a later round cannot send only what changed; {@code BUILDX_NO_DEFAULT_ATTESTATIONS=1}, as
 * Berth attaches no provenance either.
 *
 * <p>{@code BENCH_BUILDX}: the path of a {@code docker-buildx} binary; the CLI processes then get a temporary
 * {@code DOCKER_CONFIG} whose {@code cli-plugins/docker-buildx} links to it.
 *
 * <pre>{@code
 * scripts/bench.sh build [MB] [files] [rounds]
 * }</pre>
 */
public final class BuildContextBenchmark {
    private static final String TAG = "berth-bench-build:";

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
        Path tmp = Files.createTempDirectory("berth-bench-cli");
        String base = Bench.image();
        try {
            makeContext(ctx, mb, files);
            System.out.printf(Locale.ROOT, "build context: %d MB in %d files%n", mb, files);
            Cli cli = new Cli(tmp);
            try (Docker docker = Docker.builder().host(host).build();
                 DockerClient dockerJava = Bench.dockerJava(host, null, Duration.ofMinutes(10))) {
                String builderVersion = docker.system().ping().builderVersion();
                boolean daemonBuildKit = "2".equals(builderVersion);
                boolean buildx = cli.buildxAvailable();
                System.out.printf(Locale.ROOT, "daemon: Builder-Version %s (%s); docker buildx: %s%n",
                        builderVersion, daemonBuildKit ? "BuildKit" : "classic builder",
                        buildx ? cli.buildxVersion : "not available");
                List<String> tags = new ArrayList<>();
                String nonce = UUID.randomUUID().toString().substring(0, 8);
                for (int round = 1; round <= rounds; round++) {
                    if (daemonBuildKit) {
                        String client = "berth-buildkit";
                        dockerfile(ctx, base, true, client, round, nonce);
                        long t = System.nanoTime();
                        docker.images().build(BuildSpec.fromDirectory(ctx).tag(TAG + client).buildKit().build());
                        report(round, client, "Berth, BuildKit", System.nanoTime() - t);
                        tags.add(client);
                    }
                    if (buildx) {
                        String client = "cli-buildx";
                        dockerfile(ctx, base, true, client, round, nonce);
                        long t = System.nanoTime();
                        // A run that fails costs its row only: buildx against an older engine may refuse.
                        if (cli.run(true, "buildx", "build", "--load", "-q", "-t", TAG + client, ctx.toString())) {
                            report(round, client, "docker buildx build (BuildKit)", System.nanoTime() - t);
                            tags.add(client);
                        } else {
                            buildx = false;
                            Bench.result("build", client, "failed", 1, "count");
                        }
                    }
                    String client = "berth-classic";
                    dockerfile(ctx, base, false, client, round, nonce);
                    long t = System.nanoTime();
                    docker.images().build(BuildSpec.fromDirectory(ctx).tag(TAG + client).classic().build());
                    report(round, client, "Berth, classic builder", System.nanoTime() - t);
                    tags.add(client);

                    client = "cli-classic";
                    dockerfile(ctx, base, false, client, round, nonce);
                    t = System.nanoTime();
                    if (!cli.run(false, "build", "-q", "-t", TAG + client, ctx.toString())) {
                        throw new IllegalStateException("docker build (DOCKER_BUILDKIT=0) failed");
                    }
                    report(round, client, "docker build (classic builder)", System.nanoTime() - t);
                    tags.add(client);

                    client = "docker-java";
                    dockerfile(ctx, base, false, client, round, nonce);
                    t = System.nanoTime();
                    dockerJava.buildImageCmd(ctx.toFile()).withTags(Set.of(TAG + client))
                            .exec(new BuildImageResultCallback()).awaitImageId();
                    report(round, client, "docker-java 3.7.1 (classic builder)", System.nanoTime() - t);
                    tags.add(client);
                }
                for (String tag : Set.copyOf(tags)) {
                    docker.images().remove(TAG + tag, ImageRemoveOptions.force());
                }
            }
        } finally {
            delete(ctx);
            delete(tmp);
        }
    }

    /** The {@code docker} CLI in child processes, with buildx found through {@code BENCH_BUILDX} if set. */
    private static final class Cli {
        private final String binary = Files.isExecutable(Path.of("/usr/bin/docker")) ? "/usr/bin/docker" : "docker";
        private final Path tmp;
        private final Path dockerConfig;
        private int buildxConfigs;
        String buildxVersion = "";

        Cli(Path tmp) throws IOException {
            this.tmp = tmp;
            String plugin = System.getenv("BENCH_BUILDX");
            if (plugin == null || plugin.isEmpty()) {
                dockerConfig = null;
            } else {
                Path p = Path.of(plugin).toAbsolutePath();
                if (!Files.isExecutable(p)) {
                    throw new IllegalArgumentException("BENCH_BUILDX: not an executable file: " + p);
                }
                dockerConfig = Files.createDirectories(tmp.resolve("docker-config"));
                Files.createSymbolicLink(Files.createDirectories(dockerConfig.resolve("cli-plugins"))
                        .resolve("docker-buildx"), p);
            }
        }

        private ProcessBuilder process(boolean buildKit, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(binary));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            if (dockerConfig != null) {
                env.put("DOCKER_CONFIG", dockerConfig.toString());
            }
            if (buildKit) {
                env.put("BUILDX_CONFIG", Files.createDirectories(tmp.resolve("buildx-" + ++buildxConfigs))
                        .toString());
                env.put("BUILDX_NO_DEFAULT_ATTESTATIONS", "1");
            } else {
                env.put("DOCKER_BUILDKIT", "0");
            }
            return pb;
        }

        boolean buildxAvailable() throws IOException, InterruptedException {
            Process p = process(true, "buildx", "version").start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0) {
                return false;
            }
            buildxVersion = out;
            return true;
        }

        /** Runs the command to its end, its output kept in a file and shown only when it fails. */
        boolean run(boolean buildKit, String... args) throws IOException, InterruptedException {
            Path log = tmp.resolve("cli.log");
            Process p = process(buildKit, args).redirectOutput(log.toFile()).start();
            p.getOutputStream().close();
            int exit = p.waitFor();
            if (exit != 0) {
                System.err.printf(Locale.ROOT, "docker %s: exit %d%n%s%n", String.join(" ", args), exit,
                        Files.readString(log, StandardCharsets.UTF_8));
            }
            return exit == 0;
        }
    }

    /** Writes the Dockerfile of one build: a LABEL no other build has, and for BuildKit the context bind-mounted. */
    private static void dockerfile(Path ctx, String base, boolean buildKit, String client, int round, String nonce)
            throws IOException {
        String label = client + "-" + round + "-" + nonce;
        Files.writeString(ctx.resolve("Dockerfile"), "FROM " + base + "\n"
                + "LABEL " + Bench.LABEL + "=" + Bench.LABEL_VALUE + " dev.berth.bench.build=" + label + "\n"
                + (buildKit ? "RUN --mount=type=bind,target=/ctx test -f /ctx/Dockerfile && echo " + label + "\n"
                        : ""));
    }

    private static void makeContext(Path ctx, int mb, int files) throws IOException {
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

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void report(int round, String client, String who, long nanos) {
        System.out.printf(Locale.ROOT, "%-3d %-38s %8.2f s%n", round, who, nanos / 1e9);
        Bench.result("build", client, "time", nanos / 1e9, "s");
    }
}
