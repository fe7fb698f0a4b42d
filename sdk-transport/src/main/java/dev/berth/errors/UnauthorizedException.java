package dev.berth.errors;

/**
 * The daemon or the registry behind it refused the credentials (HTTP 401).
 *
 * <pre>{@code
 * try { ... } catch (UnauthorizedException e) { log.warn(e.daemonMessage()); }
 * }</pre>
 */
public class UnauthorizedException extends DockerException {
    private static final long serialVersionUID = 1L;

    /**
     * @param daemonMessage what the daemon said
     * @param request the method and path that failed
     */
    public UnauthorizedException(String daemonMessage, String request) {
        super(401, daemonMessage, request, null);
    }
}
