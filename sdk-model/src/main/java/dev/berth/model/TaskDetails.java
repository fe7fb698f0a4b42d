package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.model.internal.Masking;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One task of a service: one replica (or, for a global service, the service on one node), as
 * {@code docker service ps} lists it ({@code GET /tasks}). A task runs at most one container and never changes its
 * spec; an update or a restart makes new tasks and shuts the old ones down.
 *
 * <pre>{@code
 * for (TaskDetails t : swarm.tasks().list(Filters.of("service", "web"))) {
 *     t.slot();                       // 1
 *     t.desiredState();               // "running"
 *     t.status().state();             // "running"
 *     t.containerId();                // Optional[f8a29ff371ca...]
 *     t.spec().container().image();   // "demo/busybox:1@sha256:..."
 * }
 * }</pre>
 *
 * @param id the task's id
 * @param version the task's version
 * @param createdAt when the task was created, as RFC 3339 with nanoseconds
 * @param updatedAt when the task last changed
 * @param name the task's name; null when the daemon sent none (usually)
 * @param labels the task's labels
 * @param spec the task's spec: its container, resources, restart policy, networks
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
        @JsonProperty("Name") @Nullable String name,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("Spec") Spec spec,
        @JsonProperty("ServiceID") String serviceId,
        @JsonProperty("Slot") @Nullable Integer slot,
        @JsonProperty("NodeID") @Nullable String nodeId,
        @JsonProperty("Status") Status status,
        @JsonProperty("DesiredState") String desiredState,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies {@code labels} and {@code extras}, unmodifiable; null becomes empty. A null spec becomes one with every
     * field null or empty.
     *
     * @param id the task's id
     * @param version the task's version
     * @param createdAt when the task was created, as RFC 3339 with nanoseconds
     * @param updatedAt when the task last changed
     * @param name the task's name; null when the daemon sent none (usually)
     * @param labels the task's labels
     * @param spec the task's spec: its container, resources, restart policy, networks
     * @param serviceId the service the task belongs to
     * @param slot the replica number of a replicated service's task; null for a global service's
     * @param nodeId the node the task was scheduled on; null before scheduling
     * @param status what the task is doing now
     * @param desiredState what the orchestrator wants it to be: {@code running}, {@code shutdown}, ...
     * @param extras every field this record does not model ({@code NetworksAttachments}, {@code JobIteration}, ...)
     */
    public TaskDetails {
        labels = Copies.copy(labels);
        spec = spec == null ? Spec.EMPTY : spec;
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
     * What a task runs ({@code TaskSpec}, a service's {@code TaskTemplate} as it was when the task was made).
     * {@code Placement}, {@code LogDriver} and {@code PluginSpec} are in {@link #extras()}.
     *
     * @param container the container the task runs; null for a plugin task
     * @param resources the task's limits and reservations; null for none
     * @param restartPolicy when the task is replaced after it ends; null for the daemon's
     * @param forceUpdate a counter that forces an update when raised ({@code --force})
     * @param runtime {@code container}, {@code plugin} or {@code attachment}
     * @param networks the networks the task is attached to
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Spec(
            @JsonProperty("ContainerSpec") @Nullable Container container,
            @JsonProperty("Resources") @Nullable Resources resources,
            @JsonProperty("RestartPolicy") @Nullable Restart restartPolicy,
            @JsonProperty("ForceUpdate") long forceUpdate,
            @JsonProperty("Runtime") String runtime,
            @JsonProperty("Networks") List<NetworkAttachment> networks,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {
        static final Spec EMPTY = new Spec(null, null, null, 0, null, List.of(), Map.of());

        /**
         * Copies {@code networks} and {@code extras}, unmodifiable; null becomes empty.
         *
         * @param container the container the task runs; null for a plugin task
         * @param resources the task's limits and reservations; null for none
         * @param restartPolicy when the task is replaced after it ends; null for the daemon's
         * @param forceUpdate a counter that forces an update when raised ({@code --force})
         * @param runtime {@code container}, {@code plugin} or {@code attachment}
         * @param networks the networks the task is attached to
         * @param extras every field this record does not model
         */
        public Spec {
            networks = Copies.copy(networks);
            extras = Copies.copy(extras);
        }

        /** All components; secret-looking environment and label values masked. */
        @Override
        public String toString() {
            return Masking.record(this);
        }
    }

    /**
     * The container a task runs ({@code ContainerSpec}), named as {@link ServiceSpec} names it. Mounts, secrets,
     * configs, health check and the rest are in {@link #extras()}.
     *
     * @param image the image, pinned to a digest
     * @param labels the container's labels
     * @param entrypoint the entrypoint replacing the image's (the API's {@code Command}); empty for the image's
     * @param cmd the command replacing the image's {@code CMD} (the API's {@code Args}); empty for the image's
     * @param hostname the container's host name
     * @param env the environment, {@code KEY=value}
     * @param dir the working directory
     * @param user the user the command runs as
     * @param tty whether the container has a pseudo-terminal
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Container(
            @JsonProperty("Image") String image,
            @JsonProperty("Labels") Map<String, String> labels,
            @JsonProperty("Command") List<String> entrypoint,
            @JsonProperty("Args") List<String> cmd,
            @JsonProperty("Hostname") String hostname,
            @JsonProperty("Env") List<String> env,
            @JsonProperty("Dir") String dir,
            @JsonProperty("User") String user,
            @JsonProperty("TTY") boolean tty,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies the lists and maps, unmodifiable; null becomes empty.
         *
         * @param image the image, pinned to a digest
         * @param labels the container's labels
         * @param entrypoint the entrypoint replacing the image's (the API's {@code Command}); empty for the image's
         * @param cmd the command replacing the image's {@code CMD} (the API's {@code Args}); empty for the image's
         * @param hostname the container's host name
         * @param env the environment, {@code KEY=value}
         * @param dir the working directory
         * @param user the user the command runs as
         * @param tty whether the container has a pseudo-terminal
         * @param extras every field this record does not model
         */
        public Container {
            labels = Copies.copy(labels);
            entrypoint = Copies.copy(entrypoint);
            cmd = Copies.copy(cmd);
            env = Copies.copy(env);
            extras = Copies.copy(extras);
        }

        /** All components; secret-looking environment and label values masked. */
        @Override
        public String toString() {
            return Masking.record(this);
        }
    }

    /**
     * A task's resources ({@code Resources}).
     *
     * @param limits what the task may use at most; null for no limits
     * @param reservations what the task reserves on its node; null for none
     * @param swapBytes the swap limit (API 1.52), -1 for unlimited; null when not set
     * @param memorySwappiness the swappiness, 0 to 100 (API 1.52); null when not set
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Resources(
            @JsonProperty("Limits") @Nullable Amounts limits,
            @JsonProperty("Reservations") @Nullable Amounts reservations,
            @JsonProperty("SwapBytes") @Nullable Long swapBytes,
            @JsonProperty("MemorySwappiness") @Nullable Long memorySwappiness,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param limits what the task may use at most; null for no limits
         * @param reservations what the task reserves on its node; null for none
         * @param swapBytes the swap limit (API 1.52), -1 for unlimited; null when not set
         * @param memorySwappiness the swappiness, 0 to 100 (API 1.52); null when not set
         * @param extras every field this record does not model
         */
        public Resources {
            extras = Copies.copy(extras);
        }
    }

    /**
     * CPU, memory and process amounts ({@code Limit}, {@code ResourceObject}); 0 means none.
     *
     * @param nanoCpus CPUs, in billionths of a CPU
     * @param memoryBytes memory in bytes
     * @param pids processes (limits only)
     * @param extras every field this record does not model ({@code GenericResources})
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Amounts(
            @JsonProperty("NanoCPUs") long nanoCpus,
            @JsonProperty("MemoryBytes") long memoryBytes,
            @JsonProperty("Pids") long pids,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param nanoCpus CPUs, in billionths of a CPU
         * @param memoryBytes memory in bytes
         * @param pids processes (limits only)
         * @param extras every field this record does not model ({@code GenericResources})
         */
        public Amounts {
            extras = Copies.copy(extras);
        }
    }

    /**
     * A task's restart policy ({@code RestartPolicy}), as {@link ServiceSpec.Restart} sets it.
     *
     * @param condition {@code none}, {@code on-failure} or {@code any}; null when not set
     * @param delay the wait between attempts, in nanoseconds
     * @param maxAttempts how many restarts are tried, 0 for no limit
     * @param window how long a restart must run to count as a success, in nanoseconds
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Restart(
            @JsonProperty("Condition") @Nullable String condition,
            @JsonProperty("Delay") long delay,
            @JsonProperty("MaxAttempts") long maxAttempts,
            @JsonProperty("Window") long window,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param condition {@code none}, {@code on-failure} or {@code any}; null when not set
         * @param delay the wait between attempts, in nanoseconds
         * @param maxAttempts how many restarts are tried, 0 for no limit
         * @param window how long a restart must run to count as a success, in nanoseconds
         * @param extras every field this record does not model
         */
        public Restart {
            extras = Copies.copy(extras);
        }
    }

    /**
     * A network a task is attached to ({@code NetworkAttachmentConfig}).
     *
     * @param target the network's name or id
     * @param aliases the task's other names on it
     * @param driverOpts options for the network driver
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NetworkAttachment(
            @JsonProperty("Target") String target,
            @JsonProperty("Aliases") List<String> aliases,
            @JsonProperty("DriverOpts") Map<String, String> driverOpts,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code aliases}, {@code driverOpts} and {@code extras}, unmodifiable; null becomes empty.
         *
         * @param target the network's name or id
         * @param aliases the task's other names on it
         * @param driverOpts options for the network driver
         * @param extras every field this record does not model
         */
        public NetworkAttachment {
            aliases = Copies.copy(aliases);
            driverOpts = Copies.copy(driverOpts);
            extras = Copies.copy(extras);
        }
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
            @JsonProperty("Err") @Nullable String err,
            @JsonProperty("ContainerStatus") @Nullable ContainerStatus containerStatus,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param timestamp when the state was entered
         * @param state {@code new}, {@code pending}, {@code assigned}, {@code preparing}, {@code starting},
         *        {@code running}, {@code complete}, {@code shutdown}, {@code failed}, {@code rejected}, ...
         * @param message a short description of the state, such as {@code started}
         * @param err the error that made the task fail, or null
         * @param containerStatus the task's container, once there is one; otherwise null
         * @param extras every field this record does not model ({@code PortStatus}, ...)
         */
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
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param containerId the container's id
         * @param pid the container's main process id while it runs, otherwise 0
         * @param exitCode the exit code once it ended
         * @param extras every field this record does not model
         */
        public ContainerStatus {
            extras = Copies.copy(extras);
        }
    }
}
