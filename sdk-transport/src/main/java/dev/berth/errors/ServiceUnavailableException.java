package dev.berth.errors;

/**
 * The daemon cannot serve the request now (HTTP 503), for example a Swarm call on a node that is not a manager.
 *
 * <pre>{@code
 * try { ... } catch (ServiceUnavailableException e) { log.warn(e.daemonMessage()); }
 * }</pre>
 */
public class ServiceUnavailableException extends DockerException {
    private static final long serialVersionUID = 1L;

    /**
     * @param daemonMessage what the daemon said
     * @param request the method and path that failed
     */
    public ServiceUnavailableException(String daemonMessage, String request) {
        super(503, daemonMessage, request, null);
    }
}
