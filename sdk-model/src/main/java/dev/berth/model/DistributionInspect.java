package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the registry says of an image without pulling it ({@code GET /distribution/{name}/json}, as
 * {@code docker buildx imagetools inspect} shows it): the descriptor of the manifest or index the name points to,
 * and the platforms it has images for.
 *
 * @param descriptor the manifest or index: media type, digest (what {@code name@digest} pins) and size
 * @param platforms the platforms the image is available for; one for a single-platform image
 * @param extras fields this record does not model
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DistributionInspect(
        @JsonProperty("Descriptor") OciDescriptor descriptor,
        @JsonProperty("Platforms") List<OciPlatform> platforms,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies {@code platforms} and {@code extras}, unmodifiable; null becomes empty.
     *
     * @param descriptor the manifest or index: media type, digest (what {@code name@digest} pins) and size
     * @param platforms the platforms the image is available for; one for a single-platform image
     * @param extras fields this record does not model
     */
    public DistributionInspect {
        platforms = Copies.copy(platforms);
        extras = Copies.copy(extras);
    }
}
