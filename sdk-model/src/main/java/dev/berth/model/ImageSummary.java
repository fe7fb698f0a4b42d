package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One row of {@code docker images} ({@code GET /images/json}).
 *
 * <pre>{@code
 * for (ImageSummary i : docker.images().list()) System.out.println(i.repoTags() + " " + i.size());
 * }</pre>
 *
 * @param id the image id ({@code sha256:...})
 * @param parentId the parent image id, or empty
 * @param repoTags {@code repo:tag} names; empty for a dangling image
 * @param repoDigests {@code repo@sha256:...} digests of pushed or pulled names
 * @param created creation time, epoch seconds
 * @param size bytes of the image and its parents
 * @param sharedSize bytes shared with other images, or -1 when not computed
 * @param labels the image's labels
 * @param containers containers using it, or -1 when not computed
 * @param extras fields this record does not model
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageSummary(
        @JsonProperty("Id") String id,
        @JsonProperty("ParentId") String parentId,
        @JsonProperty("RepoTags") List<String> repoTags,
        @JsonProperty("RepoDigests") List<String> repoDigests,
        @JsonProperty("Created") long created,
        @JsonProperty("Size") long size,
        @JsonProperty("SharedSize") long sharedSize,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("Containers") long containers,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies the lists and maps, unmodifiable; null becomes empty.
     *
     * @param id the image id ({@code sha256:...})
     * @param parentId the parent image id, or empty
     * @param repoTags {@code repo:tag} names; empty for a dangling image
     * @param repoDigests {@code repo@sha256:...} digests of pushed or pulled names
     * @param created creation time, epoch seconds
     * @param size bytes of the image and its parents
     * @param sharedSize bytes shared with other images, or -1 when not computed
     * @param labels the image's labels
     * @param containers containers using it, or -1 when not computed
     * @param extras fields this record does not model
     */
    public ImageSummary {
        repoTags = Copies.copy(repoTags);
        repoDigests = Copies.copy(repoDigests);
        labels = Copies.copy(labels);
        extras = Copies.copy(extras);
    }
}
