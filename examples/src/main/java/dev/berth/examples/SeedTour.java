package dev.berth.examples;

import dev.berth.AuthConfig;
import dev.berth.CommitOptions;
import dev.berth.Containers;
import dev.berth.Docker;
import dev.berth.ImageRemoveOptions;
import dev.berth.Images;
import dev.berth.ImportOptions;
import dev.berth.RemoveOptions;
import dev.berth.StopOptions;
import dev.berth.VolumeRemoveOptions;
import dev.berth.model.ContainerDetails;
import dev.berth.model.ContainerSpec;
import dev.berth.model.ImageRemoval;
import dev.berth.model.LogLine;
import dev.berth.model.TransferProgress;
import dev.berth.model.VolumeSpec;
import dev.berth.errors.DockerException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The tour of the everyday {@code docker} commands, one line per step: {@code export} a busybox container and
 * {@code import} its root filesystem as a new base image, {@code run} it with a published port and a named volume,
 * {@code logs}, {@code exec}, {@code stop}, {@code restart}, {@code commit}, {@code tag}, {@code login} and
 * {@code push} to a registry, {@code rmi}, {@code pull} it back, {@code export} and {@code import} again, clean up.
 *
 * <pre>{@code
 * mvn -q -pl examples exec:java -Dexec.mainClass=dev.berth.examples.SeedTour -Dexec.args="IMAGE REGISTRY"
 * }</pre>
 *
 * The image (argument, else {@code BERTH_TEST_IMAGE}, else {@code busybox}) needs busybox; the registry (argument, else
 * {@code BERTH_TEST_REGISTRY}, else {@code 127.0.0.1:5000}) takes {@code BERTH_TEST_REGISTRY_USER} and
 * {@code BERTH_TEST_REGISTRY_PASSWORD}. The login is stored as {@code docker login} stores it
 * ({@code $DOCKER_CONFIG}, else {@code ~/.docker}) and removed again at the end. Everything made is labelled
 * {@code dev.berth.example=seed-tour}.
 */
public final class SeedTour {
    private static final String LABEL = "dev.berth.example";

    private SeedTour() {
    }

    /**
     * Runs the tour.
     *
     * @param args an image with busybox in it, a registry {@code host:port} (both optional)
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        String image = args.length > 0 ? args[0] : env.getOrDefault("BERTH_TEST_IMAGE", "busybox");
        String registry = args.length > 1 ? args[1] : env.getOrDefault("BERTH_TEST_REGISTRY", "127.0.0.1:5000");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String base = "berth-example/seed-tour:base-" + run;
        String committed = "berth-example/seed-tour:committed-" + run;
        String pushed = registry + "/berth-example/seed-tour:" + run;
        String again = "berth-example/seed-tour:reimported-" + run;
        String volume = "seed-tour-data-" + run;
        List<String> containers = new ArrayList<>();
        Path tar = Files.createTempFile("seed-tour-", ".tar");
        try (Docker docker = Docker.connect()) {
            Containers c = docker.containers();
            Images i = docker.images();
            try {
                String source = c.create(ContainerSpec.builder(image).label(LABEL, "seed-tour").build());
                containers.add(source);
                c.export(source, tar);                                   // docker export -o rootfs.tar, then import
                String baseId = i.importTar(tar, ImportOptions.of(base).withChanges("CMD [\"sh\"]", "ENV PATH=/bin",
                        "LABEL " + LABEL + "=seed-tour").withMessage("rootfs of " + image));
                step("import", base + " from a " + mb(Files.size(tar)) + " rootfs tar of " + image + " -> " + baseId);
                docker.volumes().create(VolumeSpec.named(volume).label(LABEL, "seed-tour"));
                ContainerDetails web = c.run(ContainerSpec.builder(base).name("seed-tour-web-" + run)
                        .label(LABEL, "seed-tour").init()                // --init: SIGTERM stops httpd at once
                        .publish("127.0.0.1::80").namedVolume(volume, "/data")
                        .cmd("sh", "-c", "mkdir -p /www && echo seed-tour > /www/index.html && date >> /data/boot.log"
                                + " && echo web up && exec httpd -f -p 80 -h /www").build());
                String id = web.id();
                containers.add(id);
                int port = web.hostPort(80).orElseThrow();
                step("run", web.shortName() + " on 127.0.0.1:" + port + " with volume " + volume + ", GET / -> "
                        + get(port));
                try (Stream<LogLine> lines = c.logs(id).lines()) {
                    step("logs", lines.findFirst().map(LogLine::text).orElse("(none)"));
                }
                step("exec", "wc -l /data/boot.log -> " + c.exec(id, "wc", "-l", "/data/boot.log").stdout().trim());
                boolean stopped = c.stop(id, StopOptions.defaults().withTimeout(Duration.ofSeconds(5)));
                step("stop", "stopped=" + stopped + ", status " + c.inspect(id).state().status());
                c.restart(id, StopOptions.defaults().withTimeout(Duration.ofSeconds(5)));
                step("restart", "status " + c.inspect(id).state().status() + ", the volume kept the first boot: "
                        + c.exec(id, "wc", "-l", "/data/boot.log").stdout().trim());
                step("commit", committed + " -> " + i.commit(id, CommitOptions.of(committed)
                        .withMessage("the seed tour's web server").withAuthor("Berth examples")
                        .withChanges("CMD [\"httpd\", \"-f\", \"-p\", \"80\", \"-h\", \"/www\"]")));
                i.tag(committed, pushed);
                step("tag", committed + " as " + pushed);
                docker.registries().login(AuthConfig.ofPassword(env.getOrDefault("BERTH_TEST_REGISTRY_USER", "berth"),
                        env.getOrDefault("BERTH_TEST_REGISTRY_PASSWORD", ""), registry));
                step("login", registry + " (stored as docker login stores it)");
                TransferProgress up = new TransferProgress();
                i.push(pushed, up);
                step("push", pushed + ": " + up.layers().size() + " layers, " + mb(up.totalBytes()) + " uploaded");
                List<ImageRemoval> removed = new ArrayList<>(i.remove(pushed));
                removed.addAll(i.remove(committed));
                step("rmi", removed.size() + " lines, first " + removed.get(0) + "; exists: " + i.exists(pushed));
                TransferProgress down = new TransferProgress();
                i.pull(pushed, down);
                step("pull", pushed + " back (" + down.phase() + "); exists: " + i.exists(pushed));
                c.export(id, tar);
                step("export", web.shortName() + " -> " + mb(Files.size(tar)) + " tar");
                i.importTar(tar, ImportOptions.of(again).withChanges("ENV PATH=/bin")
                        .withMessage("re-imported by the seed tour"));
                String page = c.runAndWait(ContainerSpec.builder(again).autoRemove().label(LABEL, "seed-tour")
                        .cmd("cat", "/www/index.html").build()).stdout().trim();
                step("import", again + ", its /www/index.html says " + page);
            } finally {
                containers.forEach(id -> quietly(() -> c.remove(id, RemoveOptions.force().withVolumes())));
                quietly(() -> docker.volumes().remove(volume, VolumeRemoveOptions.force()));
                List.of(base, committed, pushed, again)
                        .forEach(name -> quietly(() -> i.remove(name, ImageRemoveOptions.force())));
                docker.registries().logout(registry);
                Files.deleteIfExists(tar);
                System.out.println("cleanup done");
            }
        }
    }

    private static void step(String name, String what) {
        System.out.printf("%-8s %s%n", name, what);
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (DockerException e) {
            // already gone
        }
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }

    /** GET / through the published port, retried while httpd starts. */
    private static String get(int port) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try (InputStream in = URI.create("http://127.0.0.1:" + port + "/").toURL().openStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                if (attempt == 50) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
