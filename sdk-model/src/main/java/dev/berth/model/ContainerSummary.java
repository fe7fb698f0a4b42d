package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One row of {@code docker ps} ({@code GET /containers/json}). {@code HostConfig}, {@code NetworkSettings},
 * {@code Mounts} and, from API 1.52, {@code Health} are kept in {@link #extras()}.
 *
 * <pre>{@code
 * for (ContainerSummary c : docker.containers().list()) {
 *     c.name();    // "boring_feynman"
 *     c.state();   // "running"
 *     c.status();  // "Up 2 hours"
 * }
 * }</pre>
 *
 * @param id the container's full id
 * @param names the container's names, each with a leading {@code /}
 * @param image the image name the container was created from, as given at create
 * @param imageId the image's id ({@code sha256:...})
 * @param command the command the container runs, as one string
 * @param created when the container was created, in seconds since the epoch
 * @param state {@code created}, {@code running}, {@code paused}, {@code restarting}, {@code removing},
 *              {@code exited} or {@code dead}
 * @param status the human-readable status, such as {@code Up 2 hours} or {@code Exited (0) 5 minutes ago}
 * @param ports the container's exposed and published ports
 * @param labels the container's labels
 * @param sizeRw bytes written by the container; null unless the list was asked with {@code size=true}, and also
 *        when the daemon leaves out a size of 0
 * @param sizeRootFs bytes of all the container's files; null unless the list was asked with {@code size=true}
 * @param extras every field this record does not model, as the daemon sent it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerSummary(
        @JsonProperty("Id") String id,
        @JsonProperty("Names") List<String> names,
        @JsonProperty("Image") String image,
        @JsonProperty("ImageID") String imageId,
        @JsonProperty("Command") String command,
        @JsonProperty("Created") long created,
        @JsonProperty("State") String state,
        @JsonProperty("Status") String status,
        @JsonProperty("Ports") List<Port> ports,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("SizeRw") @Nullable Long sizeRw,
        @JsonProperty("SizeRootFs") @Nullable Long sizeRootFs,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies the lists and maps, unmodifiable; null becomes empty.
     *
     * @param id the container's full id
     * @param names the container's names, each with a leading {@code /}
     * @param image the image name the container was created from, as given at create
     * @param imageId the image's id ({@code sha256:...})
     * @param command the command the container runs, as one string
     * @param created when the container was created, in seconds since the epoch
     * @param state {@code created}, {@code running}, {@code paused}, {@code restarting}, {@code removing},
     *        {@code exited} or {@code dead}
     * @param status the human-readable status, such as {@code Up 2 hours} or {@code Exited (0) 5 minutes ago}
     * @param ports the container's exposed and published ports
     * @param labels the container's labels
     * @param sizeRw bytes written by the container; null unless the list was asked with {@code size=true}, and also
     *        when the daemon leaves out a size of 0
     * @param sizeRootFs bytes of all the container's files; null unless the list was asked with {@code size=true}
     * @param extras every field this record does not model, as the daemon sent it
     */
    public ContainerSummary {
        names = Copies.copy(names);
        ports = Copies.copy(ports);
        labels = Copies.copy(labels);
        extras = Copies.copy(extras);
    }

    /**
     * The container's first name without its leading {@code /}, as {@code docker ps} shows it.
     *
     * @return the name, or an empty string when the daemon sent none
     */
    public String name() {
        if (names.isEmpty() || names.get(0) == null) {
            return "";
        }
        String first = names.get(0);
        return first.startsWith("/") ? first.substring(1) : first;
    }

    /**
     * When the container was created.
     *
     * @return {@link #created()} as an instant
     */
    public Instant createdAt() {
        return Instant.ofEpochSecond(created);
    }

    /**
     * One port of a container, published or only exposed.
     *
     * <pre>{@code
     * Port p = summary.ports().get(0);
     * p.privatePort();  // 80
     * p.publicPort();   // 8080, or null when the port is not published
     * }</pre>
     *
     * @param ip the host address the port is published on; null when not published
     * @param privatePort the port inside the container
     * @param publicPort the port on the host; null when not published
     * @param type {@code tcp}, {@code udp} or {@code sctp}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Port(@JsonProperty("IP") @Nullable String ip,
                       @JsonProperty("PrivatePort") int privatePort,
                       @JsonProperty("PublicPort") @Nullable Integer publicPort,
                       @JsonProperty("Type") String type) {
    }
}
