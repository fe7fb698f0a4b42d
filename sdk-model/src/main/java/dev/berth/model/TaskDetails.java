package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.model.internal.Masking;
import java.util.Map;
import java.util.Optional;

/**
 * One task of a service: one replica (or, for a global service, the service on one node), as
 * {@code docker service ps} lists it ({@code GET /tasks}). A task runs at most one container and never changes its
 * spec; an update or a restart makes new tasks and shuts the old ones down.
 *
 * <pre>{@code
 * for (TaskDetails t : swarm.tasks().list(Map.of("service", List.of("web")))) {
 *     t.slot();                       // 1
 *     t.desiredState();               // "running"
 *     t.status().state();             // "running"
 *     t.containerId();                // Optional[f8a29ff371ca...]
 * }
 * }</pre>
 *
 * @param id the task's id
 * @param version the task's version
 * @param createdAt when the task was created, as RFC 3339 with nanoseconds
 * @param updatedAt when the task last changed
 * @param name the task's name, if the daemon sent one (usually absent)
 * @param labels the task's labels
 * @param spec the task's spec ({@code TaskSpec}: {@code ContainerSpec}, {@code Resources}, ...), as sent
 * @param serviceId the service the task belongs to
 * @param slot the replica number of a replicated service's task; null for a global service's
 * @param nodeId the node the task was scheduled on; null before scheduling
 * @param status what the task is doing now
 * @param desiredState what the orchestrator wants it to be: {@code running}, {@code shutdown}, ...
 * @param extras every field this record does not model ({@code NetworksAttachments}, {@code JobIteration}, ...)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskDetails(
        @JsonProperty("ID") String id,
        @JsonProperty("Version") ObjectVersion version,
        @JsonProperty("CreatedAt") String createdAt,
        @JsonProperty("UpdatedAt") String updatedAt,
        @JsonProperty("Name") String name,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("Spec") Map<String, Object> spec,
        @JsonProperty("ServiceID") String serviceId,
        @JsonProperty("Slot") Integer slot,
        @JsonProperty("NodeID") String nodeId,
        @JsonProperty("Status") Status status,
        @JsonProperty("DesiredState") String desiredState,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) {

    public TaskDetails {
        labels = Copies.copy(labels);
        spec = Copies.copy(spec);
        extras = Copies.copy(extras);
    }

    /** All components; secret-looking {@code Env} values of the spec and labels masked as in {@link ServiceSpec}. */
    @Override
    public String toString() {
        return Masking.record(this);
    }

    /** {@return the state the task is in now ({@code Status.State}), or an empty string} */
    public String state() {
        return status == null || status.state() == null ? "" : status.state();
    }

    /** {@return whether the task runs and is meant to: state and desired state both {@code running}} */
    public boolean isRunning() {
        return "running".equals(state()) && "running".equals(desiredState);
    }

    /** {@return the id of the task's container, once the node has created one} */
    public Optional<String> containerId() {
        if (status == null || status.containerStatus() == null) {
            return Optional.empty();
        }
        String id = status.containerStatus().containerId();
        return id == null || id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    /**
     * What a task is doing ({@code Status}).
     *
     * @param timestamp when the state was entered
     * @param state {@code new}, {@code pending}, {@code assigned}, {@code preparing}, {@code starting},
     *        {@code running}, {@code complete}, {@code shutdown}, {@code failed}, {@code rejected}, ...
     * @param message a short description of the state, such as {@code started}
     * @param err the error that made the task fail, or null
     * @param containerStatus the task's container, once there is one; otherwise null
     * @param extras every field this record does not model ({@code PortStatus}, ...)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Status(
            @JsonProperty("Timestamp") String timestamp,
            @JsonProperty("State") String state,
            @JsonProperty("Message") String message,
            @JsonProperty("Err") String err,
            @JsonProperty("ContainerStatus") ContainerStatus containerStatus,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) {

        public Status {
            extras = Copies.copy(extras);
        }
    }

    /**
     * A task's container ({@code ContainerStatus}).
     *
     * @param containerId the container's id
     * @param pid the container's main process id while it runs, otherwise 0
     * @param exitCode the exit code once it ended
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ContainerStatus(
            @JsonProperty("ContainerID") String containerId,
            @JsonProperty("PID") int pid,
            @JsonProperty("ExitCode") int exitCode,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) {

        public ContainerStatus {
            extras = Copies.copy(extras);
        }
    }
}
