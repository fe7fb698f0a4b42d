package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A platform an image runs on (the spec's {@code OCIPlatform}), as {@code --platform} names it:
 * {@code os/architecture[/variant]}.
 *
 * @param os the operating system, such as {@code linux}
 * @param architecture the CPU architecture, such as {@code amd64} or {@code arm64}
 * @param variant the CPU variant, such as {@code v8}; empty when the platform has none
 * @param osVersion the operating system version (Windows images); empty when absent
 * @param osFeatures the required operating system features (Windows images); empty when absent
 * @param extras fields this record does not model
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OciPlatform(
        @JsonProperty("os") String os,
        @JsonProperty("architecture") String architecture,
        @JsonProperty("variant") String variant,
        @JsonProperty("os.version") String osVersion,
        @JsonProperty("os.features") List<String> osFeatures,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies {@code osFeatures} and {@code extras}, unmodifiable; null becomes empty, as does a null os, architecture,
     * variant or OS version ({@code ""}).
     *
     * @param os the operating system, such as {@code linux}
     * @param architecture the CPU architecture, such as {@code amd64} or {@code arm64}
     * @param variant the CPU variant, such as {@code v8}; empty when the platform has none
     * @param osVersion the operating system version (Windows images); empty when absent
     * @param osFeatures the required operating system features (Windows images); empty when absent
     * @param extras fields this record does not model
     */
    public OciPlatform {
        os = os == null ? "" : os;
        architecture = architecture == null ? "" : architecture;
        variant = variant == null ? "" : variant;
        osVersion = osVersion == null ? "" : osVersion;
        osFeatures = Copies.copy(osFeatures);
        extras = Copies.copy(extras);
    }

    /** {@code linux/arm64/v8}, as {@code --platform} takes it; without the variant when there is none. */
    @Override
    public String toString() {
        return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }
}
