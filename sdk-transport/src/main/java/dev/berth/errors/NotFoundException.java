package dev.berth.errors;

/**
 * The container, image, network, volume or other object does not exist (HTTP 404).
 *
 * <pre>{@code
 * try { ... } catch (NotFoundException e) { log.warn(e.daemonMessage()); }
 * }</pre>
 */
public class NotFoundException extends DockerException {
    private static final long serialVersionUID = 1L;

    /**
     * @param daemonMessage what the daemon said
     * @param request the method and path that failed
     */
    public NotFoundException(String daemonMessage, String request) {
        super(404, daemonMessage, request, null);
    }
}
