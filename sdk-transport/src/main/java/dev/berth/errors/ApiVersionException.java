package dev.berth.errors;

/**
 * The daemon speaks an API version Berth cannot use: older than {@link dev.berth.transport.ApiVersion#FLOOR}.
 *
 * <pre>{@code
 * catch (ApiVersionException e) { System.err.println(e.getMessage()); } // names both versions
 * }</pre>
 */
public class ApiVersionException extends DockerException {
    private static final long serialVersionUID = 1L;

    /** @param message what the daemon speaks and what Berth needs */
    public ApiVersionException(String message) {
        super(0, message, null, null);
    }
}
