package dev.berth.transport.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.errors.BadRequestException;
import dev.berth.errors.ConflictException;
import dev.berth.errors.DaemonUnreachableException;
import dev.berth.errors.DockerException;
import dev.berth.errors.ForbiddenException;
import dev.berth.errors.NotFoundException;
import dev.berth.errors.ServerErrorException;
import dev.berth.errors.ServiceUnavailableException;
import dev.berth.errors.UnauthorizedException;
import dev.berth.transport.Endpoint;
import dev.berth.transport.Json;
import java.io.IOException;

/** Turns an error answer into the typed exception for its status, carrying the daemon's message. */
public final class ErrorMapper {
    /** Error bodies are read up to this size, as the Go client does. */
    public static final long MAX_ERROR_BODY = 1 << 20;

    private ErrorMapper() {
    }

    /** The exception for an error answer, its body read (up to {@link #MAX_ERROR_BODY}) and the exchange closed. */
    public static DockerException toException(Endpoint endpoint, Exchange response, String request) {
        int status = response.code();
        String message;
        try {
            message = message(response.errorText(MAX_ERROR_BODY));
        } catch (IOException e) {
            message = "";
        }
        if (message.isEmpty()) {
            message = response.reason().isEmpty() ? "HTTP " + status : response.reason();
        }
        if (status == 400 && isTlsExpected(message)) {
            return tlsExpected(endpoint, message, request, null);
        }
        return forStatus(status, message, request);
    }

    /** Whether the text is Go's answer to plain HTTP on a TLS port. */
    public static boolean isTlsExpected(String text) {
        return text != null && text.contains("HTTP request to an HTTPS server");
    }

    public static DaemonUnreachableException tlsExpected(Endpoint endpoint, String said, String request, Throwable cause) {
        return new DaemonUnreachableException(endpoint.host().toString(), "the daemon expects TLS on this port ("
                + said.trim() + "); set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH, or give the client TLS material",
                request, cause);
    }

    static DockerException forStatus(int status, String message, String request) {
        switch (status) {
            case 400:
                return new BadRequestException(message, request);
            case 401:
                return new UnauthorizedException(message, request);
            case 403:
                return new ForbiddenException(message, request);
            case 404:
                return new NotFoundException(message, request);
            case 409:
                return new ConflictException(message, request);
            case 500:
                return new ServerErrorException(message, request);
            case 503:
                return new ServiceUnavailableException(message, request);
            default:
                return new DockerException(status, message, request, null);
        }
    }

    /** The {@code message} of a JSON error body, or the body's text, trimmed. */
    static String message(String body) {
        String text = body.trim();
        if (text.startsWith("{")) {
            try {
                JsonNode node = Json.reader().readTree(text);
                JsonNode m = node.get("message");
                if (m != null && m.isTextual()) {
                    return m.asText().trim();
                }
            } catch (IOException e) {
                // not JSON after all: keep the text
            }
        }
        return text;
    }
}
