package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.berth.errors.BuildFailedException;
import dev.berth.errors.NotFoundException;
import dev.berth.errors.StreamException;
import dev.berth.errors.UnauthorizedException;
import dev.berth.model.ContainerSpec;
import dev.berth.model.DistributionInspect;
import dev.berth.model.ImageDetails;
import dev.berth.model.ImageHistoryItem;
import dev.berth.model.ImageRemoval;
import dev.berth.model.PathStat;
import dev.berth.model.ProcessResult;
import dev.berth.model.ProgressEvent;
import dev.berth.model.TransferProgress;
import dev.berth.transport.DockerEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images, registries, builds and copies against the real engine and the local registry with htpasswd. */
class ImagesIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static Docker docker;
    private static final List<String> IMAGES = new ArrayList<>();

    @TempDir
    Path temp;

    @BeforeAll
    static void connect() {
        docker = TestEngine.docker();
    }

    @AfterAll
    static void cleanUp() {
        TestEngine.removeTestContainers(docker.transport());
        for (String image : IMAGES) {
            try {
                docker.images().remove(image, ImageRemoveOptions.force());
            } catch (NotFoundException e) {
                // already gone
            }
        }
        docker.close();
    }

    private static String registry() {
        String r = System.getenv("BERTH_TEST_REGISTRY");
        if (r == null || r.isEmpty()) {
            throw new IllegalStateException("BERTH_TEST_REGISTRY is not set: run through scripts/test.sh");
        }
        return r;
    }

    private static String password() {
        return System.getenv("BERTH_TEST_REGISTRY_PASSWORD");
    }

    private static String user() {
        return System.getenv("BERTH_TEST_REGISTRY_USER");
    }

    /** A client whose config folder (and PATH, for credential helpers) the test controls. */
    private Docker clientWithConfig(Path configDir, String extraPath) {
        Map<String, String> env = new HashMap<>();
        env.put("DOCKER_HOST", TestEngine.dockerHost());
        env.put("DOCKER_CONFIG", configDir.toString());
        env.put("PATH", (extraPath == null ? "" : extraPath + ":") + System.getenv("PATH"));
        return Docker.builder().environment(new DockerEnvironment(env, temp)).build();
    }

    private static String tagged(String name) {
        IMAGES.add(name);
        return name;
    }

    @Test
    void loginPushRmiPullWithConfigJsonCredentials() throws IOException {
        Path config = Files.createDirectories(temp.resolve("config"));
        try (Docker d = clientWithConfig(config, null)) {
            UnauthorizedException wrong = assertThrows(UnauthorizedException.class,
                    () -> d.registries().login(AuthConfig.ofPassword(user(), "wrong-password", registry())));
            assertFalse(wrong.getMessage().contains("wrong-password"), "the password never shows");

            String image = tagged(registry() + "/berth/pushed:" + RUN);
            d.images().tag(TestEngine.image(), image);
            StreamException anonymous = assertThrows(StreamException.class, () -> d.images().push(image, e -> { }));
            assertTrue(anonymous.daemonMessage().toLowerCase().contains("auth"), anonymous.daemonMessage());

            d.registries().login(AuthConfig.ofPassword(user(), password(), registry()));
            String saved = Files.readString(config.resolve("config.json"));
            assertTrue(saved.contains(registry()), saved);
            assertFalse(saved.contains(password()), "stored base64-encoded, as docker login does");

            TransferProgress pushed = new TransferProgress();
            d.images().push(image, pushed);
            // Podman 4.3's push stream has no per-layer lines, only "The push refers to ..." and "TAG: digest: ..."
            assertTrue(TestEngine.isPodman() || pushed.layers().size() >= 1, pushed.toString());

            List<ImageRemoval> removed = d.images().remove(image);
            assertTrue(removed.stream().anyMatch(r -> image.equals(r.untagged())), removed.toString());
            assertFalse(d.images().exists(image));
        }
        try (Docker d = clientWithConfig(config, null)) {
            String image = registry() + "/berth/pushed:" + RUN;
            List<ProgressEvent> events = new ArrayList<>();
            d.images().pull(image, events::add);
            assertTrue(d.images().exists(image));
            // Podman 4.3's pull stream has per-layer lines only ("Already exists", "Download complete")
            assertTrue(events.stream().anyMatch(e -> e.status() != null && e.status().startsWith("Digest:")
                    || e.status() != null && e.status().contains("up to date")
                    || e.status() != null && e.status().contains("Downloaded newer image")
                    || TestEngine.isPodman() && ("Download complete".equals(e.status())
                            || "Already exists".equals(e.status()))), events.toString());
            d.registries().logout(registry());
            assertFalse(Files.readString(config.resolve("config.json")).contains(registry() + "\":{\"auth"));
        }
    }

    @Test
    void pushAndPullWithProgressBytesThroughACredentialHelper() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path helper = bin.resolve("docker-credential-berthtest");
        Files.writeString(helper, "#!/bin/sh\n"
                + "case \"$1\" in\n"
                + "  get) read url; printf '{\"ServerURL\":\"%s\",\"Username\":\"" + user() + "\",\"Secret\":\""
                + password() + "\"}' \"$url\" ;;\n"
                + "  list) printf '{\"" + registry() + "\":\"" + user() + "\"}' ;;\n"
                + "  *) cat >/dev/null ;;\n"
                + "esac\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path config = Files.createDirectories(temp.resolve("helper-config"));
        Files.writeString(config.resolve("config.json"), "{\"credHelpers\":{\"" + registry() + "\":\"berthtest\"}}");

        try (Docker d = clientWithConfig(config, bin.toString())) {
            // an image with a fresh 2 MiB layer, so the registry has bytes to receive and send
            String base = d.containers().create(ContainerSpec.builder(TestEngine.image()).label(TestEngine.LABEL, RUN)
                    .cmd("dd", "if=/dev/urandom", "of=/payload", "bs=1M", "count=2").build());
            d.containers().start(base);
            d.containers().waitFor(base, WaitCondition.NOT_RUNNING);
            String image = tagged(registry() + "/berth/helper:" + RUN);
            d.images().commit(base, CommitOptions.of(image).withMessage("payload").withAuthor("berth-test"));

            TransferProgress up = new TransferProgress();
            d.images().push(image, up);
            if (TestEngine.isPodman()) {
                // Podman 4.3: no byte counts in push or pull streams (push has no per-layer lines, pull's
                // progressDetail is always {}), and no GET /distribution/{name}/json (404); the helper's
                // credentials still carry the push and the pull.
                assertThrows(NotFoundException.class, () -> d.images().distribution(image));
                d.images().remove(image);
                d.images().pull(image, new TransferProgress());
                assertTrue(d.images().exists(image));
                return;
            }
            boolean containerdStore = d.system().info().containerdImageStore();
            if (containerdStore) {
                // containerd's store samples push progress too: a fast push may carry no "Pushing" line at all,
                // so only the layer states are certain: the new layer pushed, the base one pushed or mounted
                assertTrue(up.layers().values().stream().allMatch(TransferProgress.Layer::done), up.toString());
                assertTrue(up.layers().values().stream().anyMatch(l -> l.phase().equals("Pushed")), up.layers()
                        .toString());
            } else {
                assertTrue(up.totalBytes() > 1_000_000, "push byte counts: " + up);
            }
            assertEquals(1.0, up.fraction(), 0.0001);
            DistributionInspect distribution = d.images().distribution(image);
            assertTrue(distribution.descriptor().digest().startsWith("sha256:"), distribution.toString());
            // the containerd store answers a single-platform manifest without its platform (it does not fetch the
            // image config for it); the graph-driver store reads the platform from the config
            assertEquals(containerdStore, distribution.platforms().isEmpty(), distribution.toString());
            d.images().remove(image);

            TransferProgress down = new TransferProgress();
            d.images().pull(image, down);
            if (containerdStore) {
                // containerd's store samples progress every 100 ms and marks its lines "hidecounts": a 2 MiB pull
                // over loopback ends before the first sample, so it has no byte counts, only layer states
                assertTrue(down.layers().values().stream().allMatch(TransferProgress.Layer::done), down.toString());
                assertTrue(down.layers().size() >= 1, "pull layers: " + down);
            } else {
                assertTrue(down.totalBytes() > 1_000_000, "pull byte counts: " + down);
            }
            assertEquals(1.0, down.fraction(), 0.0001);
        }
    }

    @Test
    void buildHonoursDockerignoreAndReportsAFailingStep() throws IOException {
        Path ctx = Files.createDirectories(temp.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM " + TestEngine.image() + "\nCOPY . /ctx/\n"
                + "LABEL " + TestEngine.LABEL + "=" + RUN + "\n");
        Files.writeString(ctx.resolve(".dockerignore"), "# big stuff stays home\nbig\n!big/keep.txt\n*.log\n");
        Files.writeString(ctx.resolve("app.txt"), "app");
        Files.writeString(ctx.resolve("debug.log"), "noise");
        Path big = Files.createDirectories(ctx.resolve("big/deep"));
        byte[] junk = new byte[1 << 20];
        for (int i = 0; i < 20; i++) {
            Files.write(big.resolve("blob" + i), junk);
        }
        Files.writeString(ctx.resolve("big/keep.txt"), "kept");

        List<String> output = new ArrayList<>();
        // the classic builder's output, asked for on every engine (BuildKitIT builds the same way with BuildKit)
        String id = docker.images().build(BuildSpec.fromDirectory(ctx).tag(tagged("berth-built:" + RUN)).classic()
                        .build(),
                output::add);
        assertTrue(id.startsWith("sha256:"), id);
        // Podman builds with buildah, which prints "STEP 2/3: COPY ..." where the classic builder prints "Step 2/3 : COPY"
        assertTrue(String.join("", output).contains(TestEngine.isPodman() ? "STEP 2/3: " : "Step 2/3"),
                output.toString());
        ProcessResult files = docker.containers().runAndWait(ContainerSpec.builder("berth-built:" + RUN)
                .label(TestEngine.LABEL, RUN).cmd("sh", "-c", "cd /ctx && find . -type f | sort").build());
        assertEquals("./.dockerignore\n./Dockerfile\n./app.txt\n./big/keep.txt\n", files.stdout());

        BuildFailedException failed = assertThrows(BuildFailedException.class, () -> docker.images().build(
                BuildSpec.fromDockerfile("FROM " + TestEngine.image() + "\nRUN echo fine\nRUN exit 3\n").classic()
                        .build()));
        if (TestEngine.isPodman()) {
            // buildah's error names the step itself: building at STEP "RUN exit 3": ... exit status 3. Its
            // "STEP n/m:" lines are not what BuildFailedException.step() looks for ("Step n/m :"), so step() is "".
            assertTrue(failed.daemonMessage().contains("STEP \"RUN exit 3\"")
                    && failed.daemonMessage().contains("exit status 3"), failed.daemonMessage());
        } else {
            assertTrue(failed.step().contains("RUN exit 3"), failed.step());
            assertTrue(failed.daemonMessage().contains("non-zero code: 3"), failed.daemonMessage());
        }
    }

    @Test
    void commitKeepsTheChangeWithMessageAndAuthorThenTagAndRmi() {
        String c = docker.containers().run(ContainerSpec.builder(TestEngine.image()).label(TestEngine.LABEL, RUN)
                .cmd("sleep", "60").build()).id();
        docker.containers().exec(c, "sh", "-c", "echo committed > /marker");
        String repo = tagged("berth-commit:" + RUN);
        String committed = docker.images().commit(c, CommitOptions.of(repo).withMessage("add marker")
                .withAuthor("Berth Test <t@example.org>").withChanges("ENV COMMITTED=1"));
        // Podman's POST /commit answers {"Id": "<hex>"}, without the "sha256:" its inspect and list have
        String id = TestEngine.isPodman() && !committed.startsWith("sha256:") ? "sha256:" + committed : committed;
        ImageDetails img = docker.images().inspect(repo);
        assertEquals(id, img.id());
        assertEquals("Berth Test <t@example.org>", img.author());
        assertEquals("add marker", img.comment());
        List<ImageHistoryItem> history = docker.images().history(repo);
        // Podman's history gives the committed layer buildah's comment "FROM <base image>"; the message is the image's
        assertTrue(TestEngine.isPodman() ? history.get(0).comment().startsWith("FROM ")
                : "add marker".equals(history.get(0).comment()), history.get(0).toString());
        assertTrue(img.rootFs().layers().size() >= 2, "a layer on top of the base: " + img.rootFs().layers());
        ProcessResult r = docker.containers().runAndWait(ContainerSpec.builder(repo).label(TestEngine.LABEL, RUN)
                .cmd("sh", "-c", "cat /marker; echo $COMMITTED").build());
        assertEquals("committed\n1\n", r.stdout());

        String second = tagged("berth-commit-alias:" + RUN);
        docker.images().tag(repo, second);
        assertEquals(id, docker.images().inspect(second).id());
        List<ImageRemoval> untag = docker.images().remove(second);
        // Podman names what it untagged in full: docker.io/library/NAME:TAG
        String untagged = TestEngine.isPodman() ? "docker.io/library/" + second : second;
        assertEquals(List.of(new ImageRemoval(untagged, null)), untag, "only the name goes while another remains");
        assertTrue(docker.images().exists(repo));
        assertThrows(NotFoundException.class, () -> docker.images().inspect("berth-never-built:" + RUN));
    }

    @Test
    void exportImportAndSaveLoadRoundTrips() throws IOException {
        String c = docker.containers().create(ContainerSpec.builder(TestEngine.image()).label(TestEngine.LABEL, RUN)
                .cmd("true").build());
        Path exported = temp.resolve("fs.tar");
        docker.containers().export(c, exported);
        String imported = docker.images().importTar(exported, ImportOptions.of(tagged("berth-imported:" + RUN))
                .withChanges("CMD [\"sh\"]", "ENV PATH=/bin").withMessage("round trip"));
        assertTrue(imported.startsWith("sha256:"), imported);
        // the same client lists images right after the import (Podman 4.3 once answered Berth's list with nothing)
        assertTrue(docker.images().list().stream().anyMatch(i -> i.id().equals(imported)),
                "the imported image is listed");
        assertEquals("ok\n", docker.containers().runAndWait(ContainerSpec.builder("berth-imported:" + RUN)
                .label(TestEngine.LABEL, RUN).cmd("echo", "ok").build()).stdout());

        Path saved = temp.resolve("saved.tar");
        docker.images().save(saved, "berth-imported:" + RUN);
        docker.images().remove("berth-imported:" + RUN, ImageRemoveOptions.force());
        assertFalse(docker.images().exists("berth-imported:" + RUN));
        List<String> loaded = docker.images().load(saved);
        // Podman names what it loads with its full name: docker.io/library/NAME:TAG
        assertEquals(List.of((TestEngine.isPodman() ? "docker.io/library/" : "") + "berth-imported:" + RUN), loaded);
        assertEquals(imported, docker.images().inspect("berth-imported:" + RUN).id());

        // Docker reports a bad tar inside the stream; Podman 4.3 answers HTTP 500: both are typed errors
        Class<? extends dev.berth.errors.DockerException> expected = TestEngine.isPodman()
                ? dev.berth.errors.ServerErrorException.class : StreamException.class;
        dev.berth.errors.DockerException bad = assertThrows(expected,
                () -> docker.images().load(new java.io.ByteArrayInputStream("not a tar".getBytes())));
        assertFalse(bad.daemonMessage().isEmpty());
    }

    @Test
    void copyA100MegabyteFileInAndOut() throws Exception {
        String c = docker.containers().run(ContainerSpec.builder(TestEngine.image()).label(TestEngine.LABEL, RUN)
                .cmd("sleep", "60").build()).id();
        Path in = temp.resolve("big.bin");
        Random random = new Random(42);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(in)) {
            for (int i = 0; i < 100; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        docker.files().copyIn(in, c, "/tmp");
        PathStat stat = docker.files().stat(c, "/tmp/big.bin");
        assertEquals(100L << 20, stat.size());
        assertFalse(stat.isDirectory());
        Path back = Files.createDirectories(temp.resolve("back"));
        docker.files().copyOut(c, "/tmp/big.bin", back);
        assertEquals(sha256(in), sha256(back.resolve("big.bin")));

        NotFoundException missing = assertThrows(NotFoundException.class,
                () -> docker.files().stat(c, "/no/such/path"));
        assertTrue(missing.getMessage().contains("/no/such/path"), missing.getMessage());
    }

    private static String sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
