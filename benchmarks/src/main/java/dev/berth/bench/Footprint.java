package dev.berth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runtime jar footprint: sums the jars of each classpath file ({@code mvn dependency:build-classpath} output, plus
 * any extra jars named after it) and prints the total, the count and each jar as {@code RESULT} lines (row
 * {@code footprint}, metrics {@code size}, {@code jars} and {@code jar:<file name>}).
 *
 * <pre>{@code
 * java dev.berth.bench.Footprint berth berth.classpath sdk-api.jar -- docker-java docker-java.classpath
 * }</pre>
 */
public final class Footprint {
    private Footprint() {
    }

    /**
     * Runs it.
     *
     * @param args groups separated by {@code --}: a client name, a classpath file, then extra jars
     */
    public static void main(String[] args) throws IOException {
        List<String> group = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--")) {
                report(group);
                group.clear();
            } else {
                group.add(arg);
            }
        }
        report(group);
    }

    private static void report(List<String> group) throws IOException {
        if (group.size() < 2) {
            throw new IllegalArgumentException("expected: client classpath-file [jar...], got " + group);
        }
        String client = group.get(0);
        List<Path> jars = new ArrayList<>();
        for (String entry : Files.readString(Path.of(group.get(1))).trim().split(":")) {
            if (!entry.isBlank()) {
                jars.add(Path.of(entry));
            }
        }
        for (String extra : group.subList(2, group.size())) {
            jars.add(Path.of(extra));
        }
        long total = 0;
        for (Path jar : jars) {
            long size = Files.size(jar);
            total += size;
            System.out.printf(Locale.ROOT, "%-12s %9.1f KiB  %s%n", client, size / 1024.0, jar.getFileName());
            Bench.result("footprint", client, "jar:" + jar.getFileName(), size / 1e6, "MB");
        }
        System.out.printf(Locale.ROOT, "%-12s %9.2f MB in %d jars%n", client, total / 1e6, jars.size());
        Bench.result("footprint", client, "size", total / 1e6, "MB");
        Bench.result("footprint", client, "jars", jars.size(), "count");
    }
}
