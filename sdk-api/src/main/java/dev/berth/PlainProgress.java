package dev.berth;

import dev.berth.model.BuildEvent;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Renders build events as {@code docker build --progress=plain} prints them, one line at a time (each ending in
 * {@code \n}): {@code #5 [2/3] RUN make}, {@code #5 0.215 compiling}, {@code #5 DONE 1.3s}, {@code #3 CACHED},
 * {@code #6 ERROR: process "/bin/sh -c make" did not complete successfully: exit code: 2}. The classic builder's
 * output passes through as it came.
 *
 * <pre>{@code
 * docker.images().buildWithProgress(spec, PlainProgress.to(System.out::print));
 * }</pre>
 */
public final class PlainProgress implements Consumer<BuildEvent> {
    private final Consumer<String> out;

    private PlainProgress(Consumer<String> out) {
        this.out = out;
    }

    /**
     * A renderer handing each line (with its {@code \n}) to {@code out}.
     *
     * @param out takes each line, such as {@code System.out::print}
     * @return the renderer
     * @throws NullPointerException when {@code out} is null
     */
    public static PlainProgress to(Consumer<String> out) {
        return new PlainProgress(Objects.requireNonNull(out));
    }

    /** Renders one event. */
    @Override
    public void accept(BuildEvent event) {
        if (event instanceof BuildEvent.StepStarted e) {
            out.accept(e.step() + "\n");
        } else if (event instanceof BuildEvent.StepCached e) {
            out.accept(e.step() + "\n");
            out.accept("#" + e.step().number() + " CACHED\n");
        } else if (event instanceof BuildEvent.StepLog e) {
            out.accept("#" + e.step().number() + " " + seconds(e.sinceStart().toMillis(), 3) + " " + e.line() + "\n");
        } else if (event instanceof BuildEvent.StepFinished e) {
            out.accept("#" + e.step().number() + " DONE " + seconds(e.duration().toMillis(), 1) + "s\n");
        } else if (event instanceof BuildEvent.StepFailed e) {
            out.accept("#" + e.step().number() + " ERROR: " + e.error() + "\n");
        } else if (event instanceof BuildEvent.Warning e) {
            out.accept((e.step() == null ? "" : "#" + e.step().number() + " ") + "WARNING: " + e.message()
                    + (e.url().isEmpty() ? "" : " (" + e.url() + ")") + "\n");
        } else if (event instanceof BuildEvent.Output e) {
            out.accept(e.text());
        } else if (event instanceof BuildEvent.BaseImagePulled e) {
            out.accept("#0 pulled " + e.image() + " " + seconds(e.duration().toMillis(), 1) + "s\n");
        }
    }

    private static String seconds(long millis, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", millis / 1000.0);
    }
}
