package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.model.internal.Masking;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A swarm secret, as {@code docker secret inspect} shows it ({@code GET /secrets/{id}}). The daemon never sends the
 * secret's data back, and {@link #toString()} never shows it, nor any other field named {@code Data}.
 *
 * <pre>{@code
 * SecretDetails s = swarm.secrets().inspect("db-password");
 * s.spec().name();     // "db-password"
 * s.spec().labels();   // {env=prod}
 * }</pre>
 *
 * @param id the secret's id
 * @param version the version to name in an update
 * @param createdAt when the secret was created, as RFC 3339 with nanoseconds
 * @param updatedAt when the secret last changed
 * @param spec the secret's name, labels, and any driver
 * @param extras every field this record does not model
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SecretDetails(
        @JsonProperty("ID") String id,
        @JsonProperty("Version") ObjectVersion version,
        @JsonProperty("CreatedAt") String createdAt,
        @JsonProperty("UpdatedAt") String updatedAt,
        @JsonProperty("Spec") Spec spec,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies {@code extras}, unmodifiable; null becomes empty.
     *
     * @param id the secret's id
     * @param version the version to name in an update
     * @param createdAt when the secret was created, as RFC 3339 with nanoseconds
     * @param updatedAt when the secret last changed
     * @param spec the secret's name, labels, and any driver
     * @param extras every field this record does not model
     */
    public SecretDetails {
        extras = Copies.copy(extras);
    }

    /** {@return {@code Version.Index}, or 0 when the daemon sent no version} */
    public long versionIndex() {
        return ObjectVersion.indexOf(version);
    }

    /** {@return the secret's name, or an empty string} */
    public String name() {
        return spec == null || spec.name() == null ? "" : spec.name();
    }

    /** The id, name, version, dates and labels; never data. */
    @Override
    public String toString() {
        return "SecretDetails[id=" + id + ", version=" + versionIndex() + ", createdAt=" + createdAt
                + ", updatedAt=" + updatedAt + ", spec=" + spec + withoutData(extras) + "]";
    }

    static String withoutData(Map<String, Object> extras) {
        Map<String, Object> shown = new LinkedHashMap<>(extras);
        shown.remove("Data");
        return shown.isEmpty() ? "" : ", extras=" + Masking.tree("extras", shown);
    }

    /**
     * A secret's settings ({@code SecretSpec}), without its data.
     *
     * @param name the secret's name
     * @param labels the secret's labels, the only thing an update may change
     * @param extras every field this record does not model ({@code Driver}, {@code Templating})
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Spec(
            @JsonProperty("Name") String name,
            @JsonProperty("Labels") Map<String, String> labels,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code labels} and {@code extras}, unmodifiable; null becomes empty.
         *
         * @param name the secret's name
         * @param labels the secret's labels, the only thing an update may change
         * @param extras every field this record does not model ({@code Driver}, {@code Templating})
         */
        public Spec {
            labels = Copies.copy(labels);
            extras = Copies.copy(extras);
        }

        /** The name and labels (secret-looking ones masked), and extras without any {@code Data}. */
        @Override
        public String toString() {
            return "Spec[name=" + name + ", labels=" + Masking.map(labels) + withoutData(extras) + "]";
        }
    }
}
