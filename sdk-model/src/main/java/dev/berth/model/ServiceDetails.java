package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.model.internal.Masking;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service, as {@code docker service inspect} shows it ({@code GET /services/{id}}): its id and version, its spec
 * (typed via {@link #spec()}, as sent via {@link #rawSpec()}), the spec before the last update, the ports the
 * daemon published, and how the last update went.
 *
 * <pre>{@code
 * ServiceDetails s = swarm.services().inspect("web");
 * s.spec().replicas();                    // OptionalLong[3]
 * s.endpoint().ports();                   // [30000:80/tcp (ingress)]
 * s.updateStatus().state();               // "completed"
 * s.previousSpec().map(ServiceSpec::env); // Optional[{STAGE=one}]
 * }</pre>
 *
 * @param id the service's id
 * @param version the version to name in an update
 * @param createdAt when the service was created, as RFC 3339 with nanoseconds
 * @param updatedAt when the service last changed
 * @param rawSpec the spec ({@code Spec}) as the daemon sent it
 * @param rawPreviousSpec the spec before the last update ({@code PreviousSpec}) as sent; empty when never updated
 * @param endpoint the endpoint as set up: ports actually published and virtual IPs; null before allocation
 * @param updateStatus how the last update or rollback went; null when there has been none
 * @param serviceStatus running and desired task counts; only in lists asked with {@code status=true}
 * @param extras every field this record does not model ({@code JobStatus}, ...)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceDetails(
        @JsonProperty("ID") String id,
        @JsonProperty("Version") ObjectVersion version,
        @JsonProperty("CreatedAt") String createdAt,
        @JsonProperty("UpdatedAt") String updatedAt,
        @JsonProperty("Spec") Map<String, Object> rawSpec,
        @JsonProperty("PreviousSpec") Map<String, Object> rawPreviousSpec,
        @JsonProperty("Endpoint") Endpoint endpoint,
        @JsonProperty("UpdateStatus") UpdateStatus updateStatus,
        @JsonProperty("ServiceStatus") ServiceStatus serviceStatus,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) {

    public ServiceDetails {
        rawSpec = Copies.copy(rawSpec);
        rawPreviousSpec = Copies.copy(rawPreviousSpec);
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
        Object n = rawSpec.get("Name");
        return n == null ? "" : n.toString();
    }

    /**
     * {@return the spec, typed} It keeps the whole of {@link #rawSpec()}, so
     * {@code spec().toBuilder()...build()} changes only what the builder is told to.
     */
    public ServiceSpec spec() {
        return ServiceSpec.fromJson(rawSpec);
    }

    /** {@return the spec before the last update, typed; empty when the service was never updated} */
    public Optional<ServiceSpec> previousSpec() {
        return rawPreviousSpec.isEmpty() ? Optional.empty() : Optional.of(ServiceSpec.fromJson(rawPreviousSpec));
    }

    /**
     * A service's endpoint as allocated ({@code Endpoint}).
     *
     * @param spec the endpoint spec in force ({@code Mode}, {@code Ports}), as sent
     * @param ports the ports actually published, with the ones the daemon picked filled in
     * @param virtualIps the service's virtual IP on each network ({@code NetworkID}, {@code Addr}), as sent
     * @param extras every field this record does not model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Endpoint(
            @JsonProperty("Spec") Map<String, Object> spec,
            @JsonProperty("Ports") List<ServiceSpec.Port> ports,
            @JsonProperty("VirtualIPs") List<Map<String, Object>> virtualIps,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) {

        public Endpoint {
            spec = Copies.copy(spec);
            ports = Copies.copy(ports);
            virtualIps = Copies.copy(virtualIps);
            extras = Copies.copy(extras);
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
            @JsonProperty("CompletedAt") String completedAt,
            @JsonProperty("Message") String message,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) {

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
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) {

        public ServiceStatus {
            extras = Copies.copy(extras);
        }
    }
}
