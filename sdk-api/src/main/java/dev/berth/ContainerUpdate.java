package dev.berth;

import dev.berth.model.ByteSize;
import dev.berth.model.RestartPolicy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * New limits for a running container ({@code docker update}). Only what is set changes.
 *
 * <pre>{@code
 * docker.containers().update(id, ContainerUpdate.create().memory("128m").cpus(0.5)
 *         .restartPolicy(RestartPolicy.unlessStopped()));
 * }</pre>
 */
public final class ContainerUpdate {
    private final Map<String, Object> body;

    private ContainerUpdate(Map<String, Object> body) {
        this.body = body;
    }

    /** An update that changes nothing yet. */
    public static ContainerUpdate create() {
        return new ContainerUpdate(Map.of());
    }

    private ContainerUpdate with(String key, Object value) {
        Map<String, Object> b = new LinkedHashMap<>(body);
        b.put(key, value);
        return new ContainerUpdate(Collections.unmodifiableMap(b)); // in the order set, for the body and toString
    }

    /** Memory limit in bytes ({@code --memory}). */
    public ContainerUpdate memory(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("memory must not be negative: " + bytes);
        }
        return with("Memory", bytes);
    }

    /** Memory limit such as {@code "128m"}. */
    public ContainerUpdate memory(String size) {
        return memory(ByteSize.parse(size));
    }

    /** Memory plus swap in bytes; -1 for unlimited swap ({@code --memory-swap}). */
    public ContainerUpdate memorySwap(long bytes) {
        if (bytes < -1) {
            throw new IllegalArgumentException("memory+swap must be -1 or more: " + bytes);
        }
        return with("MemorySwap", bytes);
    }

    /** CPUs, such as 0.5 ({@code --cpus}). */
    public ContainerUpdate cpus(double cpus) {
        if (!(cpus > 0)) {
            throw new IllegalArgumentException("cpus must be positive: " + cpus);
        }
        return with("NanoCpus", (long) (cpus * 1e9));
    }

    /** Relative CPU weight ({@code --cpu-shares}). */
    public ContainerUpdate cpuShares(int shares) {
        if (shares < 0) {
            throw new IllegalArgumentException("cpu shares must not be negative: " + shares);
        }
        return with("CpuShares", shares);
    }

    /** Process limit ({@code --pids-limit}); -1 for none. */
    public ContainerUpdate pidsLimit(long limit) {
        return with("PidsLimit", limit);
    }

    /** The restart policy ({@code --restart}). */
    public ContainerUpdate restartPolicy(RestartPolicy policy) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("Name", policy.name());
        p.put("MaximumRetryCount", policy.maximumRetryCount());
        return with("RestartPolicy", Collections.unmodifiableMap(p));
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
