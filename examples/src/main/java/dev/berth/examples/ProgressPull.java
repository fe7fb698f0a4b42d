package dev.berth.examples;

import dev.berth.AuthConfig;
import dev.berth.CommitOptions;
import dev.berth.Containers;
import dev.berth.Docker;
import dev.berth.ImageRemoveOptions;
import dev.berth.Images;
import dev.berth.PullOptions;
import dev.berth.PushOptions;
import dev.berth.RemoveOptions;
import dev.berth.WaitCondition;
import dev.berth.model.ContainerSpec;
import dev.berth.model.ProgressEvent;
import dev.berth.model.TransferProgress;
import dev.berth.errors.NotFoundException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@code docker push} and {@code docker pull} with a console progress bar: the progress events are folded by
 * {@link TransferProgress} into bytes over all layers, and drawn as one line updated in place with {@code \r} on a
 * terminal, or as a plain line at every quarter when the output is not a terminal (a log, a pipe, CI).
 *
 * <pre>{@code
 * mvn -q -pl examples exec:java -Dexec.mainClass=dev.berth.examples.ProgressPull -Dexec.args="IMAGE REGISTRY 8"
 * }</pre>
 *
 * Arguments: an image with busybox (default {@code BERTH_TEST_IMAGE}, else {@code busybox}), a registry (default
 * {@code BERTH_TEST_REGISTRY}, else {@code 127.0.0.1:5000}), how many MB of random data the pushed layer holds (default
 * 8). The registry credentials come from {@code BERTH_TEST_REGISTRY_USER} and {@code BERTH_TEST_REGISTRY_PASSWORD} and
 * are passed explicitly (nothing is stored). The image made carries {@code dev.berth.example=progress-pull} and is
 * removed at the end (the registry keeps its copy).
 */
public final class ProgressPull {
    private ProgressPull() {
    }

    /**
     * Runs the push and the pull.
     *
     * @param args an image, a registry, a size in MB (all optional)
     */
    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        String image = args.length > 0 ? args[0] : env.getOrDefault("BERTH_TEST_IMAGE", "busybox");
        String registry = args.length > 1 ? args[1] : env.getOrDefault("BERTH_TEST_REGISTRY", "127.0.0.1:5000");
        int megabytes = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        AuthConfig auth = AuthConfig.ofPassword(env.getOrDefault("BERTH_TEST_REGISTRY_USER", "berth"),
                env.getOrDefault("BERTH_TEST_REGISTRY_PASSWORD", ""), registry);
        boolean terminal = System.console() != null;
        String target = registry + "/berth-example/progress:" + UUID.randomUUID().toString().substring(0, 8);
        try (Docker docker = Docker.connect()) {
            Containers c = docker.containers();
            Images i = docker.images();
            try {
                // an image with a fresh layer of random bytes, so the registry has something to receive and send
                String box = c.create(ContainerSpec.builder(image).label("dev.berth.example", "progress-pull")
                        .cmd("dd", "if=/dev/urandom", "of=/payload", "bs=1M", "count=" + megabytes).build());
                c.start(box);
                c.waitFor(box, WaitCondition.NOT_RUNNING);
                i.commit(box, CommitOptions.of(target).withMessage("random payload").withAuthor("Berth examples")
                        .withoutPause());
                c.remove(box, RemoveOptions.force());
                System.out.println("made " + target + " with a " + megabytes + " MB layer");

                Bar up = new Bar("push", terminal);
                i.push(target, PushOptions.defaults().withAuth(auth), up);
                up.finish();
                i.remove(target);                                // so the pull has to fetch it
                Bar down = new Bar("pull", terminal);
                i.pull(target, PullOptions.defaults().withAuth(auth), down);
                down.finish();
            } finally {
                try {
                    i.remove(target, ImageRemoveOptions.force());
                } catch (NotFoundException e) {
                    // not made, or not pulled back
                }
            }
        }
    }

    /** Draws a {@link TransferProgress} as a bar: in place on a terminal, else a line per quarter. */
    private static final class Bar implements Consumer<ProgressEvent> {
        private static final int WIDTH = 30;
        private final TransferProgress progress = new TransferProgress();
        private final String verb;
        private final boolean terminal;
        private long lastDrawn;
        private int quartersShown = -1;

        Bar(String verb, boolean terminal) {
            this.verb = verb;
            this.terminal = terminal;
        }

        @Override
        public void accept(ProgressEvent event) {
            progress.accept(event);
            if (terminal && System.nanoTime() - lastDrawn > 100_000_000L) {        // at most 10 redraws a second
                System.out.print("\r" + line());
                System.out.flush();
                lastDrawn = System.nanoTime();
            } else if (!terminal && progress.totalBytes() > 0 && quarters() > quartersShown && quarters() < 4) {
                System.out.println(line());                                      // 0, 25, 50, 75 %; 100 % at the end
                quartersShown = quarters();
            }
        }

        /** Draws the final state (every layer done) and the daemon's last status. */
        void finish() {
            System.out.println(terminal ? "\r" + line() : line());
            System.out.println(verb + " done: " + progress.phase().trim());
        }

        private int quarters() {
            return (int) (progress.fraction() * 4);
        }

        private String line() {
            int filled = (int) Math.round(progress.fraction() * WIDTH);
            long total = progress.totalBytes();
            long current = Math.min(progress.currentBytes(), total);    // the daemon counts tar headers too
            long layers = progress.layers().values().stream().filter(l -> l.total() > 0).count();
            return String.format(Locale.ROOT, "%s [%s%s] %3d%%  %s / %s  %d layer(s) with data", verb,
                    "#".repeat(filled), "-".repeat(WIDTH - filled), Math.round(progress.fraction() * 100), mb(current),
                    mb(total), layers);
        }

        private static String mb(long bytes) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
    }
}
