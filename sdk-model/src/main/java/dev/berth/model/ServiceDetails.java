package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.berth.model.internal.Masking;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A service, as {@code docker service inspect} shows it ({@code GET /services/{id}}): its id and version, its spec,
 * the spec before the last update, the ports the daemon published, and how the last update went. The specs keep
 * all the daemon sent, so {@code spec().toBuilder()...build()} changes only what the builder is told to.
 *
 * <pre>{@code
 * ServiceDetails s = swarm.services().inspect("web");
 * s.spec().replicas();                    // OptionalLong[3]
 * s.endpoint().ports();                   // [30000:80/tcp (ingress)]
 * s.updateStatus().state();               // "completed"
 * s.previousSpec().env();                // {STAGE=one}
 * }</pre>
 *
 * @param id the service's id
 * @param version the version to name in an update
 * @param createdAt when the service was created, as RFC 3339 with nanoseconds
 * @param updatedAt when the service last changed
 * @param spec the spec ({@code Spec})
 * @param previousSpec the spec before the last update ({@code PreviousSpec}); null when never updated
 * @param endpoint the endpoint as set up: ports actually published and virtual IPs; null before allocation
 * @param updateStatus how the last update or rollback went; null when there has been none
 * @param serviceStatus running and desired task counts; only in lists asked with {@code status=true}, null
 *        elsewhere
 * @param extras every field this record does not model ({@code JobStatus}, ...)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceDetails(
        @JsonProperty("ID") String id,
        @JsonProperty("Version") ObjectVersion version,
        @JsonProperty("CreatedAt") String createdAt,
        @JsonProperty("UpdatedAt") String updatedAt,
        @JsonProperty("Spec") ServiceSpec spec,
        @JsonProperty("PreviousSpec") @Nullable ServiceSpec previousSpec,
        @JsonProperty("Endpoint") @Nullable Endpoint endpoint,
        @JsonProperty("UpdateStatus") @Nullable UpdateStatus updateStatus,
        @JsonProperty("ServiceStatus") @Nullable ServiceStatus serviceStatus,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies {@code extras}, unmodifiable; null becomes empty. A null spec becomes an empty one, with no image.
     *
     * @param id the service's id
     * @param version the version to name in an update
     * @param createdAt when the service was created, as RFC 3339 with nanoseconds
     * @param updatedAt when the service last changed
     * @param spec the spec ({@code Spec})
     * @param previousSpec the spec before the last update ({@code PreviousSpec}); null when never updated
     * @param endpoint the endpoint as set up: ports actually published and virtual IPs; null before allocation
     * @param updateStatus how the last update or rollback went; null when there has been none
     * @param serviceStatus running and desired task counts; only in lists asked with {@code status=true}, null
     *        elsewhere
     * @param extras every field this record does not model ({@code JobStatus}, ...)
     */
    public ServiceDetails {
        spec = spec == null ? ServiceSpec.fromJson(Map.of()) : spec;
        extras = Copies.copy(extras);
    }

    /** All components; secret-looking {@code Env} and label values of both specs masked as in {@link ServiceSpec}. */
    @Override
    public String toString() {
        return Masking.record(this);
    }

    /** {@return {@code Version.Index}, or 0 when the daemon sent no version} */
    public long versionIndex() {
        return ObjectVersion.indexOf(version);
    }

    /** {@return the service's name, or an empty string} */
    public String name() {
        return spec.name().orElse("");
    }

    /**
     * A service's endpoint as allocated ({@code Endpoint}).
     *
     * @param spec the endpoint spec in force: the mode and the ports asked for
     * @param ports the ports actually published, with the ones the daemon picked filled in
     * @param virtualIps the service's virtual IP on each network ({@code NetworkID}, {@code Addr}), as sent
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Endpoint(
            @JsonProperty("Spec") EndpointSpec spec,
            @JsonProperty("Ports") List<ServiceSpec.Port> ports,
            @JsonProperty("VirtualIPs") List<Map<String, Object>> virtualIps,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code ports}, {@code virtualIps} and {@code extras}, unmodifiable; null becomes empty.
         *
         * @param spec the endpoint spec in force: the mode and the ports asked for
         * @param ports the ports actually published, with the ones the daemon picked filled in
         * @param virtualIps the service's virtual IP on each network ({@code NetworkID}, {@code Addr}), as sent
         * @param extras every field this record does not model
         */
        public Endpoint {
            ports = Copies.copy(ports);
            virtualIps = Copies.copy(virtualIps);
            extras = Copies.copy(extras);
        }
    }

    /**
     * How a service is reached ({@code EndpointSpec}, {@code docker service create --endpoint-mode}).
     *
     * @param mode how clients find the tasks: a virtual IP or DNS round robin; null when the daemon sent none
     * @param ports the ports to publish, as asked
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EndpointSpec(
            @JsonProperty("Mode") @Nullable EndpointMode mode,
            @JsonProperty("Ports") List<ServiceSpec.Port> ports,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code ports} and {@code extras}, unmodifiable; null becomes empty.
         *
         * @param mode how clients find the tasks: a virtual IP or DNS round robin; null when the daemon sent none
         * @param ports the ports to publish, as asked
         * @param extras every field this record does not model
         */
        public EndpointSpec {
            ports = Copies.copy(ports);
            extras = Copies.copy(extras);
        }
    }

    /** How clients of a service find its tasks ({@code --endpoint-mode}). */
    public enum EndpointMode {
        /** One virtual IP, balanced over the tasks: {@code vip}. */
        VIP("vip"),
        /** A DNS name resolving to every task's IP: {@code dnsrr}. */
        DNSRR("dnsrr");

        private final String value;

        EndpointMode(String value) {
            this.value = value;
        }

        /** {@return the daemon's spelling} */
        @JsonValue
        public String value() {
            return value;
        }

        /**
         * {@return the mode the daemon's spelling names}
         *
         * @param value {@code vip} or {@code dnsrr}, as the daemon writes it
         * @throws IllegalArgumentException for anything but {@code vip} and {@code dnsrr}
         */
        @JsonCreator
        public static EndpointMode of(String value) {
            return ApiEnums.of(values(), EndpointMode::value, value, "endpoint mode");
        }
    }

    /**
     * How the last update or rollback went ({@code UpdateStatus}).
     *
     * @param state {@code updating}, {@code paused}, {@code completed}, {@code rollback_started},
     *        {@code rollback_paused} or {@code rollback_completed}
     * @param startedAt when it started
     * @param completedAt when it completed, or null
     * @param message what the daemon says about it, such as {@code update completed}
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UpdateStatus(
            @JsonProperty("State") String state,
            @JsonProperty("StartedAt") String startedAt,
            @JsonProperty("CompletedAt") @Nullable String completedAt,
            @JsonProperty("Message") String message,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param state {@code updating}, {@code paused}, {@code completed}, {@code rollback_started},
         *        {@code rollback_paused} or {@code rollback_completed}
         * @param startedAt when it started
         * @param completedAt when it completed, or null
         * @param message what the daemon says about it, such as {@code update completed}
         * @param extras every field this record does not model
         */
        public UpdateStatus {
            extras = Copies.copy(extras);
        }
    }

    /**
     * Task counts ({@code ServiceStatus}, API 1.41), as {@code docker service ls} shows them ({@code 2/3}).
     *
     * @param runningTasks tasks in the running state
     * @param desiredTasks tasks meant to run
     * @param completedTasks tasks of a job that completed
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ServiceStatus(
            @JsonProperty("RunningTasks") long runningTasks,
            @JsonProperty("DesiredTasks") long desiredTasks,
            @JsonProperty("CompletedTasks") long completedTasks,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param runningTasks tasks in the running state
         * @param desiredTasks tasks meant to run
         * @param completedTasks tasks of a job that completed
         * @param extras every field this record does not model
         */
        public ServiceStatus {
            extras = Copies.copy(extras);
        }
    }
}
