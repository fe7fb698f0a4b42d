package dev.berth.model;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a build reports as it runs, decoded from BuildKit's progress trace ({@code moby.buildkit.v1.StatusResponse}):
 * a step started, was taken from the cache, finished or failed, a line of a step's output, a warning. The classic
 * builder reports only {@link Output} text.
 *
 * <pre>{@code
 * docker.images().buildWithProgress(spec, event -> {
 *     if (event instanceof BuildEvent.StepFinished f) {
 *         System.out.println(f.step().name() + " took " + f.duration());
 *     } else if (event instanceof BuildEvent.StepLog l) {
 *         System.out.println("#" + l.step().number() + " " + l.line());
 *     }
 * });
 * }</pre>
 */
public sealed interface BuildEvent permits BuildEvent.StepStarted, BuildEvent.StepCached, BuildEvent.StepFinished,
        BuildEvent.StepFailed, BuildEvent.StepLog, BuildEvent.Warning, BuildEvent.Output,
        BuildEvent.BaseImagePulled {

    /**
     * A step began to run.
     *
     * @param step the step
     * @param started when BuildKit started it
     */
    record StepStarted(BuildStep step, Instant started) implements BuildEvent {
    }

    /**
     * A step was taken from the build cache: it does not run.
     *
     * @param step the step
     */
    record StepCached(BuildStep step) implements BuildEvent {
    }

    /**
     * A step finished.
     *
     * @param step the step
     * @param duration from its start to its end, as BuildKit timed them
     */
    record StepFinished(BuildStep step, Duration duration) implements BuildEvent {
    }

    /**
     * A step failed; the build fails with it.
     *
     * @param step the step
     * @param error BuildKit's message, such as {@code process "/bin/sh -c exit 3" did not complete successfully:
     *        exit code: 3}
     * @param duration from its start to its end
     */
    record StepFailed(BuildStep step, String error, Duration duration) implements BuildEvent {
    }

    /**
     * One line a step wrote (a {@code RUN} command's output, or BuildKit's own messages).
     *
     * @param step the step
     * @param source stdout or stderr
     * @param line the line, without its line end
     * @param sinceStart how long after the step's start it came
     */
    record StepLog(BuildStep step, LogLine.Source source, String line, Duration sinceStart) implements BuildEvent {
    }

    /**
     * A warning about the build, such as a Dockerfile lint finding.
     *
     * @param step the step it is about, or null when it concerns the whole build
     * @param message the warning
     * @param url where it is explained, or empty
     */
    record Warning(@Nullable BuildStep step, String message, String url) implements BuildEvent {
    }

    /**
     * Text of the classic builder's output ({@code Step 2/3 : RUN make}, a command's output), as it sent it.
     *
     * @param text the text, usually one or more whole lines with their line ends
     */
    record Output(String text) implements BuildEvent {
    }

    /**
     * Before a BuildKit build, Berth pulled an image the Dockerfile reads ({@code FROM}, {@code COPY --from},
     * {@code RUN --mount=from=}) with its own registry credentials: BuildKit without a client session uses only
     * images the daemon has.
     *
     * @param image the image as the Dockerfile names it
     * @param duration how long the pull took
     */
    record BaseImagePulled(String image, Duration duration) implements BuildEvent {
    }
}
