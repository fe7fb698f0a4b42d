package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.errors.BuildFailedException;
import dev.berth.errors.DockerException;
import dev.berth.errors.NotFoundException;
import dev.berth.model.BuildEvent;
import dev.berth.model.BuildStep;
import dev.berth.model.ContainerSpec;
import dev.berth.model.DiskUsage;
import dev.berth.model.PruneResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds against the real engine: BuildKit where the daemon offers it (Engine 28, with either image store), the
 * classic builder where it does not (Engine 20.10). Each test asks the daemon which builder it offers and checks
 * what that builder must do; none skips.
 */
class BuildKitIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> IMAGES = new ArrayList<>();
    private static Docker docker;
    private static boolean buildKit;

    @BeforeAll
    static void connect() {
        docker = TestEngine.docker();
        String builder = docker.system().ping().builderVersion();
        buildKit = "2".equals(builder);
        // the test bed's engines: 20.10 announces the classic builder, 28 BuildKit (with either image store)
        if (TestEngine.engine().startsWith("28")) {
            assertTrue(buildKit, "Engine 28 offers BuildKit, Builder-Version: " + builder);
        } else if (TestEngine.engine().equals("20.10")) {
            assertFalse(buildKit, "Engine 20.10 announces the classic builder, Builder-Version: " + builder);
        }
    }

    @AfterAll
    static void cleanUp() {
        TestEngine.removeTestContainers(docker.transport());
        for (String image : IMAGES) {
            try {
                docker.images().remove(image, ImageRemoveOptions.force());
            } catch (NotFoundException e) {
                // never built, or already gone
            }
        }
        docker.close();
    }

    private static String tagged(String name) {
        IMAGES.add(name);
        return name;
    }

    private static String runIn(String image, String script) {
        return docker.containers().runAndWait(ContainerSpec.builder(image).label(TestEngine.LABEL, RUN)
                .cmd("sh", "-c", script).build()).stdout();
    }

    private static <T extends BuildEvent> List<T> only(List<BuildEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    /** The steps of the Dockerfile itself ({@code [stage n/m] ...}), not BuildKit's internal ones. */
    private static Set<String> dockerfileSteps(List<? extends BuildEvent> events) {
        Set<String> names = new TreeSet<>();
        for (BuildEvent e : events) {
            BuildStep s = e instanceof BuildEvent.StepStarted st ? st.step()
                    : e instanceof BuildEvent.StepCached c ? c.step() : null;
            if (s != null && s.name().matches("(?s)\\[[^\\]]*\\d+/\\d+\\] (RUN|COPY) .*")) {
                names.add(s.name());
            }
        }
        return names;
    }

    private static final String MODERN = String.join("\n",
            "FROM " + TestEngine.image() + " as base",      // lower-case "as": BuildKit's FromAsCasing warning
            "ARG GREETING=hello",
            // the command names RUN: a cache mount's id is not part of the step's cache key
            "RUN --mount=type=cache,target=/cache,id=berth-" + RUN + " echo \"$GREETING\" > /cache/stamp-" + RUN
                    + " && echo wrote-cache",
            "RUN <<EOF",
            "echo heredoc-line-1",
            "echo \"$GREETING\" > /greeting",
            "EOF",
            "COPY --chmod=0750 run.sh /run.sh",
            "COPY --link run.sh /linked.sh",
            "COPY <<EOF /hello.txt",
            "hi from a heredoc file",
            "EOF",
            "",
            "FROM base AS final",
            "RUN --mount=type=tmpfs,target=/scratch touch /scratch/x && ls /scratch > /tmpfs-listing",
            "RUN --mount=type=bind,from=base,source=/greeting,target=/g cp /g /bound",
            "RUN echo final-stage > /stage",
            "",
            "FROM base AS unused",
            "RUN exit 9",
            "");

    @Test
    void modernDockerfileFeaturesProgressCacheAndFailures() {
        BuildSpec spec = BuildSpec.fromDockerfile(MODERN).file("run.sh", "echo run\n".getBytes(StandardCharsets.UTF_8))
                .tag(tagged("berth-buildkit:" + RUN)).buildArg("GREETING", "howdy").label("team", "core")
                .label(TestEngine.LABEL, RUN).target("final").build();
        if (!buildKit) {
            // Engine 20.10: Berth builds with the classic builder, which cannot read BuildKit syntax, and says so
            DockerException e = assertThrows(DockerException.class, () -> docker.images().build(spec));
            // 20.10 answers 400 "dockerfile parse error line 5: unknown instruction: ECHO" (a heredoc's body)
            assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("dockerfile parse error"),
                    e.getMessage());
            return;
        }
        long t0 = System.nanoTime();
        List<BuildEvent> first = new ArrayList<>();
        String id = docker.images().buildWithProgress(spec, first::add);
        long t1 = System.nanoTime();
        assertTrue(id.startsWith("sha256:"), id);

        assertEquals("750\nhowdy\nhowdy\nhi from a heredoc file\nx\nfinal-stage\necho run\n",
                runIn("berth-buildkit:" + RUN, "stat -c %a /run.sh; cat /greeting /bound /hello.txt /tmpfs-listing "
                        + "/stage /linked.sh; test -e /scratch/x && echo tmpfs-leaked; true"));
        Map<String, String> labels = docker.images().inspect("berth-buildkit:" + RUN).config().labels();
        assertEquals("core", labels.get("team"));
        assertEquals(RUN, labels.get(TestEngine.LABEL));

        // every step of the target's stages ran and finished, the unused stage did not, with their output as lines
        Set<String> ran = dockerfileSteps(first);
        assertEquals(8, ran.size(), ran.toString());
        assertTrue(ran.stream().noneMatch(s -> s.contains("exit 9")), "the target leaves the unused stage: " + ran);
        assertTrue(ran.stream().anyMatch(s -> s.contains("RUN <<EOF")), ran.toString());
        assertTrue(ran.stream().anyMatch(s -> s.contains("COPY --chmod=0750 run.sh /run.sh")), ran.toString());
        // each step ran (steps after the unique cache-mount RUN) or came from the cache of earlier runs (COPY --link
        // does not depend on the steps before it)
        List<BuildEvent.StepFinished> finished = only(first, BuildEvent.StepFinished.class);
        Set<String> cachedFirst = dockerfileSteps(only(first, BuildEvent.StepCached.class));
        for (String step : ran) {
            assertTrue(cachedFirst.contains(step) || finished.stream().anyMatch(f -> f.step().name().equals(step)
                    && !f.duration().isNegative()), () -> "finished: " + step + " in " + first.stream()
                    .filter(e -> e.toString().contains(step)).collect(Collectors.toList()));
        }
        assertTrue(cachedFirst.stream().noneMatch(s -> s.contains("RUN")), "new RUN steps run: " + cachedFirst);
        List<String> lines = only(first, BuildEvent.StepLog.class).stream()
                .map(l -> l.step().name() + " | " + l.line()).collect(Collectors.toList());
        assertTrue(lines.stream().anyMatch(l -> l.contains("RUN --mount=type=cache") && l.endsWith("| wrote-cache")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("RUN <<EOF") && l.endsWith("| heredoc-line-1")),
                lines.toString());
        assertTrue(only(first, BuildEvent.StepFailed.class).isEmpty());
        List<BuildEvent.Warning> warnings = only(first, BuildEvent.Warning.class);
        assertTrue(warnings.stream().anyMatch(w -> w.message().contains("FromAsCasing")), warnings.toString());

        // the same build again: every Dockerfile step from the cache, rendered as the CLI's plain progress
        List<BuildEvent> second = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        PlainProgress render = PlainProgress.to(plain::add);
        assertEquals(id, docker.images().buildWithProgress(spec, e -> {
            second.add(e);
            render.accept(e);
        }));
        long t2 = System.nanoTime();
        Set<String> cached = only(second, BuildEvent.StepCached.class).stream().map(c -> c.step().name())
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(cached.containsAll(ran), "cached " + cached + ", expected " + ran);
        assertTrue(only(second, BuildEvent.StepStarted.class).stream().noneMatch(s -> ran.contains(s.step().name())),
                second.toString());
        assertTrue(plain.stream().anyMatch(l -> l.matches("#\\d+ CACHED\n")), plain.toString());

        // another build reads what the first left in the cache mount (not with --no-cache: that ignores cache mounts
        // too, moby/buildkit#4250)
        String reader = tagged("berth-buildkit-cache:" + RUN);
        docker.images().build(BuildSpec.fromDockerfile("FROM " + TestEngine.image() + "\n"
                + "RUN --mount=type=cache,target=/cache,id=berth-" + RUN + " cat /cache/stamp-" + RUN + " > /seen\n")
                .tag(reader).label(TestEngine.LABEL, RUN).build());
        long t3 = System.nanoTime();
        assertEquals("howdy\n", runIn(reader, "cat /seen"));

        // BuildKit's cache shows in docker system df: the cache mount as an exec.cachemount record, layers as regular
        DiskUsage df = docker.system().diskUsage();
        assertTrue(df.buildCache().stream().anyMatch(c -> c.type().equals("exec.cachemount")
                && c.description().contains("berth-" + RUN)), df.buildCache().toString());
        assertTrue(df.buildCache().stream().anyMatch(c -> c.type().equals("regular") && c.size() > 0),
                df.buildCache().toString());

        // a failing RUN throws, naming the step as BuildKit does, with its last lines
        BuildFailedException failed = assertThrows(BuildFailedException.class, () -> docker.images().build(
                BuildSpec.fromDockerfile("FROM " + TestEngine.image() + "\nRUN echo about-to-fail && exit 3\n")
                        .label(TestEngine.LABEL, RUN).build()));
        long t4 = System.nanoTime();
        assertEquals("[2/2] RUN echo about-to-fail && exit 3", failed.step());
        assertTrue(failed.log().contains("about-to-fail"), failed.log().toString());
        assertTrue(failed.daemonMessage().contains("exit code: 3"), failed.daemonMessage());
        System.out.printf("BuildKitIT on %s: modern build %d ms, cached rebuild %d ms, cache-mount reader %d ms, "
                + "failing build %d ms%n", TestEngine.engine(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
    }

    @Test
    void theSameSpecBuildsWithTheBuilderTheDaemonOffers() {
        String dockerfile = String.join("\n",
                "FROM " + TestEngine.image() + " AS base",
                "ARG GREETING=hello",
                "RUN echo \"$GREETING\" > /greeting && echo said-$GREETING",
                "FROM base AS final",
                "RUN grep -q db /etc/hosts && echo final > /stage",
                "FROM base AS unused",
                "RUN exit 9",
                "");
        String tag = tagged("berth-build-same:" + RUN);
        BuildSpec spec = BuildSpec.fromDockerfile(dockerfile).tag(tag).tag(tagged("berth-build-same:2-" + RUN))
                .buildArg("GREETING", "howdy").label("team", "core").label(TestEngine.LABEL, RUN).target("final")
                .network("default").extraHost("db:10.0.0.2").noCache().build();
        List<BuildEvent> events = new ArrayList<>();
        long t0 = System.nanoTime();
        String id = docker.images().buildWithProgress(spec, events::add);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("howdy\nfinal\n", runIn(tag, "cat /greeting /stage"));
        assertEquals(id, docker.images().inspect("berth-build-same:2-" + RUN).id());
        assertEquals("core", docker.images().inspect(tag).config().labels().get("team"));
        String output;
        if (buildKit) {
            assertTrue(only(events, BuildEvent.Output.class).isEmpty(), "BuildKit progress is decoded: " + events);
            assertEquals(Set.of(), dockerfileSteps(only(events, BuildEvent.StepCached.class)),
                    "no-cache runs every step, though earlier runs built the same ones");
            assertEquals(2, dockerfileSteps(events).size(), "the target's two RUN steps: " + events);
            output = only(events, BuildEvent.StepLog.class).stream().map(BuildEvent.StepLog::line)
                    .collect(Collectors.joining("\n"));
        } else {
            assertTrue(only(events, BuildEvent.StepStarted.class).isEmpty(), "the classic builder: " + events);
            output = only(events, BuildEvent.Output.class).stream().map(BuildEvent.Output::text)
                    .collect(Collectors.joining());
            assertTrue(output.contains("Step 1/"), output);  // the count ends at the target: Step 1/5
            assertFalse(output.contains("exit 9"), "the target leaves the unused stage: " + output);
        }
        assertTrue(output.contains("said-howdy"), output);

        BuildFailedException failed = assertThrows(BuildFailedException.class, () -> docker.images().build(
                BuildSpec.fromDockerfile("FROM " + TestEngine.image() + "\nRUN echo about-to-fail && exit 3\n")
                        .label(TestEngine.LABEL, RUN).noCache().build()));
        assertTrue(failed.step().contains("RUN echo about-to-fail && exit 3"), failed.step());
        System.out.printf("BuildKitIT on %s (%s): portable build %d ms%n", TestEngine.engine(),
                buildKit ? "BuildKit" : "classic", ms);
    }

    @Test
    void aRunningBuildKitBuildIsCanceledByIdAndTheCacheIsPruned() throws Exception {
        // prune with a filter that matches nothing of anyone's: the call works on every engine and takes nothing
        PruneResult none = docker.images().pruneBuildCache(BuildCachePruneOptions.all()
                .withFilters(Filters.of("id", "berth-none-" + RUN)).withKeepStorage(1L << 30));
        assertEquals(List.of(), none.deleted());
        assertEquals(0, none.spaceReclaimed());
        if (!buildKit) {
            // the classic builder's builds are not BuildKit jobs: cancel answers, and nothing else happens
            docker.images().cancelBuild("berth-" + RUN);
            return;
        }
        String buildId = "berth-cancel-" + RUN;
        BuildSpec slow = BuildSpec.fromDockerfile("FROM " + TestEngine.image() + "\nRUN echo sleeping-" + RUN
                + " && sleep 60\n").label(TestEngine.LABEL, RUN).buildId(buildId).build();
        CountDownLatch running = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            long t0 = System.nanoTime();
            Future<String> build = pool.submit(() -> docker.images().buildWithProgress(slow, e -> {
                if (e instanceof BuildEvent.StepLog l && l.line().equals("sleeping-" + RUN)) {
                    running.countDown();
                }
            }));
            assertTrue(running.await(60, TimeUnit.SECONDS), "the RUN step started");
            docker.images().cancelBuild(buildId);
            ExecutionException e = assertThrows(ExecutionException.class, () -> build.get(30, TimeUnit.SECONDS));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertInstanceOf(BuildFailedException.class, e.getCause());
            BuildFailedException failed = (BuildFailedException) e.getCause();
            assertTrue(failed.daemonMessage().contains("cancel"), failed.daemonMessage());
            assertTrue(ms < 30_000, "canceled, not run to its end: " + ms + " ms");
            System.out.printf("BuildKitIT on %s: build canceled after %d ms (%s)%n", TestEngine.engine(), ms,
                    failed.getMessage());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * {@code FROM} an image that only the test bed's htpasswd registry has: BuildKit (no session) builds after Berth
     * pulled it with the stored login; the classic builder gets the login in {@code X-Registry-Config}. Without the
     * login the build fails, naming the image.
     */
    @Test
    void aBaseImageOnlyInTheAuthenticatedRegistryBuilds(@TempDir Path config, @TempDir Path empty) {
        String registry = System.getenv("BERTH_TEST_REGISTRY");
        String base = registry + "/berth/private-base:" + RUN;
        CredentialStore store = new CredentialStore(config, Map.of());
        store.store(AuthConfig.ofPassword(System.getenv("BERTH_TEST_REGISTRY_USER"),
                System.getenv("BERTH_TEST_REGISTRY_PASSWORD"), registry));
        BuildSpec spec = BuildSpec.fromDockerfile("FROM " + base + "\nRUN echo private-" + RUN + " > /built\n")
                .label(TestEngine.LABEL, RUN).build();
        try (Docker d = Docker.builder().host(TestEngine.dockerHost()).credentials(store).build();
             Docker anonymous = Docker.builder().host(TestEngine.dockerHost())
                     .credentials(new CredentialStore(empty, Map.of())).build()) {
            d.images().tag(TestEngine.image(), base);
            d.images().push(base, e -> { });
            d.images().remove(base); // the image stays under its own name; this name is only in the registry now

            BuildFailedException refused = assertThrows(BuildFailedException.class,
                    () -> anonymous.images().build(spec));
            assertTrue(refused.getMessage().contains(base), refused.getMessage());

            List<BuildEvent> events = new ArrayList<>();
            String id = tagged(d.images().buildWithProgress(spec, events::add));
            IMAGES.add(base);
            assertEquals("private-" + RUN + "\n", runIn(id, "cat /built"));
            if (buildKit) {
                assertEquals(List.of(base), only(events, BuildEvent.BaseImagePulled.class).stream()
                        .map(BuildEvent.BaseImagePulled::image).toList(), "pulled first, with the login");
            }
        }
    }
}
