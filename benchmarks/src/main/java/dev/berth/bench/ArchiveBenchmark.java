package dev.berth.bench;

import dev.berth.Docker;
import dev.berth.WaitCondition;
import dev.berth.model.ContainerSpec;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Saves and loads an image of about 1 GiB (a random file committed on top of the base) through files, streaming, and
 * reports the time and the peak heap. Run with {@code -Xmx64m} ({@code scripts/bench.sh archive}).
 */
public final class ArchiveBenchmark {
    private ArchiveBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args MiB of payload (1024)
     */
    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        String base = System.getenv().getOrDefault("BERTH_TEST_IMAGE", "berth-test/busybox:1");
        String image = "berth-bench-archive:1";
        Path tar = Files.createTempFile("berth-save", ".tar");
        try (Docker docker = Docker.builder().host(host).build()) {
            String c = docker.containers().create(ContainerSpec.builder(base).label("dev.berth.test", "bench")
                    .cmd("dd", "if=/dev/urandom", "of=/payload", "bs=1M", "count=" + mib).build());
            docker.containers().start(c);
            docker.containers().waitFor(c, WaitCondition.NOT_RUNNING);
            docker.images().commit(c, image, "payload", "bench", List.of(), false);
            docker.containers().remove(c, true, false);
            resetPeaks();

            long t = System.nanoTime();
            docker.images().save(tar, image);
            double save = (System.nanoTime() - t) / 1e9;
            long size = Files.size(tar);
            docker.images().remove(image, true, false);
            t = System.nanoTime();
            List<String> loaded = docker.images().load(tar);
            double load = (System.nanoTime() - t) / 1e9;
            System.out.printf(Locale.ROOT, "max heap %d MiB; saved %.0f MiB in %.2f s (%.0f MiB/s); loaded %s in %.2f s"
                    + " (%.0f MiB/s); peak heap used %.1f MiB%n", Runtime.getRuntime().maxMemory() >> 20,
                    size / 1048576.0, save, size / 1048576.0 / save, loaded, load, size / 1048576.0 / load,
                    peakHeap() / 1048576.0);
            docker.images().remove(image, true, false);
        } finally {
            Files.deleteIfExists(tar);
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
