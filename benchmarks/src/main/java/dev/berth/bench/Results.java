package dev.berth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code RESULT} lines of several runs ({@link Bench#result}), grouped by row, client and metric, read back as
 * the median over runs (or the worst run, for error and out-of-memory counts).
 */
final class Results {
    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final Map<String, String> info = new LinkedHashMap<>();

    private Results() {
    }

    /**
     * Reads every {@code RESULT} line of the file, and {@code ENGINE<TAB>description} (the last one counts); other
     * lines are ignored. Builds reported before BuildKit was measured, clients {@code berth} and {@code cli}, read
     * as {@code berth-classic} and {@code cli-classic}: they were classic builds.
     */
    static Results read(Path file) throws IOException {
        Results r = new Results();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            if (f.length == 6 && f[0].equals("RESULT")) {
                String client = f[2];
                if (f[1].equals("build") && (client.equals("berth") || client.equals("cli"))) {
                    client += "-classic";
                }
                r.values.computeIfAbsent(key(f[1], client, f[3]), k -> new ArrayList<>())
                        .add(Double.parseDouble(f[4]));
            } else if (f.length == 2 && f[0].equals("ENGINE")) {
                r.info.put(f[0], f[1]);
            }
        }
        return r;
    }

    /** The engine's description the file holds ({@code ENGINE} line), or null. */
    String engine() {
        return info.get("ENGINE");
    }

    private static String key(String row, String client, String metric) {
        return row + "\t" + client + "\t" + metric;
    }

    /** The median over runs, or NaN when no run reported it. */
    double median(String row, String client, String metric) {
        List<Double> v = values.get(key(row, client, metric));
        return v == null ? Double.NaN : Bench.median(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The largest value over runs (the worst run for a count of errors), or NaN when no run reported it. */
    double max(String row, String client, String metric) {
        List<Double> v = values.get(key(row, client, metric));
        return v == null ? Double.NaN : v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** How many runs reported it. */
    int runs(String row, String client, String metric) {
        List<Double> v = values.get(key(row, client, metric));
        return v == null ? 0 : v.size();
    }

    /** The metrics of a row and client that start with {@code prefix}, suffix only, in the order first seen. */
    List<String> metrics(String row, String client, String prefix) {
        String start = key(row, client, prefix);
        List<String> out = new ArrayList<>();
        for (String k : values.keySet()) {
            if (k.startsWith(start)) {
                out.add(k.substring(start.length()));
            }
        }
        return out;
    }
}
