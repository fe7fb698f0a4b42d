package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One step of {@code docker history}, newest first.
 *
 * <pre>{@code
 * docker.images().history("app:1").forEach(h -> System.out.println(h.createdBy() + " " + h.comment()));
 * }</pre>
 *
 * @param id the layer's image id, or {@code <missing>}
 * @param created epoch seconds
 * @param createdBy the command that made the step
 * @param tags names of the image at this step
 * @param size bytes the step added
 * @param comment the commit message
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageHistoryItem(
        @JsonProperty("Id") String id,
        @JsonProperty("Created") long created,
        @JsonProperty("CreatedBy") String createdBy,
        @JsonProperty("Tags") List<String> tags,
        @JsonProperty("Size") long size,
        @JsonProperty("Comment") String comment) {

    /**
     * Copies {@code tags}, unmodifiable; null becomes empty.
     *
     * @param id the layer's image id, or {@code <missing>}
     * @param created epoch seconds
     * @param createdBy the command that made the step
     * @param tags names of the image at this step
     * @param size bytes the step added
     * @param comment the commit message
     */
    public ImageHistoryItem {
        tags = Copies.copy(tags);
    }
}
