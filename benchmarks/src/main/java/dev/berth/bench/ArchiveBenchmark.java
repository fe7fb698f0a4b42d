package dev.berth.bench;

import dev.berth.CommitOptions;
import dev.berth.Docker;
import dev.berth.ImageRemoveOptions;
import dev.berth.WaitCondition;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Moves about 1 GiB through files, streaming, with a small heap: {@code export} of a container holding a random
 * 1 GiB file, {@code save} of the image committed from it, and {@code load} of that tar. Reports each one's time and
 * peak heap (used, garbage included, so an upper bound) and whether it ran out of memory. Run with {@code -Xmx64m}
 * ({@code scripts/bench.sh archive}). Prints {@code RESULT} lines (row {@code archive}, metrics
 * {@code <op>.peakheap}, {@code <op>.oom}, {@code <op>.time}).
 */
public final class ArchiveBenchmark {
    private ArchiveBenchmark() {
    }

    /** One streaming operation. */
    @FunctionalInterface
    private interface Op {
        void run() throws Exception;
    }

    /**
     * Runs the benchmark.
     *
     * @param args MiB of payload (1024)
     */
    public static void main(String[] args) throws Exception {
        int mib = Bench.intArg(args, 0, 1024);
        String image = "berth-bench-archive:1";
        Path tar = Files.createTempFile("berth-archive", ".tar");
        try (Docker docker = Docker.builder().host(Bench.host()).build()) {
            long maxHeap = Runtime.getRuntime().maxMemory();
            System.out.printf(Locale.ROOT, "payload %d MiB, max heap %d MiB%n", mib, maxHeap >> 20);
            Bench.result("archive", "berth", "heap.max", maxHeap / 1048576.0, "MiB");
            String c = docker.containers().create(BenchSpecs.spec("dd", "if=/dev/urandom", "of=/payload",
                    "bs=1M", "count=" + mib));
            try {
                docker.containers().start(c);
                docker.containers().waitFor(c, WaitCondition.NOT_RUNNING);
                measure("export", tar, () -> docker.containers().export(c, tar));
                docker.images().commit(c, CommitOptions.of(image).withMessage("payload").withAuthor("bench")
                        .withoutPause());
            } finally {
                BenchSpecs.remove(docker, c);
            }
            measure("save", tar, () -> docker.images().save(tar, image));
            docker.images().remove(image, ImageRemoveOptions.force());
            measure("load", tar, () -> System.out.println("loaded " + docker.images().load(tar)));
            docker.images().remove(image, ImageRemoveOptions.force());
        } finally {
            Files.deleteIfExists(tar);
        }
    }

    /** Runs the operation from a clean peak, and prints its time, size of {@code tar}, peak heap and OOM. */
    private static void measure(String name, Path tar, Op op) throws Exception {
        System.gc();
        resetPeaks();
        long start = System.nanoTime();
        boolean oom = false;
        try {
            op.run();
        } catch (OutOfMemoryError e) {
            oom = true;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double peak = peakHeap() / 1048576.0;
        double size = Files.size(tar) / 1048576.0;
        System.out.printf(Locale.ROOT, "%-7s %8.0f MiB in %7.2f s (%5.0f MiB/s), peak heap used %5.1f MiB%s%n", name,
                size, seconds, size / seconds, peak, oom ? ", OUT OF MEMORY" : "");
        Bench.result("archive", "berth", name + ".time", seconds, "s");
        Bench.result("archive", "berth", name + ".peakheap", peak, "MiB");
        Bench.result("archive", "berth", name + ".oom", oom ? 1 : 0, "bool");
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
