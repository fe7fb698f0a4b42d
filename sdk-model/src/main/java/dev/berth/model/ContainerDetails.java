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
import org.jspecify.annotations.Nullable;

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
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies {@code args}, {@code mounts} and {@code extras}, unmodifiable; null becomes empty.
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
     * @param health the health check's state; null without a health check
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
            @JsonProperty("Health") @Nullable Health health,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param status {@code created}, {@code running}, {@code paused}, {@code restarting}, {@code removing},
         *        {@code exited} or {@code dead}
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
         * @param health the health check's state; null without a health check
         * @param extras every field this record does not model, as the daemon sent it
         */
        public State {
            extras = Copies.copy(extras);
        }
    }

    /**
     * The state of a container's health check ({@code Health}).
     *
     * <pre>{@code
     * Health h = details.state().health();
     * h.status();                   // "healthy"
     * h.log().get(0).exitCode();    // 0
     * }</pre>
     *
     * @param status {@code none}, {@code starting}, {@code healthy} or {@code unhealthy}
     * @param failingStreak how many checks in a row failed
     * @param log the last checks (the daemon keeps five), oldest first
     * @param extras every field this record does not model, as the daemon sent it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Health(
            @JsonProperty("Status") String status,
            @JsonProperty("FailingStreak") int failingStreak,
            @JsonProperty("Log") List<HealthLog> log,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code log} and {@code extras}, unmodifiable; null becomes empty.
         *
         * @param status {@code none}, {@code starting}, {@code healthy} or {@code unhealthy}
         * @param failingStreak how many checks in a row failed
         * @param log the last checks (the daemon keeps five), oldest first
         * @param extras every field this record does not model, as the daemon sent it
         */
        public Health {
            log = Copies.copy(log);
            extras = Copies.copy(extras);
        }
    }

    /**
     * One run of a health check ({@code HealthcheckResult}).
     *
     * @param start when the check started, RFC 3339
     * @param end when it ended, RFC 3339
     * @param exitCode 0 healthy, 1 unhealthy, 2 reserved, -1 when the check could not run
     * @param output what the check printed (the daemon keeps the first 4 KiB)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HealthLog(
            @JsonProperty("Start") String start,
            @JsonProperty("End") String end,
            @JsonProperty("ExitCode") int exitCode,
            @JsonProperty("Output") String output) {
    }

    /**
     * The container's configuration ({@code ContainerConfig}): what {@code docker create} set, merged with the
     * image's configuration (its {@code Env}, {@code Labels}, {@code Cmd}, {@code ExposedPorts}, ... appear here
     * too).
     *
     * <pre>{@code
     * Config c = details.config();
     * c.image();          // "nginx:1.25"
     * c.cmd();            // [nginx, -g, daemon off;]
     * c.exposedPorts();   // [80/tcp]
     * }</pre>
     *
     * @param hostname the container's host name (the daemon makes it the short id when none was given)
     * @param domainname the container's domain name, empty for none
     * @param user the user the command runs as, empty for the image's default
     * @param attachStdin whether {@code docker start -a} attaches stdin
     * @param attachStdout whether it attaches stdout
     * @param attachStderr whether it attaches stderr
     * @param tty whether a pseudo-terminal is attached (then logs and attach are not multiplexed)
     * @param openStdin whether stdin is kept open ({@code -i})
     * @param stdinOnce whether stdin closes after the first attached client leaves
     * @param env the environment, each entry {@code NAME=value}
     * @param cmd the command; empty when the image's is used and it has none
     * @param entrypoint the entry point; empty when none
     * @param image the image name as given at create
     * @param workingDir the working directory, empty for the image's default
     * @param labels the container's labels
     * @param stopSignal the signal {@code docker stop} sends; null for {@code SIGTERM}
     * @param stopTimeout the seconds {@code docker stop} waits before killing; null for the daemon's default
     * @param healthcheck the health check; null when neither the container nor the image has one
     * @param extras every field this record does not model, as the daemon sent it; {@code ExposedPorts} and
     *        {@code Volumes} are read by {@link #exposedPorts()} and {@link #volumes()}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Config(
            @JsonProperty("Hostname") String hostname,
            @JsonProperty("Domainname") String domainname,
            @JsonProperty("User") String user,
            @JsonProperty("AttachStdin") boolean attachStdin,
            @JsonProperty("AttachStdout") boolean attachStdout,
            @JsonProperty("AttachStderr") boolean attachStderr,
            @JsonProperty("Tty") boolean tty,
            @JsonProperty("OpenStdin") boolean openStdin,
            @JsonProperty("StdinOnce") boolean stdinOnce,
            @JsonProperty("Env") List<String> env,
            @JsonProperty("Cmd") List<String> cmd,
            @JsonProperty("Entrypoint") List<String> entrypoint,
            @JsonProperty("Image") String image,
            @JsonProperty("WorkingDir") String workingDir,
            @JsonProperty("Labels") Map<String, String> labels,
            @JsonProperty("StopSignal") @Nullable String stopSignal,
            @JsonProperty("StopTimeout") @Nullable Integer stopTimeout,
            @JsonProperty("Healthcheck") @Nullable HealthConfig healthcheck,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies the lists and maps, unmodifiable; null becomes empty.
         *
         * @param hostname the container's host name (the daemon makes it the short id when none was given)
         * @param domainname the container's domain name, empty for none
         * @param user the user the command runs as, empty for the image's default
         * @param attachStdin whether {@code docker start -a} attaches stdin
         * @param attachStdout whether it attaches stdout
         * @param attachStderr whether it attaches stderr
         * @param tty whether a pseudo-terminal is attached (then logs and attach are not multiplexed)
         * @param openStdin whether stdin is kept open ({@code -i})
         * @param stdinOnce whether stdin closes after the first attached client leaves
         * @param env the environment, each entry {@code NAME=value}
         * @param cmd the command; empty when the image's is used and it has none
         * @param entrypoint the entry point; empty when none
         * @param image the image name as given at create
         * @param workingDir the working directory, empty for the image's default
         * @param labels the container's labels
         * @param stopSignal the signal {@code docker stop} sends; null for {@code SIGTERM}
         * @param stopTimeout the seconds {@code docker stop} waits before killing; null for the daemon's default
         * @param healthcheck the health check; null when neither the container nor the image has one
         * @param extras every field this record does not model, as the daemon sent it; {@code ExposedPorts} and
         *        {@code Volumes} are read by {@link #exposedPorts()} and {@link #volumes()}
         */
        public Config {
            env = Copies.copy(env);
            cmd = Copies.copy(cmd);
            entrypoint = Copies.copy(entrypoint);
            labels = Copies.copy(labels);
            extras = Copies.copy(extras);
        }

        /** {@return the exposed ports, such as {@code 80/tcp} (the daemon sends them as object keys)} */
        public List<String> exposedPorts() {
            return keys("ExposedPorts");
        }

        /** {@return the paths declared as anonymous volumes ({@code -v /data}, the image's {@code VOLUME})} */
        public List<String> volumes() {
            return keys("Volumes");
        }

        private List<String> keys(String field) {
            return extras.get(field) instanceof Map<?, ?> m
                    ? m.keySet().stream().map(String::valueOf).toList() : List.of();
        }

        /** All components; secret-looking environment variables and labels masked as in {@link ContainerSpec}. */
        @Override
        public String toString() {
            return Masking.record(this);
        }
    }

    /**
     * A health check as configured ({@code HealthConfig}); durations in nanoseconds, 0 to inherit.
     *
     * @param test {@code [CMD, args...]}, {@code [CMD-SHELL, command]}, {@code [NONE]}, or empty to inherit
     * @param interval the time between checks
     * @param timeout the time one check may take
     * @param startPeriod the grace time after start
     * @param startInterval the time between checks during the start period
     * @param retries failures in a row before unhealthy
     * @param extras every field this record does not model, as the daemon sent it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HealthConfig(
            @JsonProperty("Test") List<String> test,
            @JsonProperty("Interval") long interval,
            @JsonProperty("Timeout") long timeout,
            @JsonProperty("StartPeriod") long startPeriod,
            @JsonProperty("StartInterval") long startInterval,
            @JsonProperty("Retries") int retries,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code test} and {@code extras}, unmodifiable; null becomes empty.
         *
         * @param test {@code [CMD, args...]}, {@code [CMD-SHELL, command]}, {@code [NONE]}, or empty to inherit
         * @param interval the time between checks
         * @param timeout the time one check may take
         * @param startPeriod the grace time after start
         * @param startInterval the time between checks during the start period
         * @param retries failures in a row before unhealthy
         * @param extras every field this record does not model, as the daemon sent it
         */
        public HealthConfig {
            test = Copies.copy(test);
            extras = Copies.copy(extras);
        }
    }

    /**
     * The container's host configuration ({@code HostConfig}): resources, mounts, networking and security as
     * {@code docker create} set them (with a few defaults the daemon fills in: {@code NetworkMode},
     * {@code ShmSize}, {@code LogConfig}, {@code IpcMode}, {@code CgroupnsMode}, {@code Runtime}). Block I/O limits,
     * {@code Mounts} and newer fields are in {@link #extras()}.
     *
     * <pre>{@code
     * HostConfig h = details.hostConfig();
     * h.memory();                  // 536870912 (0 = no limit)
     * h.restartPolicy().name();    // "on-failure"
     * h.logConfig().config();      // {max-size=10m}
     * }</pre>
     *
     * @param memory the memory limit in bytes, 0 for none ({@code -m})
     * @param memorySwap memory plus swap limit in bytes, 0 for unset, -1 for unlimited swap
     * @param memoryReservation the soft memory limit in bytes, 0 for none
     * @param memorySwappiness the swappiness (0 to 100); null for the host's
     * @param nanoCpus the CPU quota in billionths of a CPU ({@code --cpus 1.5} is 1500000000), 0 for none
     * @param cpuShares the relative CPU weight, 0 for the default
     * @param cpuPeriod the CFS period in microseconds, 0 for the default
     * @param cpuQuota the CFS quota in microseconds, 0 for none
     * @param cpusetCpus the CPUs the container may use ({@code 0-3}, {@code 0,1}), empty for all
     * @param cpusetMems the memory nodes the container may use, empty for all
     * @param pidsLimit the process limit; null or 0 for none, -1 for unlimited
     * @param shmSize the size of {@code /dev/shm} in bytes (the daemon fills in 64 MiB)
     * @param oomKillDisable whether the OOM killer is disabled; null when not set
     * @param oomScoreAdj the OOM score adjustment (-1000 to 1000)
     * @param restartPolicy the restart policy; {@code no} when the daemon sent none
     * @param autoRemove whether the daemon removes the container when it exits ({@code --rm})
     * @param privileged whether the container runs privileged
     * @param readonlyRootfs whether the root file system is read-only
     * @param init whether an init process runs as PID 1; null for the daemon's default
     * @param binds the bind mounts and named volumes of {@code -v}, as {@code source:target[:options]}
     * @param tmpfs the tmpfs mounts, path to options
     * @param volumesFrom the containers whose volumes are mounted, {@code name[:ro|rw]}
     * @param volumeDriver the driver of the volumes of {@code -v}, empty for {@code local}
     * @param networkMode {@code bridge}, {@code host}, {@code none}, {@code container:<id>} or a network name
     * @param portBindings each published container port ({@code 80/tcp}) with its host bindings
     * @param publishAllPorts whether every exposed port is published on a random host port ({@code -P})
     * @param dns the DNS servers
     * @param dnsOptions the resolver options
     * @param dnsSearch the DNS search domains
     * @param extraHosts the {@code /etc/hosts} entries, {@code host:ip}
     * @param links the legacy links, {@code name:alias}
     * @param capAdd the capabilities added
     * @param capDrop the capabilities dropped
     * @param securityOpt the security options ({@code no-new-privileges}, {@code seccomp=...}, ...)
     * @param groupAdd the additional groups
     * @param sysctls the namespaced kernel parameters
     * @param storageOpt the storage driver options ({@code size=10G})
     * @param annotations the OCI annotations passed to the runtime
     * @param ipcMode the IPC namespace ({@code private}, {@code shareable}, {@code host}, {@code container:<id>})
     * @param pidMode the PID namespace, empty for a private one
     * @param utsMode the UTS namespace, empty for a private one
     * @param usernsMode the user namespace, empty for the daemon's setting
     * @param cgroupnsMode the cgroup namespace ({@code private} or {@code host}; the daemon fills in its default)
     * @param cgroupParent the parent cgroup, empty for the daemon's
     * @param runtime the OCI runtime (the daemon fills in {@code runc})
     * @param isolation the isolation technology (Windows), empty on Linux
     * @param logConfig the logging driver and its options
     * @param ulimits the resource limits ({@code --ulimit})
     * @param devices the host devices mapped in ({@code --device})
     * @param deviceRequests the device requests ({@code --gpus}, CDI devices)
     * @param deviceCgroupRules the device cgroup rules
     * @param extras every field this record does not model, as the daemon sent it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HostConfig(
            @JsonProperty("Memory") long memory,
            @JsonProperty("MemorySwap") long memorySwap,
            @JsonProperty("MemoryReservation") long memoryReservation,
            @JsonProperty("MemorySwappiness") @Nullable Long memorySwappiness,
            @JsonProperty("NanoCpus") long nanoCpus,
            @JsonProperty("CpuShares") long cpuShares,
            @JsonProperty("CpuPeriod") long cpuPeriod,
            @JsonProperty("CpuQuota") long cpuQuota,
            @JsonProperty("CpusetCpus") String cpusetCpus,
            @JsonProperty("CpusetMems") String cpusetMems,
            @JsonProperty("PidsLimit") @Nullable Long pidsLimit,
            @JsonProperty("ShmSize") long shmSize,
            @JsonProperty("OomKillDisable") @Nullable Boolean oomKillDisable,
            @JsonProperty("OomScoreAdj") int oomScoreAdj,
            @JsonProperty("RestartPolicy") RestartPolicy restartPolicy,
            @JsonProperty("AutoRemove") boolean autoRemove,
            @JsonProperty("Privileged") boolean privileged,
            @JsonProperty("ReadonlyRootfs") boolean readonlyRootfs,
            @JsonProperty("Init") @Nullable Boolean init,
            @JsonProperty("Binds") List<String> binds,
            @JsonProperty("Tmpfs") Map<String, String> tmpfs,
            @JsonProperty("VolumesFrom") List<String> volumesFrom,
            @JsonProperty("VolumeDriver") String volumeDriver,
            @JsonProperty("NetworkMode") String networkMode,
            @JsonProperty("PortBindings") Map<String, List<NetworkSettings.HostPort>> portBindings,
            @JsonProperty("PublishAllPorts") boolean publishAllPorts,
            @JsonProperty("Dns") List<String> dns,
            @JsonProperty("DnsOptions") List<String> dnsOptions,
            @JsonProperty("DnsSearch") List<String> dnsSearch,
            @JsonProperty("ExtraHosts") List<String> extraHosts,
            @JsonProperty("Links") List<String> links,
            @JsonProperty("CapAdd") List<String> capAdd,
            @JsonProperty("CapDrop") List<String> capDrop,
            @JsonProperty("SecurityOpt") List<String> securityOpt,
            @JsonProperty("GroupAdd") List<String> groupAdd,
            @JsonProperty("Sysctls") Map<String, String> sysctls,
            @JsonProperty("StorageOpt") Map<String, String> storageOpt,
            @JsonProperty("Annotations") Map<String, String> annotations,
            @JsonProperty("IpcMode") String ipcMode,
            @JsonProperty("PidMode") String pidMode,
            @JsonProperty("UTSMode") String utsMode,
            @JsonProperty("UsernsMode") String usernsMode,
            @JsonProperty("CgroupnsMode") String cgroupnsMode,
            @JsonProperty("CgroupParent") String cgroupParent,
            @JsonProperty("Runtime") String runtime,
            @JsonProperty("Isolation") String isolation,
            @JsonProperty("LogConfig") LogConfig logConfig,
            @JsonProperty("Ulimits") List<Ulimit> ulimits,
            @JsonProperty("Devices") List<DeviceMapping> devices,
            @JsonProperty("DeviceRequests") List<DeviceRequest> deviceRequests,
            @JsonProperty("DeviceCgroupRules") List<String> deviceCgroupRules,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies the lists and maps (each port's bindings too), unmodifiable; null becomes empty. A null restart policy
         * becomes {@code no}.
         *
         * @param memory the memory limit in bytes, 0 for none ({@code -m})
         * @param memorySwap memory plus swap limit in bytes, 0 for unset, -1 for unlimited swap
         * @param memoryReservation the soft memory limit in bytes, 0 for none
         * @param memorySwappiness the swappiness (0 to 100); null for the host's
         * @param nanoCpus the CPU quota in billionths of a CPU ({@code --cpus 1.5} is 1500000000), 0 for none
         * @param cpuShares the relative CPU weight, 0 for the default
         * @param cpuPeriod the CFS period in microseconds, 0 for the default
         * @param cpuQuota the CFS quota in microseconds, 0 for none
         * @param cpusetCpus the CPUs the container may use ({@code 0-3}, {@code 0,1}), empty for all
         * @param cpusetMems the memory nodes the container may use, empty for all
         * @param pidsLimit the process limit; null or 0 for none, -1 for unlimited
         * @param shmSize the size of {@code /dev/shm} in bytes (the daemon fills in 64 MiB)
         * @param oomKillDisable whether the OOM killer is disabled; null when not set
         * @param oomScoreAdj the OOM score adjustment (-1000 to 1000)
         * @param restartPolicy the restart policy; {@code no} when the daemon sent none
         * @param autoRemove whether the daemon removes the container when it exits ({@code --rm})
         * @param privileged whether the container runs privileged
         * @param readonlyRootfs whether the root file system is read-only
         * @param init whether an init process runs as PID 1; null for the daemon's default
         * @param binds the bind mounts and named volumes of {@code -v}, as {@code source:target[:options]}
         * @param tmpfs the tmpfs mounts, path to options
         * @param volumesFrom the containers whose volumes are mounted, {@code name[:ro|rw]}
         * @param volumeDriver the driver of the volumes of {@code -v}, empty for {@code local}
         * @param networkMode {@code bridge}, {@code host}, {@code none}, {@code container:<id>} or a network name
         * @param portBindings each published container port ({@code 80/tcp}) with its host bindings
         * @param publishAllPorts whether every exposed port is published on a random host port ({@code -P})
         * @param dns the DNS servers
         * @param dnsOptions the resolver options
         * @param dnsSearch the DNS search domains
         * @param extraHosts the {@code /etc/hosts} entries, {@code host:ip}
         * @param links the legacy links, {@code name:alias}
         * @param capAdd the capabilities added
         * @param capDrop the capabilities dropped
         * @param securityOpt the security options ({@code no-new-privileges}, {@code seccomp=...}, ...)
         * @param groupAdd the additional groups
         * @param sysctls the namespaced kernel parameters
         * @param storageOpt the storage driver options ({@code size=10G})
         * @param annotations the OCI annotations passed to the runtime
         * @param ipcMode the IPC namespace ({@code private}, {@code shareable}, {@code host}, {@code container:<id>})
         * @param pidMode the PID namespace, empty for a private one
         * @param utsMode the UTS namespace, empty for a private one
         * @param usernsMode the user namespace, empty for the daemon's setting
         * @param cgroupnsMode the cgroup namespace ({@code private} or {@code host}; the daemon fills in its default)
         * @param cgroupParent the parent cgroup, empty for the daemon's
         * @param runtime the OCI runtime (the daemon fills in {@code runc})
         * @param isolation the isolation technology (Windows), empty on Linux
         * @param logConfig the logging driver and its options
         * @param ulimits the resource limits ({@code --ulimit})
         * @param devices the host devices mapped in ({@code --device})
         * @param deviceRequests the device requests ({@code --gpus}, CDI devices)
         * @param deviceCgroupRules the device cgroup rules
         * @param extras every field this record does not model, as the daemon sent it
         */
        public HostConfig {
            restartPolicy = restartPolicy == null ? RestartPolicy.no() : restartPolicy;
            binds = Copies.copy(binds);
            tmpfs = Copies.copy(tmpfs);
            volumesFrom = Copies.copy(volumesFrom);
            portBindings = NetworkSettings.copyPorts(portBindings);
            dns = Copies.copy(dns);
            dnsOptions = Copies.copy(dnsOptions);
            dnsSearch = Copies.copy(dnsSearch);
            extraHosts = Copies.copy(extraHosts);
            links = Copies.copy(links);
            capAdd = Copies.copy(capAdd);
            capDrop = Copies.copy(capDrop);
            securityOpt = Copies.copy(securityOpt);
            groupAdd = Copies.copy(groupAdd);
            sysctls = Copies.copy(sysctls);
            storageOpt = Copies.copy(storageOpt);
            annotations = Copies.copy(annotations);
            ulimits = Copies.copy(ulimits);
            devices = Copies.copy(devices);
            deviceRequests = Copies.copy(deviceRequests);
            deviceCgroupRules = Copies.copy(deviceCgroupRules);
            extras = Copies.copy(extras);
        }
    }

    /**
     * The logging driver of a container ({@code LogConfig}).
     *
     * @param type the driver, such as {@code json-file} (the daemon fills in its default) or {@code none}
     * @param config the driver's options ({@code --log-opt})
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LogConfig(@JsonProperty("Type") String type, @JsonProperty("Config") Map<String, String> config) {
        /**
         * Copies {@code config}, unmodifiable; null becomes empty.
         *
         * @param type the driver, such as {@code json-file} (the daemon fills in its default) or {@code none}
         * @param config the driver's options ({@code --log-opt})
         */
        public LogConfig {
            config = Copies.copy(config);
        }
    }

    /**
     * A resource limit ({@code --ulimit nofile=1024:2048}).
     *
     * @param name the limit, such as {@code nofile}
     * @param soft the soft limit
     * @param hard the hard limit
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ulimit(@JsonProperty("Name") String name, @JsonProperty("Soft") long soft,
            @JsonProperty("Hard") long hard) {
    }

    /**
     * A host device mapped into the container ({@code --device /dev/fuse}).
     *
     * @param pathOnHost the device on the host
     * @param pathInContainer where it appears in the container
     * @param cgroupPermissions {@code r}, {@code w} and {@code m} (mknod), such as {@code rwm}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DeviceMapping(@JsonProperty("PathOnHost") String pathOnHost,
            @JsonProperty("PathInContainer") String pathInContainer,
            @JsonProperty("CgroupPermissions") String cgroupPermissions) {
    }

    /**
     * A request for devices from a device driver ({@code --gpus}, CDI {@code --device}).
     *
     * @param driver the driver, such as {@code nvidia} or {@code cdi}; empty for any
     * @param count how many devices, -1 for all
     * @param deviceIds the devices requested by id
     * @param capabilities alternatives, each a list of capabilities that must all be present
     * @param options the driver's options
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DeviceRequest(@JsonProperty("Driver") String driver, @JsonProperty("Count") int count,
            @JsonProperty("DeviceIDs") List<String> deviceIds,
            @JsonProperty("Capabilities") List<List<String>> capabilities,
            @JsonProperty("Options") Map<String, String> options) {
        /**
         * Copies {@code deviceIds}, {@code capabilities} and {@code options}, unmodifiable; null becomes empty.
         *
         * @param driver the driver, such as {@code nvidia} or {@code cdi}; empty for any
         * @param count how many devices, -1 for all
         * @param deviceIds the devices requested by id
         * @param capabilities alternatives, each a list of capabilities that must all be present
         * @param options the driver's options
         */
        public DeviceRequest {
            deviceIds = Copies.copy(deviceIds);
            capabilities = Copies.copy(capabilities);
            options = Copies.copy(options);
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
     * @param networks each network the container is attached to, by name, with its endpoint settings (before the
     *                 container starts: what was asked for at create)
     * @param extras every field this record does not model, as the daemon sent it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NetworkSettings(
            @JsonProperty("Ports") Map<String, List<HostPort>> ports,
            @JsonProperty("IPAddress") @Nullable String ipAddress,
            @JsonProperty("Networks") Map<String, EndpointSettings> networks,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code ports} (each port's bindings too), {@code networks} and {@code extras}, unmodifiable; null
         * becomes empty, so an exposed port that is not published maps to an empty list.
         *
         * @param ports each exposed port ({@code 80/tcp}) with its host bindings; an exposed but unpublished port has
         *        an empty list
         * @param ipAddress the address on the default bridge network; null from API 1.52 on, which drops it (use
         *        {@code networks})
         * @param networks each network the container is attached to, by name, with its endpoint settings (before the
         *        container starts: what was asked for at create)
         * @param extras every field this record does not model, as the daemon sent it
         */
        public NetworkSettings {
            ports = copyPorts(ports);
            networks = Copies.copy(networks);
            extras = Copies.copy(extras);
        }

        static Map<String, List<HostPort>> copyPorts(Map<String, List<HostPort>> ports) {
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
     * The container's endpoint on one network ({@code EndpointSettings}).
     *
     * <pre>{@code
     * EndpointSettings e = details.networkSettings().networks().get("app-net");
     * e.ipAddress();   // "172.20.0.2"
     * e.aliases();     // [db]
     * }</pre>
     *
     * @param ipamConfig the addresses asked for at create or connect ({@code --ip}, {@code --ip6}); null for none
     * @param links the legacy links on this network
     * @param aliases the DNS aliases on this network ({@code --network-alias}); up to API 1.44 the daemon adds the
     *                short id
     * @param macAddress the MAC address (asked for, before start; assigned, after)
     * @param driverOpts the endpoint's driver options
     * @param gwPriority which network gives the default gateway (highest first)
     * @param networkId the network's id
     * @param endpointId the endpoint's id; empty before start
     * @param gateway the IPv4 gateway
     * @param ipAddress the IPv4 address
     * @param ipPrefixLen the IPv4 prefix length
     * @param ipv6Gateway the IPv6 gateway
     * @param globalIpv6Address the global IPv6 address
     * @param globalIpv6PrefixLen the global IPv6 prefix length
     * @param dnsNames the names the container answers to on this network (API 1.44 and later)
     * @param extras every field this record does not model, as the daemon sent it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EndpointSettings(
            @JsonProperty("IPAMConfig") @Nullable EndpointIpamConfig ipamConfig,
            @JsonProperty("Links") List<String> links,
            @JsonProperty("Aliases") List<String> aliases,
            @JsonProperty("MacAddress") String macAddress,
            @JsonProperty("DriverOpts") Map<String, String> driverOpts,
            @JsonProperty("GwPriority") long gwPriority,
            @JsonProperty("NetworkID") String networkId,
            @JsonProperty("EndpointID") String endpointId,
            @JsonProperty("Gateway") String gateway,
            @JsonProperty("IPAddress") String ipAddress,
            @JsonProperty("IPPrefixLen") int ipPrefixLen,
            @JsonProperty("IPv6Gateway") String ipv6Gateway,
            @JsonProperty("GlobalIPv6Address") String globalIpv6Address,
            @JsonProperty("GlobalIPv6PrefixLen") int globalIpv6PrefixLen,
            @JsonProperty("DNSNames") List<String> dnsNames,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies the lists and maps, unmodifiable; null becomes empty.
         *
         * @param ipamConfig the addresses asked for at create or connect ({@code --ip}, {@code --ip6}); null for none
         * @param links the legacy links on this network
         * @param aliases the DNS aliases on this network ({@code --network-alias}); up to API 1.44 the daemon adds the
         *        short id
         * @param macAddress the MAC address (asked for, before start; assigned, after)
         * @param driverOpts the endpoint's driver options
         * @param gwPriority which network gives the default gateway (highest first)
         * @param networkId the network's id
         * @param endpointId the endpoint's id; empty before start
         * @param gateway the IPv4 gateway
         * @param ipAddress the IPv4 address
         * @param ipPrefixLen the IPv4 prefix length
         * @param ipv6Gateway the IPv6 gateway
         * @param globalIpv6Address the global IPv6 address
         * @param globalIpv6PrefixLen the global IPv6 prefix length
         * @param dnsNames the names the container answers to on this network (API 1.44 and later)
         * @param extras every field this record does not model, as the daemon sent it
         */
        public EndpointSettings {
            links = Copies.copy(links);
            aliases = Copies.copy(aliases);
            driverOpts = Copies.copy(driverOpts);
            dnsNames = Copies.copy(dnsNames);
            extras = Copies.copy(extras);
        }
    }

    /**
     * The addresses asked for on one network ({@code EndpointIPAMConfig}).
     *
     * @param ipv4Address the IPv4 address ({@code --ip}); null or empty for none
     * @param ipv6Address the IPv6 address ({@code --ip6}); null or empty for none
     * @param linkLocalIps the link-local addresses ({@code --link-local-ip})
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EndpointIpamConfig(
            @JsonProperty("IPv4Address") @Nullable String ipv4Address,
            @JsonProperty("IPv6Address") @Nullable String ipv6Address,
            @JsonProperty("LinkLocalIPs") List<String> linkLocalIps) {

        /**
         * Copies {@code linkLocalIps}, unmodifiable; null becomes empty.
         *
         * @param ipv4Address the IPv4 address ({@code --ip}); null or empty for none
         * @param ipv6Address the IPv6 address ({@code --ip6}); null or empty for none
         * @param linkLocalIps the link-local addresses ({@code --link-local-ip})
         */
        public EndpointIpamConfig {
            linkLocalIps = Copies.copy(linkLocalIps);
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
            @JsonProperty("Name") @Nullable String name,
            @JsonProperty("Source") String source,
            @JsonProperty("Destination") String destination,
            @JsonProperty("Mode") String mode,
            @JsonProperty("RW") boolean rw,
            @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

        /**
         * Copies {@code extras}, unmodifiable; null becomes empty.
         *
         * @param type {@code bind}, {@code volume}, {@code tmpfs}, {@code npipe} or {@code cluster}
         * @param name the volume's name; null for other types
         * @param source the host path (for volumes, the volume's data folder)
         * @param destination the path inside the container
         * @param mode the mount options given at create, such as {@code ro,Z}
         * @param rw whether the mount is writable
         * @param extras every field this record does not model, as the daemon sent it
         */
        public MountPoint {
            extras = Copies.copy(extras);
        }
    }
}
