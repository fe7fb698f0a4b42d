package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One engine of the swarm, as {@code docker node inspect} shows it ({@code GET /nodes/{id}}): what its managers
 * ask of it ({@link Spec}), what it reports about itself ({@code Description}: host name, platform, resources,
 * engine), whether it is up, and, for managers, its Raft state.
 *
 * <pre>{@code
 * NodeDetails n = docker.swarm().nodes().inspect(nodeId);
 * n.hostname();                  // "vm"
 * n.spec().role();               // NodeRole.MANAGER
 * n.spec().availability();       // NodeAvailability.ACTIVE
 * n.description().resources();   // Resources[nanoCpus=4000000000, memoryBytes=8272408576, ...]
 * n.status().state();            // "ready"
 * n.managerStatus().leader();    // true
 * }</pre>
 *
 * @param id the node's id
 * @param version the version to name in an update
 * @param createdAt when the node joined, as RFC 3339 with nanoseconds
 * @param updatedAt when the node last changed
 * @param spec the settings managers control: name, labels, role, availability
 * @param description what the node reports: host name, platform, resources, engine
 * @param status whether the node is up
 * @param managerStatus the node's Raft state; null for workers
 * @param extras every field this record does not model, as the daemon sent it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodeDetails(
        @JsonProperty("ID") String id,
        @JsonProperty("Version") ObjectVersion version,
        @JsonProperty("CreatedAt") String createdAt,
        @JsonProperty("UpdatedAt") String updatedAt,
        @JsonProperty("Spec") Spec spec,
        @JsonProperty("Description") Description description,
        @JsonProperty("Status") Status status,
        @JsonProperty("ManagerStatus") @Nullable ManagerStatus managerStatus,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies {@code extras}, unmodifiable; null becomes empty. A null description becomes one with every field null or
     * empty.
     *
     * @param id the node's id
     * @param version the version to name in an update
     * @param createdAt when the node joined, as RFC 3339 with nanoseconds
     * @param updatedAt when the node last changed
     * @param spec the settings managers control: name, labels, role, availability
     * @param description what the node reports: host name, platform, resources, engine
     * @param status whether the node is up
     * @param managerStatus the node's Raft state; null for workers
     * @param extras every field this record does not model, as the daemon sent it
     */
    public NodeDetails {
        description = description == null ? Description.EMPTY : description;
        extras = Copies.copy(extras);
    }

    /** {@return {@code Version.Index}, or 0 when the daemon sent no version} */
    public long versionIndex() {
        return ObjectVersion.indexOf(version);
    }

    /** {@return the host name the node reports, or an empty string} */
    public String hostname() {
        return description.hostname() == null ? "" : description.hostname();
    }

    /** {@return whether the node's role is {@link NodeRole#MANAGER}} */
    public boolean isManager() {
        return spec != null && spec.role() == NodeRole.MANAGER;
    }

    /**
     * What managers control of a node ({@code NodeSpec}).
     *
     * @param name the node's name, or null (the host name is shown instead)
     * @param labels the node's labels, used by placement constraints {@code node.labels.KEY==value}
     * @param role worker or manager
     * @param availability active, pause (no new tasks) or drain (tasks moved away)
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Spec(
            @JsonProperty("Name") @Nullable String name,
            @JsonProperty("Labels") Map<String, String> labels,
            @JsonProperty("Role") NodeRole role,
            @JsonProperty("Availability") NodeAvailability availability,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code labels} and {@code extras}, unmodifiable; null becomes empty.
         *
         * @param name the node's name, or null (the host name is shown instead)
         * @param labels the node's labels, used by placement constraints {@code node.labels.KEY==value}
         * @param role worker or manager
         * @param availability active, pause (no new tasks) or drain (tasks moved away)
         * @param extras every field this record does not model
         */
        public Spec {
            labels = Copies.copy(labels);
            extras = Copies.copy(extras);
        }
    }

    /**
     * What a node reports about itself ({@code NodeDescription}); {@code TLSInfo} is in {@link #extras()}.
     *
     * @param hostname the node's host name
     * @param platform its operating system and architecture
     * @param resources the CPUs and memory it offers to tasks
     * @param engine its Docker Engine: version, labels, plugins
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Description(
            @JsonProperty("Hostname") String hostname,
            @JsonProperty("Platform") Platform platform,
            @JsonProperty("Resources") Resources resources,
            @JsonProperty("Engine") Engine engine,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {
        static final Description EMPTY = new Description(null, null, null, null, Map.of());

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param hostname the node's host name
         * @param platform its operating system and architecture
         * @param resources the CPUs and memory it offers to tasks
         * @param engine its Docker Engine: version, labels, plugins
         * @param extras every field this record does not model
         */
        public Description {
            extras = Copies.copy(extras);
        }
    }

    /**
     * A node's operating system and architecture ({@code Platform}).
     *
     * @param architecture such as {@code x86_64} or {@code aarch64}
     * @param os such as {@code linux}
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Platform(
            @JsonProperty("Architecture") String architecture,
            @JsonProperty("OS") String os,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param architecture such as {@code x86_64} or {@code aarch64}
         * @param os such as {@code linux}
         * @param extras every field this record does not model
         */
        public Platform {
            extras = Copies.copy(extras);
        }
    }

    /**
     * What a node offers to tasks ({@code ResourceObject}); {@code GenericResources} are in {@link #extras()}.
     *
     * @param nanoCpus its CPUs, in billionths of a CPU
     * @param memoryBytes its memory in bytes
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Resources(
            @JsonProperty("NanoCPUs") long nanoCpus,
            @JsonProperty("MemoryBytes") long memoryBytes,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param nanoCpus its CPUs, in billionths of a CPU
         * @param memoryBytes its memory in bytes
         * @param extras every field this record does not model
         */
        public Resources {
            extras = Copies.copy(extras);
        }
    }

    /**
     * A node's Docker Engine ({@code EngineDescription}).
     *
     * @param engineVersion such as {@code 28.0.1}
     * @param labels the engine's labels ({@code dockerd --label})
     * @param plugins the engine's plugins, such as {@code Volume local} or {@code Network overlay}
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Engine(
            @JsonProperty("EngineVersion") String engineVersion,
            @JsonProperty("Labels") Map<String, String> labels,
            @JsonProperty("Plugins") List<Plugin> plugins,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code labels}, {@code plugins} and {@code extras}, unmodifiable; null becomes empty.
         *
         * @param engineVersion such as {@code 28.0.1}
         * @param labels the engine's labels ({@code dockerd --label})
         * @param plugins the engine's plugins, such as {@code Volume local} or {@code Network overlay}
         * @param extras every field this record does not model
         */
        public Engine {
            labels = Copies.copy(labels);
            plugins = Copies.copy(plugins);
            extras = Copies.copy(extras);
        }
    }

    /**
     * A plugin of a node's engine.
     *
     * @param type such as {@code Volume}, {@code Network} or {@code Log}
     * @param name such as {@code local}, {@code overlay} or {@code json-file}
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Plugin(
            @JsonProperty("Type") String type,
            @JsonProperty("Name") String name,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param type such as {@code Volume}, {@code Network} or {@code Log}
         * @param name such as {@code local}, {@code overlay} or {@code json-file}
         * @param extras every field this record does not model
         */
        public Plugin {
            extras = Copies.copy(extras);
        }
    }

    /**
     * Whether the node is up ({@code NodeStatus}).
     *
     * @param state {@code unknown}, {@code down}, {@code ready} or {@code disconnected}
     * @param message the reason for the state, often empty
     * @param addr the node's address as its managers see it
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Status(
            @JsonProperty("State") String state,
            @JsonProperty("Message") String message,
            @JsonProperty("Addr") String addr,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param state {@code unknown}, {@code down}, {@code ready} or {@code disconnected}
         * @param message the reason for the state, often empty
         * @param addr the node's address as its managers see it
         * @param extras every field this record does not model
         */
        public Status {
            extras = Copies.copy(extras);
        }
    }

    /**
     * A manager's Raft state ({@code ManagerStatus}).
     *
     * @param leader whether it leads the Raft cluster
     * @param reachability {@code unknown}, {@code unreachable} or {@code reachable}
     * @param addr the address managers reach it on, such as {@code 127.0.0.1:2377}
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ManagerStatus(
            @JsonProperty("Leader") boolean leader,
            @JsonProperty("Reachability") String reachability,
            @JsonProperty("Addr") String addr,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param leader whether it leads the Raft cluster
         * @param reachability {@code unknown}, {@code unreachable} or {@code reachable}
         * @param addr the address managers reach it on, such as {@code 127.0.0.1:2377}
         * @param extras every field this record does not model
         */
        public ManagerStatus {
            extras = Copies.copy(extras);
        }
    }
}
