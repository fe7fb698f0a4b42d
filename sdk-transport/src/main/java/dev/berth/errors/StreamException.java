package dev.berth.errors;

import org.jspecify.annotations.Nullable;

/**
 * A stream the daemon sends failed part-way: an error frame in a log or attach stream, an {@code errorDetail} in a
 * progress stream, or a stream cut short in the middle of a frame.
 *
 * <pre>{@code
 * try (var frames = ...) { frames.next(); } catch (StreamException e) { e.daemonMessage(); }
 * }</pre>
 */
public class StreamException extends DockerException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what the daemon said or what went wrong
     * @param request the method and path of the stream's request, or null
     */
    public StreamException(String message, @Nullable String request) {
        super(0, message, request, null);
    }
}
