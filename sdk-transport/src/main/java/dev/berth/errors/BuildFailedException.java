package dev.berth.errors;


/**
 * A build step failed: the daemon reported an error inside the build's output stream. Carries the step (as the
 * classic builder prints it, {@code Step 3/5 : RUN make}) and the daemon's message.
 *
 * <pre>{@code
 * try { docker.images().build(spec); }
 * catch (BuildFailedException e) { System.err.println(e.step() + ": " + e.daemonMessage()); }
 * }</pre>
 */
public class BuildFailedException extends StreamException {
    private static final long serialVersionUID = 1L;

    private final String step;

    /**
     * @param step the failing step, or empty when the build failed before any step
     * @param message the daemon's message
     * @param request the build request's method and path
     */
    public BuildFailedException(String step, String message, String request) {
        super((step.isEmpty() ? "" : step + ": ") + message, request);
        this.step = step;
    }

    /** The failing step, such as {@code Step 3/5 : RUN make}; empty when unknown. */
    public String step() {
        return step;
    }
}
