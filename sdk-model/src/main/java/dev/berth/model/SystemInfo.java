package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code docker info} shows ({@code GET /info}): the main fields as components, every other field the daemon
 * sends in {@link #extras()}.
 *
 * <pre>{@code
 * SystemInfo info = docker.system().info();
 * info.serverVersion();       // "20.10.24+dfsg1"
 * info.containersRunning();   // 3
 * info.extras().get("CgroupDriver");
 * }</pre>
 *
 * @param id the daemon's id
 * @param name the host name
 * @param serverVersion the engine version
 * @param containers how many containers exist
 * @param containersRunning how many run
 * @param containersPaused how many are paused
 * @param containersStopped how many are stopped
 * @param images how many images exist
 * @param driver the storage driver ({@code overlay2}, ...)
 * @param dockerRootDir the daemon's data folder
 * @param operatingSystem the host's operating system
 * @param osType {@code linux} or {@code windows}
 * @param architecture the CPU architecture
 * @param cpus how many CPUs the daemon sees
 * @param memTotal the host's memory, in bytes
 * @param kernelVersion the host's kernel
 * @param labels the daemon's labels
 * @param cgroupVersion {@code 1} or {@code 2}
 * @param driverStatus the storage driver's facts as {@code [name, value]} pairs (on the containerd image store,
 *     {@code ["driver-type", "io.containerd.snapshotter.v1"]})
 * @param swarm the node's Swarm state
 * @param extras every field this record does not model, as the daemon sent it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SystemInfo(
        @JsonProperty("ID") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("ServerVersion") String serverVersion,
        @JsonProperty("Containers") int containers,
        @JsonProperty("ContainersRunning") int containersRunning,
        @JsonProperty("ContainersPaused") int containersPaused,
        @JsonProperty("ContainersStopped") int containersStopped,
        @JsonProperty("Images") int images,
        @JsonProperty("Driver") String driver,
        @JsonProperty("DockerRootDir") String dockerRootDir,
        @JsonProperty("OperatingSystem") String operatingSystem,
        @JsonProperty("OSType") String osType,
        @JsonProperty("Architecture") String architecture,
        @JsonProperty("NCPU") int cpus,
        @JsonProperty("MemTotal") long memTotal,
        @JsonProperty("KernelVersion") String kernelVersion,
        @JsonProperty("Labels") List<String> labels,
        @JsonProperty("CgroupVersion") String cgroupVersion,
        @JsonProperty("DriverStatus") List<List<String>> driverStatus,
        @JsonProperty("Swarm") SwarmState swarm,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies {@code labels}, {@code driverStatus} (each pair too) and {@code extras}, unmodifiable; null becomes empty.
     *
     * @param id the daemon's id
     * @param name the host name
     * @param serverVersion the engine version
     * @param containers how many containers exist
     * @param containersRunning how many run
     * @param containersPaused how many are paused
     * @param containersStopped how many are stopped
     * @param images how many images exist
     * @param driver the storage driver ({@code overlay2}, ...)
     * @param dockerRootDir the daemon's data folder
     * @param operatingSystem the host's operating system
     * @param osType {@code linux} or {@code windows}
     * @param architecture the CPU architecture
     * @param cpus how many CPUs the daemon sees
     * @param memTotal the host's memory, in bytes
     * @param kernelVersion the host's kernel
     * @param labels the daemon's labels
     * @param cgroupVersion {@code 1} or {@code 2}
     * @param driverStatus the storage driver's facts as {@code [name, value]} pairs (on the containerd image store,
     *        {@code ["driver-type", "io.containerd.snapshotter.v1"]})
     * @param swarm the node's Swarm state
     * @param extras every field this record does not model, as the daemon sent it
     */
    public SystemInfo {
        labels = Copies.copy(labels);
        driverStatus = driverStatus == null ? List.of() : driverStatus.stream().map(Copies::copy).toList();
        extras = Copies.copy(extras);
    }

    /**
     * {@return whether the daemon keeps images in containerd's image store (the default of new Engine 29 installs,
     * opt-in from Engine 24 with the {@code containerd-snapshotter} feature) rather than in its own graph drivers}
     * That store answers some calls differently: image ids are manifest digests, a fast pull may report no byte counts,
     * and {@code docker save} writes OCI layouts.
     */
    public boolean containerdImageStore() {
        return driverStatus.stream().anyMatch(p -> p.size() == 2 && p.get(0).equals("driver-type")
                && p.get(1).equals("io.containerd.snapshotter.v1"));
    }

    /**
     * The node's part in a Swarm, as {@code /info} reports it.
     *
     * @param nodeId the node's id, empty outside a Swarm
     * @param nodeAddr the node's address
     * @param localNodeState {@code inactive}, {@code pending}, {@code active}, {@code error}, {@code locked}
     * @param controlAvailable whether this node is a manager
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SwarmState(@JsonProperty("NodeID") String nodeId, @JsonProperty("NodeAddr") String nodeAddr,
                             @JsonProperty("LocalNodeState") String localNodeState,
                             @JsonProperty("ControlAvailable") boolean controlAvailable) {
    }
}
