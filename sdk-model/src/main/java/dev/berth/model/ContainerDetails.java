package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.model.internal.Masking;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code docker inspect} shows of a container ({@code GET /containers/{id}/json}): the main fields as
 * components, every other field the daemon sends in {@link #extras()} (and in each nested record's
 * {@code extras()}).
 *
 * <pre>{@code
 * ContainerDetails d = docker.containers().inspect("web");
 * d.shortName();              // "web"
 * d.state().running();        // true
 * d.hostPort(80);             // Optional[32768]
 * d.config().env();           // [PATH=/usr/local/sbin:...]
 * }</pre>
 *
 * @param id the container's full id
 * @param created when the container was created, as RFC 3339 with nanoseconds
 * @param path the program the container runs
 * @param args the program's arguments
 * @param state the container's running state
 * @param image the image's id ({@code sha256:...})
 * @param name the container's name, with a leading {@code /}
 * @param restartCount how many times the daemon restarted the container
 * @param config the container's configuration (portable part)
 * @param hostConfig the container's host configuration (resources, binds, restart policy)
 * @param networkSettings the container's network state, including published ports
 * @param mounts the volumes, binds and tmpfs mounted into the container
 * @param extras every field this record does not model, as the daemon sent it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerDetails(
        @JsonProperty("Id") String id,
        @JsonProperty("Created") String created,
        @JsonProperty("Path") String path,
        @JsonProperty("Args") List<String> args,
        @JsonProperty("State") State state,
        @JsonProperty("Image") String image,
        @JsonProperty("Name") String name,
        @JsonProperty("RestartCount") int restartCount,
        @JsonProperty("Config") Config config,
        @JsonProperty("HostConfig") HostConfig hostConfig,
        @JsonProperty("NetworkSettings") NetworkSettings networkSettings,
        @JsonProperty("Mounts") List<MountPoint> mounts,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) {

    public ContainerDetails {
        args = Copies.copy(args);
        mounts = Copies.copy(mounts);
        extras = Copies.copy(extras);
    }

    /**
     * The container's name without its leading {@code /}.
     *
     * @return the name, or an empty string when the daemon sent none
     */
    public String shortName() {
        if (name == null) {
            return "";
        }
        return name.startsWith("/") ? name.substring(1) : name;
    }

    /**
     * The host port a TCP container port is published on.
     *
     * @param containerPort the port inside the container
     * @return the first published host port, or empty when the port is not published
     */
    public Optional<Integer> hostPort(int containerPort) {
        return hostPort(containerPort, "tcp");
    }

    /**
     * The host port a container port is published on.
     *
     * <pre>{@code
     * d.hostPort(53, "udp");  // Optional[32769]
     * }</pre>
     *
     * @param containerPort the port inside the container
     * @param protocol {@code tcp}, {@code udp} or {@code sctp}; null means {@code tcp}
     * @return the first published host port, or empty when the port is not published
     */
    public Optional<Integer> hostPort(int containerPort, String protocol) {
        if (networkSettings == null) {
            return Optional.empty();
        }
        String proto = protocol == null || protocol.isBlank() ? "tcp" : protocol.trim().toLowerCase(Locale.ROOT);
        List<NetworkSettings.HostPort> bindings = networkSettings.ports().get(containerPort + "/" + proto);
        if (bindings == null) {
            return Optional.empty();
        }
        for (NetworkSettings.HostPort binding : bindings) {
            if (binding == null || binding.hostPort() == null || binding.hostPort().isBlank()) {
                continue;
            }
            try {
                return Optional.of(Integer.parseInt(binding.hostPort().trim()));
            } catch (NumberFormatException e) {
                // not a single port (never sent by the daemon for a running container); try the next binding
            }
        }
        return Optional.empty();
    }

    /**
     * The container's running state ({@code ContainerState}).
     *
     * <pre>{@code
     * State s = details.state();
     * s.status();    // "exited"
     * s.exitCode();  // 9
     * }</pre>
     *
     * @param status {@code created}, {@code running}, {@code paused}, {@code restarting}, {@code removing},
     *               {@code exited} or {@code dead}
     * @param running whether the container runs (a paused container is running too)
     * @param paused whether the container is paused
     * @param restarting whether the container is restarting
     * @param oomKilled whether the container was killed for running out of memory
     * @param dead whether the container is dead
     * @param pid the main process's id on the host, 0 when not running
     * @param exitCode the last exit code
     * @param error the last error, empty when none
     * @param startedAt when the container last started, RFC 3339
     * @param finishedAt when the container last exited, RFC 3339 ({@code 0001-01-01T00:00:00Z} if never)
     * @param health the health check state ({@code Status}, {@code FailingStreak}, {@code Log}); empty
     *               without a health check
     * @param extras every field this record does not model, as the daemon sent it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record State(
            @JsonProperty("Status") String status,
            @JsonProperty("Running") boolean running,
            @JsonProperty("Paused") boolean paused,
            @JsonProperty("Restarting") boolean restarting,
            @JsonProperty("OOMKilled") boolean oomKilled,
            @JsonProperty("Dead") boolean dead,
            @JsonProperty("Pid") int pid,
            @JsonProperty("ExitCode") int exitCode,
            @JsonProperty("Error") String error,
            @JsonProperty("StartedAt") String startedAt,
            @JsonProperty("FinishedAt") String finishedAt,
            @JsonProperty("Health") Map<String, Object> health,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) {

        public State {
            health = Copies.copy(health);
            extras = Copies.copy(extras);
        }
    }

    /**
     * The container's configuration ({@code ContainerConfig}).
     *
     * <pre>{@code
     * Config c = details.config();
     * c.image();  // "nginx:1.25"
     * c.cmd();    // [nginx, -g, daemon off;]
     * }</pre>
     *
     * @param hostname the container's host name
     * @param user the user the command runs as, empty for the image's default
     * @param env the environment, each entry {@code NAME=value}
     * @param cmd the command; empty when the image's is used and it has none
     * @param entrypoint the entry point; empty when none
     * @param image the image name as given at create
     * @param workingDir the working directory, empty for the image's default
     * @param labels the container's labels
     * @param tty whether a pseudo-terminal is attached (then logs and attach are not multiplexed)
     * @param openStdin whether stdin is kept open
     * @param exposedPorts the exposed ports as keys such as {@code 80/tcp} (values are empty objects)
     * @param stopSignal the signal {@code docker stop} sends; null for {@code SIGTERM}
     * @param extras every field this record does not model, as the daemon sent it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Config(
            @JsonProperty("Hostname") String hostname,
            @JsonProperty("User") String user,
            @JsonProperty("Env") List<String> env,
            @JsonProperty("Cmd") List<String> cmd,
            @JsonProperty("Entrypoint") List<String> entrypoint,
            @JsonProperty("Image") String image,
            @JsonProperty("WorkingDir") String workingDir,
            @JsonProperty("Labels") Map<String, String> labels,
            @JsonProperty("Tty") boolean tty,
            @JsonProperty("OpenStdin") boolean openStdin,
            @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
            @JsonProperty("StopSignal") String stopSignal,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) {

        public Config {
            env = Copies.copy(env);
            cmd = Copies.copy(cmd);
            entrypoint = Copies.copy(entrypoint);
            labels = Copies.copy(labels);
            exposedPorts = Copies.copy(exposedPorts);
            extras = Copies.copy(extras);
        }

        /** All components; secret-looking environment variables and labels masked as in {@link ContainerSpec}. */
        @Override
        public String toString() {
            return Masking.record(this);
        }
    }

    /**
     * The container's host configuration ({@code HostConfig}).
     *
     * <pre>{@code
     * HostConfig h = details.hostConfig();
     * h.memory();                       // 536870912 (0 = no limit)
     * h.restartPolicy().get("Name");    // "on-failure"
     * }</pre>
     *
     * @param memory the memory limit in bytes, 0 for none
     * @param memorySwap memory plus swap limit in bytes, 0 for unset, -1 for unlimited swap
     * @param nanoCpus the CPU quota in billionths of a CPU ({@code --cpus 1.5} is 1500000000), 0 for none
     * @param cpuShares the relative CPU weight, 0 for the default
     * @param pidsLimit the process limit; null or 0 for none, -1 for unlimited
     * @param restartPolicy the restart policy ({@code Name}, {@code MaximumRetryCount})
     * @param autoRemove whether the daemon removes the container when it exits ({@code --rm})
     * @param privileged whether the container runs privileged
     * @param binds the bind mounts as {@code host:container[:options]}
     * @param networkMode {@code bridge}, {@code host}, {@code none}, {@code container:<id>} or a network name
     * @param extras every field this record does not model, as the daemon sent it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HostConfig(
            @JsonProperty("Memory") long memory,
            @JsonProperty("MemorySwap") long memorySwap,
            @JsonProperty("NanoCpus") long nanoCpus,
            @JsonProperty("CpuShares") long cpuShares,
            @JsonProperty("PidsLimit") Long pidsLimit,
            @JsonProperty("RestartPolicy") Map<String, Object> restartPolicy,
            @JsonProperty("AutoRemove") boolean autoRemove,
            @JsonProperty("Privileged") boolean privileged,
            @JsonProperty("Binds") List<String> binds,
            @JsonProperty("NetworkMode") String networkMode,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) {

        public HostConfig {
            restartPolicy = Copies.copy(restartPolicy);
            binds = Copies.copy(binds);
            extras = Copies.copy(extras);
        }
    }

    /**
     * The container's network state ({@code NetworkSettings}).
     *
     * <pre>{@code
     * NetworkSettings n = details.networkSettings();
     * n.ports().get("80/tcp");   // [HostPort[hostIp=0.0.0.0, hostPort=32768], ...]
     * n.ports().get("443/tcp");  // [] when exposed but not published
     * }</pre>
     *
     * @param ports each exposed port ({@code 80/tcp}) with its host bindings; an exposed but unpublished port
     *              has an empty list
     * @param ipAddress the address on the default bridge network; null from API 1.52 on, which drops it (use
     *                  {@code networks})
     * @param networks each network the container is attached to, by name, with its endpoint settings
     * @param extras every field this record does not model, as the daemon sent it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NetworkSettings(
            @JsonProperty("Ports") Map<String, List<HostPort>> ports,
            @JsonProperty("IPAddress") String ipAddress,
            @JsonProperty("Networks") Map<String, Object> networks,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) {

        public NetworkSettings {
            ports = copyPorts(ports);
            networks = Copies.copy(networks);
            extras = Copies.copy(extras);
        }

        private static Map<String, List<HostPort>> copyPorts(Map<String, List<HostPort>> ports) {
            if (ports == null) {
                return Map.of();
            }
            Map<String, List<HostPort>> copy = new LinkedHashMap<>();
            ports.forEach((port, bindings) -> copy.put(port, Copies.copy(bindings)));
            return Collections.unmodifiableMap(copy);
        }

        /**
         * One host binding of a container port.
         *
         * @param hostIp the host address, such as {@code 0.0.0.0} or {@code ::}
         * @param hostPort the host port, as a string
         */
        @JsonIgnoreProperties(ignoreUnknown = true)
        public record HostPort(@JsonProperty("HostIp") String hostIp, @JsonProperty("HostPort") String hostPort) {
        }
    }

    /**
     * One mount of the container ({@code MountPoint}).
     *
     * <pre>{@code
     * MountPoint m = details.mounts().get(0);
     * m.type();         // "volume"
     * m.destination();  // "/data"
     * }</pre>
     *
     * @param type {@code bind}, {@code volume}, {@code tmpfs}, {@code npipe} or {@code cluster}
     * @param name the volume's name; null for other types
     * @param source the host path (for volumes, the volume's data folder)
     * @param destination the path inside the container
     * @param mode the mount options given at create, such as {@code ro,Z}
     * @param rw whether the mount is writable
     * @param extras every field this record does not model, as the daemon sent it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MountPoint(
            @JsonProperty("Type") String type,
            @JsonProperty("Name") String name,
            @JsonProperty("Source") String source,
            @JsonProperty("Destination") String destination,
            @JsonProperty("Mode") String mode,
            @JsonProperty("RW") boolean rw,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) {

        public MountPoint {
            extras = Copies.copy(extras);
        }
    }
}
