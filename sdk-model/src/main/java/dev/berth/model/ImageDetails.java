package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.model.internal.Masking;
import java.util.List;
import java.util.Map;

/**
 * {@code docker image inspect}: names, config, and the layers the image is made of ({@code GET /images/{name}/json}).
 *
 * <pre>{@code
 * ImageDetails img = docker.images().inspect("busybox");
 * img.rootFs().layers();     // [sha256:..., ...], bottom layer first
 * img.config().get("Cmd");
 * }</pre>
 *
 * @param id the image id
 * @param repoTags its names
 * @param repoDigests its registry digests
 * @param parent the parent image id, or empty
 * @param comment the commit message, if any
 * @param created creation time (RFC 3339)
 * @param author the author, if any
 * @param architecture CPU architecture
 * @param os operating system
 * @param size bytes of the image and its parents
 * @param config the container configuration the image carries (Cmd, Env, Labels, ...), as the daemon sent it
 * @param rootFs the layers
 * @param extras fields this record does not model
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageDetails(
        @JsonProperty("Id") String id,
        @JsonProperty("RepoTags") List<String> repoTags,
        @JsonProperty("RepoDigests") List<String> repoDigests,
        @JsonProperty("Parent") String parent,
        @JsonProperty("Comment") String comment,
        @JsonProperty("Created") String created,
        @JsonProperty("Author") String author,
        @JsonProperty("Architecture") String architecture,
        @JsonProperty("Os") String os,
        @JsonProperty("Size") long size,
        @JsonProperty("Config") Map<String, Object> config,
        @JsonProperty("RootFS") RootFs rootFs,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) {

    public ImageDetails {
        repoTags = Copies.copy(repoTags);
        repoDigests = Copies.copy(repoDigests);
        config = Copies.copy(config);
        extras = Copies.copy(extras);
    }

    /** All components; secret-looking {@code Env} and {@code Labels} values masked as in {@link ContainerSpec}. */
    @Override
    public String toString() {
        return Masking.record(this);
    }

    /**
     * The image's filesystem: its layers, bottom first.
     *
     * @param type {@code layers}
     * @param layers layer digests ({@code sha256:...})
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RootFs(@JsonProperty("Type") String type, @JsonProperty("Layers") List<String> layers) {
        public RootFs {
            layers = Copies.copy(layers);
        }
    }
}
