package dev.berth.errors;

import java.util.List;

/**
 * A build failed: the daemon reported an error inside the build's output stream. Carries the failing step as the
 * builder names it ({@code [2/3] RUN make} with BuildKit, {@code Step 3/5 : RUN make} with the classic builder),
 * the daemon's message and, with BuildKit, the step's last lines of output.
 *
 * <pre>{@code
 * try { docker.images().build(spec); }
 * catch (BuildFailedException e) {
 *     System.err.println(e.step() + ": " + e.daemonMessage());
 *     e.log().forEach(System.err::println);
 * }
 * }</pre>
 */
public class BuildFailedException extends StreamException {
    private static final long serialVersionUID = 1L;

    /** The failing step as the builder names it; empty when unknown. */
    private final String step;
    /** The failing step's last lines of output, oldest first; empty with the classic builder. */
    private final List<String> log;

    /**
     * @param step the failing step, or empty when the build failed before any step
     * @param message the daemon's message
     * @param request the build request's method and path
     */
    public BuildFailedException(String step, String message, String request) {
        this(step, message, List.of(), request);
    }

    /**
     * @param step the failing step, or empty when the build failed before any step
     * @param message the daemon's message
     * @param log the step's last lines of output, oldest first (may be empty)
     * @param request the build request's method and path
     */
    public BuildFailedException(String step, String message, List<String> log, String request) {
        super((step.isEmpty() ? "" : step + ": ") + message, request);
        this.step = step;
        this.log = List.copyOf(log);
    }

    /** {@return the failing step, such as {@code [2/3] RUN make} or {@code Step 3/5 : RUN make}; empty when unknown} */
    public String step() {
        return step;
    }

    /**
     * The failing step's last lines of output (up to 20), oldest first; empty with the classic builder, whose
     * output went to the build's output consumer as it came.
     *
     * @return the lines, oldest first; an unmodifiable list
     */
    public List<String> log() {
        return log;
    }
}
