package dev.berth.errors;

/**
 * The daemon rejected the request as malformed or invalid (HTTP 400).
 *
 * <pre>{@code
 * try { ... } catch (BadRequestException e) { log.warn(e.daemonMessage()); }
 * }</pre>
 */
public class BadRequestException extends DockerException {
    private static final long serialVersionUID = 1L;

    /**
     * @param daemonMessage what the daemon said
     * @param request the method and path that failed
     */
    public BadRequestException(String daemonMessage, String request) {
        super(400, daemonMessage, request, null);
    }
}
