package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code docker version} shows of the daemon ({@code GET /version}).
 *
 * <pre>{@code
 * Version v = docker.system().version();
 * v.version();     // "20.10.24+dfsg1"
 * v.apiVersion();  // "1.41"
 * }</pre>
 *
 * @param platform the engine's platform name
 * @param components the engine's parts (Engine, containerd, runc, docker-init) and their versions
 * @param version the engine version
 * @param apiVersion the newest API version the daemon speaks
 * @param minApiVersion the oldest API version the daemon accepts
 * @param gitCommit the engine's commit
 * @param goVersion the Go version the engine was built with
 * @param os the daemon's operating system ({@code linux}, {@code windows})
 * @param arch the daemon's CPU architecture
 * @param kernelVersion the daemon host's kernel
 * @param experimental whether experimental features are on
 * @param buildTime when the engine was built
 * @param extras fields this record does not model, kept as the daemon sent them
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Version(
        @JsonProperty("Platform") Platform platform,
        @JsonProperty("Components") List<Component> components,
        @JsonProperty("Version") String version,
        @JsonProperty("ApiVersion") String apiVersion,
        @JsonProperty("MinAPIVersion") String minApiVersion,
        @JsonProperty("GitCommit") String gitCommit,
        @JsonProperty("GoVersion") String goVersion,
        @JsonProperty("Os") String os,
        @JsonProperty("Arch") String arch,
        @JsonProperty("KernelVersion") String kernelVersion,
        @JsonProperty("Experimental") boolean experimental,
        @JsonProperty("BuildTime") String buildTime,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies {@code components} and {@code extras}, unmodifiable; null becomes empty.
     *
     * @param platform the engine's platform name
     * @param components the engine's parts (Engine, containerd, runc, docker-init) and their versions
     * @param version the engine version
     * @param apiVersion the newest API version the daemon speaks
     * @param minApiVersion the oldest API version the daemon accepts
     * @param gitCommit the engine's commit
     * @param goVersion the Go version the engine was built with
     * @param os the daemon's operating system ({@code linux}, {@code windows})
     * @param arch the daemon's CPU architecture
     * @param kernelVersion the daemon host's kernel
     * @param experimental whether experimental features are on
     * @param buildTime when the engine was built
     * @param extras fields this record does not model, kept as the daemon sent them
     */
    public Version {
        components = Copies.copy(components);
        extras = Copies.copy(extras);
    }

    /**
     * The engine's platform.
     *
     * @param name such as {@code Docker Engine - Community}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Platform(@JsonProperty("Name") String name) {
    }

    /**
     * One part of the engine.
     *
     * @param name {@code Engine}, {@code containerd}, {@code runc}, {@code docker-init}
     * @param version its version
     * @param details more about it, such as {@code GitCommit}, {@code GoVersion}, {@code ApiVersion}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Component(@JsonProperty("Name") String name, @JsonProperty("Version") String version,
                            @JsonProperty("Details") Map<String, String> details) {
        /**
         * Copies {@code details}, unmodifiable; null becomes empty.
         *
         * @param name {@code Engine}, {@code containerd}, {@code runc}, {@code docker-init}
         * @param version its version
         * @param details more about it, such as {@code GitCommit}, {@code GoVersion}, {@code ApiVersion}
         */
        public Component {
            details = Copies.copy(details);
        }
    }
}
