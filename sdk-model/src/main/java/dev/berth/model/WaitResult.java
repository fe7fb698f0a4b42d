package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a container ended, as {@code docker wait} reports it ({@code POST /containers/{id}/wait}).
 *
 * <pre>{@code
 * WaitResult w = docker.containers().waitFor("job");
 * w.statusCode();     // 0
 * w.errorMessage();   // Optional.empty
 * }</pre>
 *
 * @param statusCode the container's exit code
 * @param error why waiting failed; null when it did not
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WaitResult(@JsonProperty("StatusCode") long statusCode, @JsonProperty("Error") @Nullable Error error) {

    /**
     * The daemon's error message, if waiting failed.
     *
     * @return the message, or empty when there is none or it is empty
     */
    public Optional<String> errorMessage() {
        return error == null ? Optional.empty()
                : Optional.ofNullable(error.message()).filter(message -> !message.isEmpty());
    }

    /**
     * Why waiting for the container failed.
     *
     * @param message the daemon's message
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Error(@JsonProperty("Message") String message) {
    }
}
