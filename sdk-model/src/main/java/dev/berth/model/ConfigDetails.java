package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.model.internal.Masking;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A swarm config, as {@code docker config inspect} shows it ({@code GET /configs/{id}}). Unlike a secret, a config's
 * data comes back, base64-encoded.
 *
 * <pre>{@code
 * ConfigDetails c = swarm.configs().inspect("nginx.conf");
 * new String(c.spec().bytes(), UTF_8);   // the file's content
 * }</pre>
 *
 * @param id the config's id
 * @param version the version to name in an update
 * @param createdAt when the config was created, as RFC 3339 with nanoseconds
 * @param updatedAt when the config last changed
 * @param spec the config's name, labels and data
 * @param extras every field this record does not model
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConfigDetails(
        @JsonProperty("ID") String id,
        @JsonProperty("Version") ObjectVersion version,
        @JsonProperty("CreatedAt") String createdAt,
        @JsonProperty("UpdatedAt") String updatedAt,
        @JsonProperty("Spec") Spec spec,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies {@code extras}, unmodifiable; null becomes empty.
     *
     * @param id the config's id
     * @param version the version to name in an update
     * @param createdAt when the config was created, as RFC 3339 with nanoseconds
     * @param updatedAt when the config last changed
     * @param spec the config's name, labels and data
     * @param extras every field this record does not model
     */
    public ConfigDetails {
        extras = Copies.copy(extras);
    }

    /** {@return {@code Version.Index}, or 0 when the daemon sent no version} */
    public long versionIndex() {
        return ObjectVersion.indexOf(version);
    }

    /** {@return the config's name, or an empty string} */
    public String name() {
        return spec == null || spec.name() == null ? "" : spec.name();
    }

    /**
     * A config's settings ({@code ConfigSpec}).
     *
     * @param name the config's name
     * @param labels the config's labels, the only thing an update may change
     * @param data the content, base64-encoded, as the daemon sends it; see {@link #bytes()}
     * @param extras every field this record does not model ({@code Templating})
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Spec(
            @JsonProperty("Name") String name,
            @JsonProperty("Labels") Map<String, String> labels,
            @JsonProperty("Data") String data,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code labels} and {@code extras}, unmodifiable; null becomes empty.
         *
         * @param name the config's name
         * @param labels the config's labels, the only thing an update may change
         * @param data the content, base64-encoded, as the daemon sends it; see {@link #bytes()}
         * @param extras every field this record does not model ({@code Templating})
         */
        public Spec {
            labels = Copies.copy(labels);
            extras = Copies.copy(extras);
        }

        /** {@return the content, decoded; empty when there is none} */
        public byte[] bytes() {
            return data == null ? new byte[0] : Base64.getDecoder().decode(data);
        }

        /** The name, labels (secret-looking ones masked) and the size of the data, not the data, which may be long. */
        @Override
        public String toString() {
            return "Spec[name=" + name + ", labels=" + Masking.map(labels) + ", data=" + bytes().length + " bytes"
                    + (extras.isEmpty() ? "" : ", extras=" + Masking.tree("extras", extras)) + "]";
        }
    }
}
