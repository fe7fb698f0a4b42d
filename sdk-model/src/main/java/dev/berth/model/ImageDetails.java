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
 * @param parent the parent image id, or empty (always empty for BuildKit and pulled images)
 * @param comment the commit message, or empty
 * @param created creation time (RFC 3339)
 * @param author the author ({@code MAINTAINER}), or empty
 * @param architecture CPU architecture
 * @param os operating system
 * @param size bytes of the image and its parents; on the containerd image store, engines after 29.7 (the v1.56
 *        spec) count the selected platform's content plus its unpacked snapshot, shared data included, so it is
 *        not what removing the image frees
 * @param config the container configuration the image carries (Cmd, Env, Labels, ...), as the daemon sent it; from
 *        API 1.52 on, keys the image does not set are left out rather than sent as null
 * @param rootFs the layers
 * @param extras fields this record does not model, such as {@code Identity} (API 1.53: verified signatures, and
 *        where the image was pulled from or built)
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
        // API 1.52 leaves these out when empty; older daemons send "". Read both the same.
        parent = parent == null ? "" : parent;
        comment = comment == null ? "" : comment;
        author = author == null ? "" : author;
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
