package dev.berth.errors;

/**
 * The daemon forbids the operation (HTTP 403), for example writing to a read-only path.
 *
 * <pre>{@code
 * try { ... } catch (ForbiddenException e) { log.warn(e.daemonMessage()); }
 * }</pre>
 */
public class ForbiddenException extends DockerException {
    private static final long serialVersionUID = 1L;

    /**
     * @param daemonMessage what the daemon said
     * @param request the method and path that failed
     */
    public ForbiddenException(String daemonMessage, String request) {
        super(403, daemonMessage, request, null);
    }
}
