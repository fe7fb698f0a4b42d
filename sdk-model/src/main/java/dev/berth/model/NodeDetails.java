package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One engine of the swarm, as {@code docker node inspect} shows it ({@code GET /nodes/{id}}): what its managers
 * ask of it ({@link Spec}), what it reports about itself ({@code Description}: host name, platform, resources,
 * engine), whether it is up, and, for managers, its Raft state.
 *
 * <pre>{@code
 * NodeDetails n = docker.swarm().nodes().inspect(nodeId);
 * n.hostname();                  // "vm"
 * n.spec().role();               // "manager"
 * n.spec().availability();       // "active"
 * n.status().state();            // "ready"
 * n.managerStatus().leader();    // true
 * }</pre>
 *
 * @param id the node's id
 * @param version the version to name in an update
 * @param createdAt when the node joined, as RFC 3339 with nanoseconds
 * @param updatedAt when the node last changed
 * @param spec the settings managers control: name, labels, role, availability
 * @param description what the node reports: {@code Hostname}, {@code Platform}, {@code Resources}, {@code Engine},
 *        {@code TLSInfo}, as the daemon sent it
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
        @JsonProperty("Description") Map<String, Object> description,
        @JsonProperty("Status") Status status,
        @JsonProperty("ManagerStatus") ManagerStatus managerStatus,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) {

    public NodeDetails {
        description = Copies.copy(description);
        extras = Copies.copy(extras);
    }

    /** {@return {@code Version.Index}, or 0 when the daemon sent no version} */
    public long versionIndex() {
        return ObjectVersion.indexOf(version);
    }

    /** {@return the host name the node reports, or an empty string} */
    public String hostname() {
        Object h = description.get("Hostname");
        return h == null ? "" : h.toString();
    }

    /** {@return whether the node's role is {@code manager}} */
    public boolean isManager() {
        return spec != null && "manager".equals(spec.role());
    }

    /**
     * What managers control of a node ({@code NodeSpec}).
     *
     * @param name the node's name, or null (the host name is shown instead)
     * @param labels the node's labels, used by placement constraints {@code node.labels.KEY==value}
     * @param role {@code worker} or {@code manager}
     * @param availability {@code active}, {@code pause} (no new tasks) or {@code drain} (tasks moved away)
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Spec(
            @JsonProperty("Name") String name,
            @JsonProperty("Labels") Map<String, String> labels,
            @JsonProperty("Role") String role,
            @JsonProperty("Availability") String availability,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) {

        public Spec {
            labels = Copies.copy(labels);
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
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) {

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
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) {

        public ManagerStatus {
            extras = Copies.copy(extras);
        }
    }
}
