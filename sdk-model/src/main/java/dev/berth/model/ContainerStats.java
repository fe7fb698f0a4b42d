package dev.berth.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One sample of a container's resource usage ({@code GET /containers/{id}/stats}), with the numbers
 * {@code docker stats} shows computed the way the docker CLI computes them on Linux
 * ({@code cli/command/container/stats_helpers.go}). {@code blkio_stats}, {@code storage_stats},
 * {@code num_procs} and other fields are kept in {@link #extras()}.
 *
 * <pre>{@code
 * ContainerStats s = docker.containers().stats("web");
 * s.cpuPercent();     // 12.5
 * s.memoryUsage();    // 5238784 (bytes, page cache excluded)
 * s.memoryPercent();  // 7.8
 * }</pre>
 *
 * @param read when this sample was taken, RFC 3339
 * @param preread when the previous sample was taken ({@code 0001-01-01T00:00:00Z} for the first one)
 * @param cpuStats the CPU counters of this sample
 * @param precpuStats the CPU counters of the previous sample
 * @param memoryStats the memory counters
 * @param pidsStats the process counters; null when the daemon sent none
 * @param networks each interface's counters by interface name ({@code eth0}); empty when the container has no
 *                 network
 * @param name the container's name, with a leading {@code /}
 * @param id the container's full id
 * @param extras every field this record does not model, as the daemon sent it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerStats(
        @JsonProperty("read") String read,
        @JsonProperty("preread") String preread,
        @JsonProperty("cpu_stats") Cpu cpuStats,
        @JsonProperty("precpu_stats") Cpu precpuStats,
        @JsonProperty("memory_stats") Memory memoryStats,
        @JsonProperty("pids_stats") @Nullable Pids pidsStats,
        @JsonProperty("networks") Map<String, NetworkCounters> networks,
        @JsonProperty("name") String name,
        @JsonProperty("id") String id,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extras) {

    /**
     * Copies {@code networks} and {@code extras}, unmodifiable; null becomes empty.
     *
     * @param read when this sample was taken, RFC 3339
     * @param preread when the previous sample was taken ({@code 0001-01-01T00:00:00Z} for the first one)
     * @param cpuStats the CPU counters of this sample
     * @param precpuStats the CPU counters of the previous sample
     * @param memoryStats the memory counters
     * @param pidsStats the process counters; null when the daemon sent none
     * @param networks each interface's counters by interface name ({@code eth0}); empty when the container has no
     *        network
     * @param name the container's name, with a leading {@code /}
     * @param id the container's full id
     * @param extras every field this record does not model, as the daemon sent it
     */
    public ContainerStats {
        networks = Copies.copy(networks);
        extras = Copies.copy(extras);
    }

    /**
     * The CPU use since the previous sample, as {@code docker stats} shows it: 100 per fully used CPU, so up to
     * {@code 100 * CPUs}.
     *
     * @return {@code cpuDelta / systemDelta * onlineCpus * 100}, or 0 when either delta is not positive
     */
    public double cpuPercent() {
        double cpuDelta = (double) totalUsage(cpuStats) - (double) totalUsage(precpuStats);
        double systemDelta = (double) systemUsage(cpuStats) - (double) systemUsage(precpuStats);
        double onlineCpus = cpuStats == null ? 0 : cpuStats.onlineCpus();
        if (onlineCpus == 0.0 && cpuStats != null && cpuStats.cpuUsage() != null) {
            onlineCpus = cpuStats.cpuUsage().percpuUsage().size();
        }
        if (systemDelta > 0.0 && cpuDelta > 0.0) {
            return cpuDelta / systemDelta * onlineCpus * 100.0;
        }
        return 0.0;
    }

    /**
     * The memory the container uses, page cache excluded, as {@code docker stats} shows it: {@code usage} minus
     * {@code total_inactive_file} (cgroup v1) or minus {@code inactive_file} (cgroup v2), whichever the daemon
     * sent and is smaller than {@code usage}.
     *
     * @return the used memory in bytes
     */
    public long memoryUsage() {
        if (memoryStats == null) {
            return 0;
        }
        long usage = memoryStats.usage();
        Map<String, Long> stats = memoryStats.stats();
        Long v1 = stats.get("total_inactive_file");
        if (v1 != null && v1 < usage) {
            return usage - v1;
        }
        Long v2 = stats.get("inactive_file");
        if (v2 != null && v2 < usage) {
            return usage - v2;
        }
        return usage;
    }

    /**
     * The container's memory limit, which is the host's memory when the container has none.
     *
     * @return {@code memory_stats.limit} in bytes, 0 when the daemon sent none
     */
    public long memoryLimit() {
        return memoryStats == null ? 0 : memoryStats.limit();
    }

    /**
     * The used memory as a share of the limit, as {@code docker stats} shows it.
     *
     * @return {@link #memoryUsage()} / {@link #memoryLimit()} * 100, or 0 when the limit is 0
     */
    public double memoryPercent() {
        long limit = memoryLimit();
        if (limit == 0) {
            return 0.0;
        }
        return (double) memoryUsage() / (double) limit * 100.0;
    }

    private static long totalUsage(Cpu cpu) {
        return cpu == null || cpu.cpuUsage() == null ? 0 : cpu.cpuUsage().totalUsage();
    }

    private static long systemUsage(Cpu cpu) {
        return cpu == null ? 0 : cpu.systemCpuUsage();
    }

    /**
     * CPU counters of one sample ({@code cpu_stats} or {@code precpu_stats}).
     *
     * <pre>{@code
     * Cpu c = stats.cpuStats();
     * c.cpuUsage().totalUsage();  // 100215355 (ns)
     * c.onlineCpus();             // 4
     * }</pre>
     *
     * @param cpuUsage the container's CPU time
     * @param systemCpuUsage the host's CPU time in nanoseconds (0 on Windows)
     * @param onlineCpus how many CPUs are online; 0 from old daemons, then count {@code percpu_usage}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cpu(@JsonProperty("cpu_usage") Usage cpuUsage,
                      @JsonProperty("system_cpu_usage") long systemCpuUsage,
                      @JsonProperty("online_cpus") int onlineCpus) {

        /**
         * The container's CPU time.
         *
         * @param totalUsage the total CPU time in nanoseconds (100 ns units on Windows)
         * @param percpuUsage the CPU time per CPU; empty on cgroup v2 hosts
         */
        @JsonIgnoreProperties(ignoreUnknown = true)
        public record Usage(@JsonProperty("total_usage") long totalUsage,
                            @JsonProperty("percpu_usage") List<Long> percpuUsage) {
            /**
             * Copies {@code percpuUsage}, unmodifiable; null becomes empty.
             *
             * @param totalUsage the total CPU time in nanoseconds (100 ns units on Windows)
             * @param percpuUsage the CPU time per CPU; empty on cgroup v2 hosts
             */
            public Usage {
                percpuUsage = Copies.copy(percpuUsage);
            }
        }
    }

    /**
     * Memory counters ({@code memory_stats}).
     *
     * <pre>{@code
     * Memory m = stats.memoryStats();
     * m.usage();                      // 6537216
     * m.stats().get("inactive_file"); // 1302528 (cgroup v2)
     * }</pre>
     *
     * @param usage the memory in use, in bytes, page cache included
     * @param limit the memory limit in bytes
     * @param stats the cgroup's detailed counters; the keys differ between cgroup v1 and v2
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Memory(@JsonProperty("usage") long usage,
                         @JsonProperty("limit") long limit,
                         @JsonProperty("stats") Map<String, Long> stats) {
        /**
         * Copies {@code stats}, unmodifiable; null becomes empty.
         *
         * @param usage the memory in use, in bytes, page cache included
         * @param limit the memory limit in bytes
         * @param stats the cgroup's detailed counters; the keys differ between cgroup v1 and v2
         */
        public Memory {
            stats = Copies.copy(stats);
        }
    }

    /**
     * Process counters ({@code pids_stats}).
     *
     * @param current how many processes the container runs
     * @param limit the process limit (an unsigned 64-bit number: {@code 18446744073709551615}, the largest, when
     *        there is none on some hosts); null when the daemon sent none
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Pids(@JsonProperty("current") long current, @JsonProperty("limit") @Nullable BigInteger limit) {
    }

    /**
     * One interface's counters ({@code networks.eth0}).
     *
     * <pre>{@code
     * NetworkCounters eth0 = stats.networks().get("eth0");
     * eth0.rxBytes();   // 5338
     * }</pre>
     *
     * @param rxBytes bytes received
     * @param rxPackets packets received
     * @param rxErrors receive errors
     * @param rxDropped received packets dropped
     * @param txBytes bytes sent
     * @param txPackets packets sent
     * @param txErrors send errors
     * @param txDropped sent packets dropped
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NetworkCounters(
            @JsonProperty("rx_bytes") long rxBytes,
            @JsonProperty("rx_packets") long rxPackets,
            @JsonProperty("rx_errors") long rxErrors,
            @JsonProperty("rx_dropped") long rxDropped,
            @JsonProperty("tx_bytes") long txBytes,
            @JsonProperty("tx_packets") long txPackets,
            @JsonProperty("tx_errors") long txErrors,
            @JsonProperty("tx_dropped") long txDropped) {
    }
}
