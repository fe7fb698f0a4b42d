package dev.berth.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Cold start: launches a fresh JVM ({@code java -cp <this classpath> dev.berth.bench.ColdStart}) and times it from
 * the launch to the first line it prints, the number of containers; the same for {@link ColdStartDockerJava}. Both
 * run on the same classpath, in turns; one unmeasured launch of each warms the file cache first. Prints each
 * client's median over the launches as a {@code RESULT} line (row {@code coldstart}, metric {@code time}).
 *
 * <pre>{@code
 * scripts/bench.sh coldstart [launches]
 * }</pre>
 */
public final class ColdStartBenchmark {
    private ColdStartBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args launches per client (default 5)
     */
    public static void main(String[] args) throws Exception {
        int launches = Bench.intArg(args, 0, 5);
        Class<?>[] mains = {ColdStart.class, ColdStartDockerJava.class};
        String[] clients = {"berth", "docker-java"};
        for (Class<?> main : mains) {
            launch(main);
        }
        double[][] ms = new double[mains.length][launches];
        for (int i = 0; i < launches; i++) {
            for (int c = 0; c < mains.length; c++) {
                ms[c][i] = launch(mains[c]) / 1e6;
                System.out.printf(Locale.ROOT, "%-3d %-12s %8.0f ms%n", i + 1, clients[c], ms[c][i]);
            }
        }
        for (int c = 0; c < mains.length; c++) {
            double median = Bench.median(ms[c]);
            System.out.printf(Locale.ROOT, "median %-12s %8.0f ms over %d launches%n", clients[c], median, launches);
            Bench.result("coldstart", clients[c], "time", median, "ms");
        }
    }

    /** Nanoseconds from launching {@code main} in a new JVM to the first line it prints. */
    private static long launch(Class<?> main) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), main.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        long start = System.nanoTime();
        Process p = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            long nanos = System.nanoTime() - start;
            if (line == null || !line.trim().matches("\\d+")) {
                throw new IllegalStateException(main.getSimpleName() + " printed " + line);
            }
            if (p.waitFor() != 0) {
                throw new IllegalStateException(main.getSimpleName() + " exited with " + p.exitValue());
            }
            return nanos;
        }
    }
}
