package dev.berth.errors;

/**
 * The daemon failed while handling the request (HTTP 500).
 *
 * <pre>{@code
 * try { ... } catch (ServerErrorException e) { log.warn(e.daemonMessage()); }
 * }</pre>
 */
public class ServerErrorException extends DockerException {
    private static final long serialVersionUID = 1L;

    /**
     * @param daemonMessage what the daemon said
     * @param request the method and path that failed
     */
    public ServerErrorException(String daemonMessage, String request) {
        super(500, daemonMessage, request, null);
    }
}
