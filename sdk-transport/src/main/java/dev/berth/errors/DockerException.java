package dev.berth.errors;

import org.jspecify.annotations.Nullable;

/**
 * The root of everything Berth throws (all unchecked, all in this package): the daemon answered with an error or
 * could not be reached ({@link #status()} and {@link #request()} say which call), or something Berth read on the
 * caller's side could not be used: an archive it refused, registry credentials, a {@code .dockerignore} line, a
 * Docker host address (status 0, no request). Invalid arguments to builders are {@link IllegalArgumentException}s,
 * as everywhere in Java.
 *
 * <p>It carries the HTTP status (0 when there was no answer), the daemon's own message and the request that failed:
 * <pre>{@code
 * try {
 *     docker.containers().inspect("nope");
 * } catch (NotFoundException e) {
 *     e.daemonMessage(); // "No such container: nope"
 *     e.request();       // "GET /v1.41/containers/nope/json"
 * }
 * }</pre>
 */
public class DockerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status the daemon answered with; 0 when there was no answer. */
    private final int status;
    /** The daemon's message; empty when it sent none. */
    private final String daemonMessage;
    /** The failed request's method and path, or null when the failure was not tied to one. */
    private final String request;

    /**
     * @param status the HTTP status, or 0 when the daemon did not answer
     * @param daemonMessage what the daemon said (may be empty)
     * @param request the method and path, such as {@code GET /v1.41/info}, or null
     * @param cause the underlying failure, or null
     */
    public DockerException(int status, String daemonMessage, @Nullable String request,
            @Nullable Throwable cause) {
        super(describe(status, daemonMessage, request), cause);
        this.status = status;
        this.daemonMessage = daemonMessage == null ? "" : daemonMessage;
        this.request = request;
    }

    /**
     * A failure on the caller's side, with no daemon call involved: status 0, no daemon message, no request.
     *
     * @param message what went wrong, naming the thing concerned (never a secret)
     * @param cause the underlying failure, or null
     */
    protected DockerException(String message, @Nullable Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.daemonMessage = "";
        this.request = null;
    }

    /** {@return the HTTP status the daemon answered with, or 0 when there was no answer} */
    public int status() {
        return status;
    }

    /** {@return the daemon's message, as it sent it; empty when it sent none} */
    public String daemonMessage() {
        return daemonMessage;
    }

    /** {@return the failed request's method and path (no query), or null when the failure was not tied to one} */
    public @Nullable String request() {
        return request;
    }

    private static String describe(int status, String message, String request) {
        StringBuilder sb = new StringBuilder();
        if (status > 0) {
            sb.append(status).append(' ');
        }
        sb.append(message == null || message.isEmpty() ? "(no message from the daemon)" : message);
        if (request != null) {
            sb.append(" [").append(request).append(']');
        }
        return sb.toString();
    }
}
