package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One line of what {@code docker rmi} reports: a name untagged, or an image or layer deleted.
 *
 * <pre>{@code
 * docker.images().remove("app:1").forEach(System.out::println);
 * }</pre>
 *
 * @param untagged the name that was removed, or null
 * @param deleted the image or layer id deleted, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageRemoval(@JsonProperty("Untagged") @Nullable String untagged,
        @JsonProperty("Deleted") @Nullable String deleted) {

    /** {@code Untagged: app:1} or {@code Deleted: sha256:...}, as the CLI prints it. */
    @Override
    public String toString() {
        return untagged != null ? "Untagged: " + untagged : "Deleted: " + deleted;
    }
}
