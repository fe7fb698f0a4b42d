package dev.berth.transport.internal;

import dev.berth.transport.ApiRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request as the HTTP layer sends it: the target already encoded, the headers in order.
 *
 * @param method GET, POST, ...
 * @param target the encoded path and query, such as {@code /v1.51/containers/json?all=1}
 * @param headers names and values, alternating; the base headers included, Host for sockets too
 * @param content a body known up front (JSON), or null
 * @param writer a body streamed while the request goes out (a tar, say), sent chunked; or null
 * @param contentType the body's type; null when there is none
 * @param streaming no read or call timeout: the answer is a long-lived stream
 * @param upgrade asks the daemon to hijack the connection ({@code Connection: Upgrade}, {@code Upgrade: tcp})
 */
public record OutgoingRequest(String method, String target, List<String> headers, byte @Nullable [] content,
        ApiRequest.@Nullable BodyWriter writer, @Nullable String contentType, boolean streaming, boolean upgrade) {

    /** Whether the body can be sent again on another connection: anything but a streamed body. */
    boolean replayable() {
        return writer == null;
    }

    /** Whether the method sends a body even when empty (so {@code Content-Length: 0}). */
    boolean needsBody() {
        return method.equals("POST") || method.equals("PUT");
    }
}
