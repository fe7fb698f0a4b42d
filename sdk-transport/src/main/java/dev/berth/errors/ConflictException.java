package dev.berth.errors;

/**
 * The operation conflicts with the object's state (HTTP 409): a name in use, a running container, an image in use.
 *
 * <pre>{@code
 * try { ... } catch (ConflictException e) { log.warn(e.daemonMessage()); }
 * }</pre>
 */
public class ConflictException extends DockerException {
    private static final long serialVersionUID = 1L;

    /**
     * @param daemonMessage what the daemon said
     * @param request the method and path that failed
     */
    public ConflictException(String daemonMessage, String request) {
        super(409, daemonMessage, request, null);
    }
}
