package dev.berth;

import dev.berth.model.ByteSize;
import dev.berth.model.ContainerSpec;
import dev.berth.model.RestartPolicy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * New limits for a running container ({@code docker update}). Only what is set changes. Every flag of
 * {@code docker update} (CLI 28) is reachable through {@link #option(String, String)}, read and checked as
 * {@code docker run} reads the same flag; the common ones also have a typed method.
 *
 * <pre>{@code
 * docker.containers().update(id, ContainerUpdate.create().memory("128m").cpus(0.5)
 *         .restartPolicy(RestartPolicy.unlessStopped()));
 * docker.containers().update(id, ContainerUpdate.create().option("--cpuset-cpus", "0-1")
 *         .option("--blkio-weight", "300"));   // docker update --cpuset-cpus 0-1 --blkio-weight 300
 * }</pre>
 */
public final class ContainerUpdate {
    private final Map<String, Object> body;

    private ContainerUpdate(Map<String, Object> body) {
        this.body = body;
    }

    /**
     * An update that changes nothing yet.
     *
     * @return the empty update
     */
    public static ContainerUpdate create() {
        return new ContainerUpdate(Map.of());
    }

    private ContainerUpdate with(String key, Object value) {
        Map<String, Object> b = new LinkedHashMap<>(body);
        b.put(key, value);
        return new ContainerUpdate(Collections.unmodifiableMap(b)); // in the order set, for the body and toString
    }

    /**
     * Memory limit in bytes ({@code --memory}).
     *
     * @param bytes the limit, in bytes
     * @return a copy that sets {@code Memory}
     * @throws IllegalArgumentException when negative
     */
    public ContainerUpdate memory(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("memory must not be negative: " + bytes);
        }
        return with("Memory", bytes);
    }

    /**
     * Memory limit such as {@code "128m"}.
     *
     * @param size a number with an optional unit ({@code b}, {@code k}, {@code m}, {@code g}), as the CLI reads it
     * @return a copy that sets {@code Memory}
     * @throws IllegalArgumentException when the size cannot be read or is negative
     */
    public ContainerUpdate memory(String size) {
        return memory(ByteSize.parse(size));
    }

    /**
     * Memory plus swap in bytes; -1 for unlimited swap ({@code --memory-swap}).
     *
     * @param bytes memory plus swap, in bytes; -1 for unlimited swap
     * @return a copy that sets {@code MemorySwap}
     * @throws IllegalArgumentException when below -1
     */
    public ContainerUpdate memorySwap(long bytes) {
        if (bytes < -1) {
            throw new IllegalArgumentException("memory+swap must be -1 or more: " + bytes);
        }
        return with("MemorySwap", bytes);
    }

    /**
     * CPUs, such as 0.5 ({@code --cpus}).
     *
     * @param cpus how many CPUs, such as 1.5
     * @return a copy that sets {@code NanoCpus}
     * @throws IllegalArgumentException when not positive
     */
    public ContainerUpdate cpus(double cpus) {
        if (!(cpus > 0)) {
            throw new IllegalArgumentException("cpus must be positive: " + cpus);
        }
        return with("NanoCpus", (long) (cpus * 1e9));
    }

    /**
     * Relative CPU weight ({@code --cpu-shares}).
     *
     * @param shares the weight against other containers (1024 by default)
     * @return a copy that sets {@code CpuShares}
     */
    public ContainerUpdate cpuShares(int shares) {
        if (shares < 0) {
            throw new IllegalArgumentException("cpu shares must not be negative: " + shares);
        }
        return with("CpuShares", shares);
    }

    /**
     * Process limit ({@code --pids-limit}); -1 for none.
     *
     * @param limit the most processes; -1 for no limit
     * @return a copy that sets {@code PidsLimit}
     */
    public ContainerUpdate pidsLimit(long limit) {
        return with("PidsLimit", limit);
    }

    /**
     * The restart policy ({@code --restart}).
     *
     * @param policy the policy, such as {@code unless-stopped}
     * @return a copy that sets {@code RestartPolicy}
     */
    public ContainerUpdate restartPolicy(RestartPolicy policy) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("Name", policy.name());
        p.put("MaximumRetryCount", policy.maximumRetryCount());
        return with("RestartPolicy", Collections.unmodifiableMap(p));
    }

    /** The flags of {@code docker update} (CLI 28), long and short. */
    static final List<String> FLAGS = List.of("--blkio-weight", "--cpu-period", "--cpu-quota", "--cpu-rt-period",
            "--cpu-rt-runtime", "--cpu-shares", "-c", "--cpus", "--cpuset-cpus", "--cpuset-mems", "--memory", "-m",
            "--memory-reservation", "--memory-swap", "--pids-limit", "--restart");

    /**
     * Sets any {@code docker update} flag by its CLI text, read and checked as {@code docker run} reads it
     * ({@link ContainerSpec.Builder#option(String, String)}), written where {@code docker update} writes it.
     *
     * <pre>{@code
     * ContainerUpdate.create().option("-m", "256m").option("--memory-swap", "-1").option("--cpus", "1.5");
     * }</pre>
     *
     * @param flag one of {@link #FLAGS}, such as {@code --cpuset-cpus} or {@code -m}
     * @param value the text that follows it on the command line
     * @return a new update with the flag set
     * @throws IllegalArgumentException for a flag {@code docker update} does not have, or a value the CLI
     *         rejects
     */
    public ContainerUpdate option(String flag, String value) {
        if (!FLAGS.contains(flag)) {
            throw new IllegalArgumentException("docker update has no flag " + flag + " (it has "
                    + String.join(", ", FLAGS) + ")");
        }
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        if (flag.equals("--memory-swap")) { // docker run checks it against -m, which docker update need not set
            return memorySwap(value.strip().equals("-1") ? -1 : ByteSize.parse(value));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> host = (Map<String, Object>) ContainerSpec.builder("scratch").option(flag, value)
                .build().toCreateBody().get("HostConfig");
        ContainerUpdate u = this;
        for (Map.Entry<String, Object> e : host.entrySet()) {
            u = u.with(e.getKey(), e.getValue() instanceof Map<?, ?> m ? Collections.unmodifiableMap(m)
                    : e.getValue());
        }
        return u;
    }

    /**
     * Soft memory limit such as {@code "64m"} ({@code --memory-reservation}).
     *
     * @param size a number with an optional unit, as the CLI reads it
     * @return a copy that sets {@code MemoryReservation}
     */
    public ContainerUpdate memoryReservation(String size) {
        return option("--memory-reservation", size);
    }

    /**
     * CFS period in microseconds ({@code --cpu-period}).
     *
     * @param micros the CFS period, in microseconds
     * @return a copy that sets {@code CpuPeriod}
     */
    public ContainerUpdate cpuPeriod(long micros) {
        return option("--cpu-period", Long.toString(micros));
    }

    /**
     * CFS quota in microseconds ({@code --cpu-quota}); -1 for none.
     *
     * @param micros the CFS quota per period, in microseconds; -1 for none
     * @return a copy that sets {@code CpuQuota}
     */
    public ContainerUpdate cpuQuota(long micros) {
        return option("--cpu-quota", Long.toString(micros));
    }

    /**
     * Real-time period in microseconds ({@code --cpu-rt-period}).
     *
     * @param micros the real-time period, in microseconds
     * @return a copy that sets {@code CpuRealtimePeriod}
     */
    public ContainerUpdate cpuRtPeriod(long micros) {
        return option("--cpu-rt-period", Long.toString(micros));
    }

    /**
     * Real-time runtime in microseconds ({@code --cpu-rt-runtime}).
     *
     * @param micros the real-time runtime per period, in microseconds
     * @return a copy that sets {@code CpuRealtimeRuntime}
     */
    public ContainerUpdate cpuRtRuntime(long micros) {
        return option("--cpu-rt-runtime", Long.toString(micros));
    }

    /**
     * The CPUs the container may use, such as {@code 0-3} or {@code 0,1} ({@code --cpuset-cpus}).
     *
     * @param cpus a list or ranges of CPU numbers
     * @return a copy that sets {@code CpusetCpus}
     */
    public ContainerUpdate cpusetCpus(String cpus) {
        return option("--cpuset-cpus", cpus);
    }

    /**
     * The memory nodes the container may use ({@code --cpuset-mems}).
     *
     * @param mems a list or ranges of memory node numbers, such as {@code 0-1}
     * @return a copy that sets {@code CpusetMems}
     */
    public ContainerUpdate cpusetMems(String mems) {
        return option("--cpuset-mems", mems);
    }

    /**
     * Block I/O weight, 10 to 1000, or 0 to disable ({@code --blkio-weight}).
     *
     * @param weight 10 to 1000, or 0 to disable
     * @return a copy that sets {@code BlkioWeight}
     */
    public ContainerUpdate blkioWeight(int weight) {
        return option("--blkio-weight", Integer.toString(weight));
    }

    /** The request body. */
    Map<String, Object> body() {
        return body;
    }

    @Override
    public String toString() {
        return "ContainerUpdate" + body;
    }
}
