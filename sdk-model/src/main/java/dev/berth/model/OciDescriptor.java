package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An OCI content descriptor (the spec's {@code OCIDescriptor}): what a manifest, index or blob is, by its media type,
 * digest and size.
 *
 * @param mediaType such as {@code application/vnd.oci.image.index.v1+json}
 * @param digest the content's digest, {@code sha256:...}
 * @param size the content's size in bytes
 * @param extras fields this record does not model ({@code urls}, {@code annotations}, {@code platform}, ...)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OciDescriptor(
        @JsonProperty("mediaType") String mediaType,
        @JsonProperty("digest") String digest,
        @JsonProperty("size") long size,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies {@code extras}, unmodifiable; null becomes empty.
     *
     * @param mediaType such as {@code application/vnd.oci.image.index.v1+json}
     * @param digest the content's digest, {@code sha256:...}
     * @param size the content's size in bytes
     * @param extras fields this record does not model ({@code urls}, {@code annotations}, {@code platform}, ...)
     */
    public OciDescriptor {
        extras = Copies.copy(extras);
    }
}
