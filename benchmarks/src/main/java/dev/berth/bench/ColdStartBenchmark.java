package dev.berth.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Cold start: launches a fresh JVM ({@code java -cp <this classpath> dev.berth.bench.ColdStart}) and times it from
 * the launch to the first line it prints, the number of containers; the same for {@link ColdStartDockerJava}. Both
 * run on the same classpath with the JVM's defaults ({@code -Xshare:auto}: the JDK's own class archive, no
 * application archive), in turns; one unmeasured launch of each warms the file cache first. Each launch also reports
 * its process CPU time until the answer (all threads, JIT compilers and GC included), steadier than the wall time on
 * a busy machine. A last launch of each runs with {@code -Xlog:class+load} and counts the classes loaded, how many
 * came from the JDK's archive, and groups them by library. Prints each client's medians as {@code RESULT} lines (row
 * {@code coldstart}, metrics {@code time}, {@code cpu}, {@code classes}, {@code classes.archived}).
 *
 * <pre>{@code
 * scripts/bench.sh coldstart [launches]
 * }</pre>
 */
public final class ColdStartBenchmark {
    /** Library groups for the class-load breakdown: the first prefix a class name starts with wins. */
    private static final String[][] GROUPS = {
        {"dev.berth.bench.", "benchmark"}, {"dev.berth.model.", "Berth model"}, {"dev.berth.", "Berth"},
        {"com.github.dockerjava.", "docker-java"},
        {"com.fasterxml.jackson.", "Jackson"}, {"okhttp3.", "OkHttp + Okio"}, {"okio.", "OkHttp + Okio"},
        {"kotlin.", "Kotlin stdlib"}, {"org.apache.hc.", "httpclient5"}, {"com.google.", "Guava"},
        {"com.sun.jna.", "JNA"}, {"org.bouncycastle.", "BouncyCastle"}, {"org.apache.commons.", "commons"},
        {"org.slf4j.", "SLF4J"}, {"sun.security.ssl.", "JDK TLS, PKI, crypto"}, {"sun.security.", "JDK TLS, PKI, crypto"},
        {"javax.net.ssl.", "JDK TLS, PKI, crypto"}, {"java.security.", "JDK TLS, PKI, crypto"},
        {"javax.crypto.", "JDK TLS, PKI, crypto"}, {"com.sun.crypto.", "JDK TLS, PKI, crypto"},
        {"java.lang.invoke.", "JDK invoke, lambdas"}, {"jdk.internal.reflect.", "JDK reflection"},
        {"java.lang.reflect.", "JDK reflection"}, {"sun.reflect.", "JDK reflection"}, {"java.", "JDK other"},
        {"javax.", "JDK other"}, {"jdk.", "JDK other"}, {"sun.", "JDK other"}, {"com.sun.", "JDK other"},
    };

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
            launch(main, List.of());
        }
        double[][] ms = new double[mains.length][launches];
        double[][] cpu = new double[mains.length][launches];
        for (int i = 0; i < launches; i++) {
            for (int c = 0; c < mains.length; c++) {
                Launch l = launch(mains[c], List.of());
                ms[c][i] = l.nanos() / 1e6;
                cpu[c][i] = l.cpuMillis();
                System.out.printf(Locale.ROOT, "%-3d %-12s %8.0f ms %8.0f ms CPU%n", i + 1, clients[c], ms[c][i],
                        cpu[c][i]);
            }
        }
        for (int c = 0; c < mains.length; c++) {
            double median = Bench.median(ms[c]);
            double cpuMedian = Bench.median(cpu[c]);
            System.out.printf(Locale.ROOT, "median %-12s %8.0f ms %8.0f ms CPU over %d launches%n", clients[c], median,
                    cpuMedian, launches);
            Bench.result("coldstart", clients[c], "time", median, "ms");
            Bench.result("coldstart", clients[c], "cpu", cpuMedian, "ms");
        }
        for (int c = 0; c < mains.length; c++) {
            classes(mains[c], clients[c]);
        }
    }

    /** One more launch with {@code -Xlog:class+load}: the classes loaded until the JVM exits, grouped by library. */
    private static void classes(Class<?> main, String client) throws IOException, InterruptedException {
        Path log = Files.createTempFile("coldstart-" + client, ".log");
        try {
            launch(main, List.of("-Xlog:class+load:file=" + log));
            List<String> names = new ArrayList<>();
            int archived = 0;
            for (String line : Files.readAllLines(log)) {
                int source = line.indexOf(" source: ");
                if (source < 0) {
                    continue;
                }
                names.add(line.substring(line.lastIndexOf(' ', source - 1) + 1, source));
                if (line.endsWith("source: shared objects file")) {
                    archived++;
                }
            }
            Map<String, Long> groups = new TreeMap<>(names.stream().collect(
                    Collectors.groupingBy(ColdStartBenchmark::group, Collectors.counting())));
            System.out.printf(Locale.ROOT, "classes %-12s %5d loaded, %d of them from the JDK's archive: %s%n", client,
                    names.size(), archived, groups.entrySet().stream()
                            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
            Bench.result("coldstart", client, "classes", names.size(), "count");
            Bench.result("coldstart", client, "classes.archived", archived, "count");
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String group(String className) {
        for (String[] g : GROUPS) {
            if (className.startsWith(g[0])) {
                return g[1];
            }
        }
        return "other";
    }

    /** This process's CPU time so far, all threads, in milliseconds (-1 when the platform cannot tell). */
    static long processCpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
    }

    /** A launch: nanoseconds to the first line, and the CPU time the process reported at that point. */
    private record Launch(long nanos, long cpuMillis) {
    }

    /** Launches {@code main} in a new JVM; times it to the first line it prints (the number of containers). */
    private static Launch launch(Class<?> main, List<String> jvmOptions) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        long start = System.nanoTime();
        Process p = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            long nanos = System.nanoTime() - start;
            if (line == null || !line.trim().matches("\\d+")) {
                throw new IllegalStateException(main.getSimpleName() + " printed " + line);
            }
            String cpu = out.readLine();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(main.getSimpleName() + " exited with " + p.exitValue());
            }
            long cpuMillis = cpu != null && cpu.startsWith("cpu ") ? Long.parseLong(cpu.substring(4).trim()) : -1;
            return new Launch(nanos, cpuMillis);
        }
    }
}
