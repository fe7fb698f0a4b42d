package dev.berth.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.ContainerQuery;
import dev.berth.Docker;
import dev.berth.Filters;
import dev.berth.ImageQuery;
import dev.berth.ImageRemoveOptions;
import dev.berth.ImportOptions;
import dev.berth.RemoveOptions;
import dev.berth.model.ContainerSpec;
import dev.berth.errors.NotFoundException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every example against the test bed's engine ({@code scripts/engine.sh}: {@code DOCKER_HOST},
 * {@code BERTH_TEST_IMAGE}, {@code BERTH_TEST_REGISTRY} with its user and password) with arguments that keep it
 * short, and checks what it prints and that it left nothing behind. The programs run in-process with
 * {@code System.out} captured, except {@link SeedTour}, which runs in a child JVM so its {@code docker login} goes to a
 * temporary {@code DOCKER_CONFIG}; the JShell scripts run in the JDK's {@code jshell}.
 *
 * <p>The examples get a copy of the test image without its {@code dev.berth.test} label, so the clean-up of other
 * integration tests running at the same time never removes their containers.
 */
class ExamplesIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String LABEL = "dev.berth.example";
    private static Docker docker;
    private static String image;

    @TempDir
    Path temp;

    @BeforeAll
    static void connect() throws IOException {
        String host = System.getenv("DOCKER_HOST");
        if (host == null || host.isEmpty()) {
            throw new IllegalStateException("DOCKER_HOST is not set: run through scripts/test.sh, "
                    + "or eval \"$(scripts/engine.sh start)\" first");
        }
        docker = Docker.connect();
        removeWhatAnInterruptedRunLeft();
        String box = docker.containers().create(ContainerSpec.builder(env("BERTH_TEST_IMAGE")).label(LABEL, "it")
                .build());
        Path tar = Files.createTempFile("examples-it-", ".tar");
        try {
            docker.containers().export(box, tar);
            image = "berth-example/busybox:it-" + RUN;
            docker.images().importTar(tar, ImportOptions.of(image).withChanges("CMD [\"sh\"]", "ENV PATH=/bin")
                    .withMessage("examples IT base"));
        } finally {
            docker.containers().remove(box, RemoveOptions.force());
            Files.delete(tar);
        }
    }

    /**
     * The test bed's engines keep their state between runs: a run stopped mid-example (a killed build, an engine
     * switched under it) leaves its containers and volumes, which would fail every later run's leftover checks.
     */
    private static void removeWhatAnInterruptedRunLeft() {
        docker.containers().ids(ContainerQuery.all().label(LABEL)).forEach(id ->
                docker.containers().remove(id, RemoveOptions.force().withVolumes()));
        docker.volumes().list(Filters.label(LABEL)).forEach(v -> docker.volumes().remove(v.name()));
    }

    @AfterAll
    static void cleanUp() {
        if (docker == null) {
            return;
        }
        docker.containers().ids(ContainerQuery.all().label(LABEL + "=it")).forEach(id ->
                docker.containers().remove(id, RemoveOptions.force()));
        try {
            docker.images().remove(image, ImageRemoveOptions.force());
        } catch (NotFoundException e) {
            // never made
        }
        docker.close();
    }

    // ---- the programs -------------------------------------------------------------------------------------------

    @Test
    void quickstartServesAPageAndRemovesItsContainer() throws Exception {
        String out = runMain(Quickstart::main, Duration.ofSeconds(60), image);
        assertLine(out, "Engine: +\\d+\\.\\d+.*");
        assertLine(out, "HTTP GET: +/hostname -> 200 \\w+ .*");
        assertLine(out, "Stopped: +true, removed");
        assertNoLeftovers("quickstart");
    }

    @Test
    void seedTourWalksEveryStepAndCleansUp() throws Exception {
        Path config = Files.createDirectories(temp.resolve("docker-config"));
        ProcessResult r = runChild(List.of(javaBin().toString(), "-cp", System.getProperty("java.class.path"),
                SeedTour.class.getName(), image, env("BERTH_TEST_REGISTRY")),
                Map.of("DOCKER_CONFIG", config.toString()), Duration.ofSeconds(180));
        assertEquals(0, r.exitCode(), r.output());
        List<String> steps = r.output().lines().filter(l -> !l.startsWith("[")).map(l -> l.split(" ", 2)[0]).toList();
        assertEquals(List.of("import", "run", "logs", "exec", "stop", "restart", "commit", "tag", "login", "push",
                "rmi", "pull", "export", "import", "cleanup"), steps, r.output());
        assertLine(r.output(),
                "run +seed-tour-web-\\w+ on 127\\.0\\.0\\.1:\\d+ with volume seed-tour-data-\\w+, GET / -> seed-tour");
        assertLine(r.output(), "logs +web up");
        assertLine(r.output(), "stop +stopped=true, status exited");
        assertLine(r.output(), "restart +status running, the volume kept the first boot: 2 /data/boot.log");
        assertLine(r.output(), "push +\\S+/berth-example/seed-tour:\\w+: [1-9]\\d* layers, .*");
        assertLine(r.output(), "rmi +.*exists: false");
        assertLine(r.output(), "pull +\\S+ back \\(Status: Downloaded newer image for \\S+\\); exists: true");
        assertLine(r.output(), "import +berth-example/seed-tour:reimported-\\w+, its /www/index.html says seed-tour");
        assertLine(r.output(), "cleanup done");
        assertFalse(Files.readString(config.resolve("config.json")).contains("\"auth\""), "logged out at the end");
        assertNoLeftovers("seed-tour");
        List<String> tour = List.of("berth-example/seed-tour", env("BERTH_TEST_REGISTRY") + "/berth-example/seed-tour");
        assertTrue(docker.images().list(ImageQuery.defaults().withFilters(Filters.of("reference",
                tour.toArray(String[]::new)))).isEmpty(), "the tour's images are removed");
    }

    @Test
    void rollingDeployReachesVersionThree() throws Exception {
        String out = runMain(RollingDeploy::main, Duration.ofSeconds(120), "2", "0", image);
        assertEquals(4, out.lines().filter(l -> l.startsWith("replace ")).count(), out);
        assertLine(out, "serving +version 1 on 2 replicas");
        assertLine(out, "serving +version 2 on 2 replicas");
        assertLine(out, "serving +version 3 on 2 replicas");
        assertFalse(out.contains("rolled back"), out);
        assertNoLeftovers("rolling-deploy");
    }

    @Test
    void rollingDeployRollsBackABrokenVersion() throws Exception {
        String out = runMain(RollingDeploy::main, Duration.ofSeconds(120), "2", "3", image);
        assertLine(out, "rollout +version 3 \\(shipped without its page\\)");
        assertLine(out, "failed +rolling-\\w+-v3-0-\\w+ never became healthy; removing it");
        assertLine(out, "rolled back to version 2");
        List<String> serving = out.lines().filter(l -> l.startsWith("serving ")).toList();
        assertEquals("serving   version 2 on 2 replicas", serving.get(serving.size() - 1), out);
        assertFalse(out.contains("version 3 on"), out);
        assertNoLeftovers("rolling-deploy");
    }

    @Test
    void labelTailFollowsRunningAndNewlyStartedContainers() throws Exception {
        String tailLabel = LABEL + ".run=" + RUN;
        String early = startPrinter("tail-early-" + RUN, tailLabel, "sleep 2; echo early line " + RUN);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            long start = System.nanoTime();
            Future<String> tail = pool.submit(() -> runMain(LabelTail::main, Duration.ofSeconds(60), tailLabel, "6"));
            Thread.sleep(2000);
            startPrinter("tail-late-" + RUN, tailLabel, "echo late line " + RUN);
            startPrinter("tail-other-" + RUN, LABEL + ".run=other", "echo unlabelled line " + RUN);
            String out = tail.get(60, TimeUnit.SECONDS);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertLine(out, "tail-late-" + RUN + " \\| late line " + RUN);
            assertLine(out, "tail-early-" + RUN + " \\| early line " + RUN);
            assertFalse(out.contains("unlabelled line"), out);
            assertLine(out, "tail ended");
            assertTrue(seconds < 12, "the followed containers still run, yet the tail ended after " + seconds + " s");
            assertTrue(docker.containers().inspect(early).state().running(), "the tail only reads");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void volumeBackupRestoresAndVerifies() throws Exception {
        String out = runMain(VolumeBackup::main, Duration.ofSeconds(90), image, "5");
        assertLine(out, "backup +volume-backup-\\w+ -> .*\\.tar \\([1-9]\\d+ bytes\\)");
        assertLine(out, "restored and verified: 1[0-9] entries of volume-restored-\\w+ match volume-backup-\\w+ .*");
        assertNoLeftovers("volume-backup");
    }

    @Test
    void progressPullDrawsBarsWithByteCounts() throws Exception {
        String out = runMain(ProgressPull::main, Duration.ofSeconds(120), image, env("BERTH_TEST_REGISTRY"), "3");
        assertFalse(out.contains("\r"), "not a terminal: plain lines");
        // containerd's image store samples progress: a 3 MB transfer over loopback may end before the first sample,
        // so there the bars reach 100 % by layers, with no byte counts
        boolean sampled = docker.system().info().containerdImageStore();
        for (String verb : List.of("push", "pull")) {
            if (sampled) {
                assertLine(out, verb + " \\[#{30}\\] 100%  .*");
                continue;
            }
            Matcher full = Pattern.compile("(?m)^" + verb + " \\[#{30}\\] 100%  (\\d+\\.\\d) MB / (\\d+\\.\\d) MB  "
                    + "[1-9]\\d* layer\\(s\\) with data$").matcher(out);
            assertTrue(full.find(), verb + " reaches 100%:\n" + out);
            assertEquals(full.group(1), full.group(2), out);
            assertTrue(Double.parseDouble(full.group(2)) >= 3.0, verb + " moved the 3 MB layer:\n" + out);
            assertLine(out, verb + " \\[[#-]{30}\\] +\\d+%  .*");
        }
        assertLine(out, "pull done: .*Downloaded newer image.*");
        String repository = env("BERTH_TEST_REGISTRY") + "/berth-example/progress";
        assertTrue(docker.images().list(ImageQuery.defaults()
                .withFilters(Filters.of("reference", repository))).isEmpty(), "image removed");
        assertNoLeftovers("progress-pull");
    }

    // ---- the JShell scripts -------------------------------------------------------------------------------------

    /** What each script must print, as regular expressions over whole lines. */
    private static final Map<String, List<String>> JSHELL_LINES = Map.of(
            "quickstart.jsh", List.of("PingResult\\[apiVersion=1\\.\\d+.*", "Engine \\S+, API 1\\.\\d+",
                    "\\d+ containers, \\d+ images"),
            "containers.jsh", List.of("run: running=true", "exec: exit 0, hello from exec",
                    "logs: hello from the container log", "ps: 1 running", "stop: true", "rm: gone=true",
                    "parse: exit 0, hi 1024"),
            "images.jsh", List.of("images: \\S+ listed=true", "inspect: linux/\\w+, 1 layer\\(s\\)",
                    "layer: sha256:[0-9a-f]{12}", "history: 1 step\\(s\\)", "tag: same image=true",
                    "rmi: 1 line\\(s\\), untagged=true, image kept=true"));

    static List<String> jshellScripts() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("jshell"))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".jsh")).sorted().toList();
        }
    }

    @Test
    void everyJshellScriptIsChecked() throws IOException {
        assertEquals(JSHELL_LINES.keySet(), Set.copyOf(jshellScripts()), "each script in jshell/ has expected lines");
    }

    @ParameterizedTest
    @MethodSource("jshellScripts")
    void jshellScriptRunsAndPrintsItsLines(String script) throws Exception {
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        ProcessResult r = runChild(List.of(jshell.toString(), "--class-path", System.getProperty("java.class.path"),
                "jshell/" + script), Map.of("BERTH_TEST_IMAGE", image), Duration.ofSeconds(120));
        assertEquals(0, r.exitCode(), script + ":\n" + r.output());
        assertFalse(r.output().contains("Exception"), script + ":\n" + r.output());
        for (String line : JSHELL_LINES.getOrDefault(script, List.of())) {
            assertLine(r.output(), line);
        }
        assertNoLeftovers("jshell-containers");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** A main method. */
    @FunctionalInterface
    interface Main {
        void run(String[] args) throws Exception;
    }

    /** Runs {@code main} in this JVM with System.out captured (and still shown); returns what it printed. */
    private static String runMain(Main main, Duration timeout, String... args) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        ExecutorService thread = Executors.newSingleThreadExecutor();
        long start = System.nanoTime();
        try {
            thread.submit(() -> {
                main.run(args);
                return null;
            }).get(timeout.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the example failed; it printed:\n" + captured.toString(StandardCharsets.UTF_8),
                    e.getCause());
        } catch (TimeoutException e) {
            fail("the example took longer than " + timeout + "; it printed:\n"
                    + captured.toString(StandardCharsets.UTF_8));
        } finally {
            thread.shutdownNow();
            System.setOut(original);
            original.printf("[examples-it] %s took %d ms%n", String.join(" ", args),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    record ProcessResult(int exitCode, String output) {
    }

    /** Runs a program with extra environment variables and returns its exit code and output (stdout and stderr). */
    private static ProcessResult runChild(List<String> command, Map<String, String> env, Duration timeout)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        Future<byte[]> output = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "child-output");
            t.setDaemon(true);
            return t;
        }).submit(() -> p.getInputStream().readAllBytes());
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command.get(command.size() - 1) + " took longer than " + timeout);
        }
        String out = new String(output.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        System.out.print(out);
        System.out.printf("[examples-it] %s took %d ms%n", command.get(command.size() - 1),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return new ProcessResult(p.exitValue(), out);
    }

    /** Starts a container carrying {@code label} (and the example label) that runs {@code script}, then sleeps. */
    private static String startPrinter(String name, String label, String script) {
        String[] kv = label.split("=", 2);
        return docker.containers().run(ContainerSpec.builder(image).name(name).label(LABEL, "it").label(kv[0], kv[1])
                .init().cmd("sh", "-c", script + "; exec sleep 60").build()).id();
    }

    private static void assertLine(String output, String regex) {
        assertTrue(output.lines().anyMatch(l -> l.matches(regex)), "no line matches /" + regex + "/ in:\n" + output);
    }

    /** No container or volume labelled {@code dev.berth.example=name} is left. */
    private static void assertNoLeftovers(String name) {
        List<String> left = new ArrayList<>(docker.containers().ids(ContainerQuery.all().label(LABEL + "=" + name)));
        docker.volumes().list(Filters.label(LABEL + "=" + name)).forEach(v -> left.add(v.name()));
        assertTrue(left.isEmpty(), name + " left containers or volumes behind: " + left);
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(name + " is not set: run through scripts/test.sh");
        }
        return value;
    }

    private static Path javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }

        @Override
        public synchronized void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
