package dev.berth.errors;

import org.jspecify.annotations.Nullable;

/**
 * No answer from the daemon: no socket at the path, connection refused, a TLS handshake that failed, a timeout.
 * The message names the endpoint and, where Berth looked in several places, everything it tried.
 *
 * <pre>{@code
 * try {
 *     docker.system().ping();
 * } catch (DaemonUnreachableException e) {
 *     System.err.println(e.getMessage()); // "Cannot reach the Docker daemon at unix:///var/run/docker.sock: ..."
 * }
 * }</pre>
 */
public class DaemonUnreachableException extends DockerException {
    private static final long serialVersionUID = 1L;

    /** The daemon address that was tried, such as {@code unix:///var/run/docker.sock}. */
    private final String endpoint;

    /**
     * @param endpoint the daemon address that was tried, such as {@code unix:///var/run/docker.sock}
     * @param detail what went wrong, in words
     * @param request the method and path, or null
     * @param cause the underlying failure
     */
    public DaemonUnreachableException(String endpoint, String detail, @Nullable String request, Throwable cause) {
        super(0, "Cannot reach the Docker daemon at " + endpoint + ": " + detail, request, cause);
        this.endpoint = endpoint;
    }

    /** {@return the daemon address that was tried} */
    public String endpoint() {
        return endpoint;
    }
}
