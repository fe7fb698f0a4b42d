package dev.berth.model.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.ContainerSpec;
import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Docker CLI is the oracle: for each line of {@code cli/corpus.txt}, {@code docker -H unix://FAKE create LINE}
 * against a {@link RecordingDaemon} and {@code ContainerSpec.parse(LINE)} must give the same create body and query,
 * or both reject the line. Zero values both sides treat as unset are dropped before comparing (see
 * {@link #normalise}). Skipped, with the reason printed, only when no {@code docker} CLI is on the PATH.
 */
public class ContainerSpecCliParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Lines whose difference is known, with the reason; everything else must be identical. */
    static final Map<String, String> EXCEPTIONS = new LinkedHashMap<>();

    static {
        String early = "Berth checks early what the CLI passes on and the daemon rejects";
        for (String line : List.of("--name x busybox", "--restart sometimes busybox", "--oom-score-adj 2000 busybox",
                "--ip not-an-ip busybox", "--ip6 1.2.3.4 busybox", "--mount type=nope,dst=/a busybox",
                "-v /a:/b:xyz busybox", "-v relative busybox", "--tmpfs relative busybox", "--ipc bogus busybox")) {
            EXCEPTIONS.put(line, early);
        }
        String windows = "Windows-only: the CLI refuses it when the daemon's OSType is linux; Berth's spec does not"
                + " know the daemon and leaves the check to it";
        for (String line : List.of("--cpu-count 2 busybox", "--cpu-count=1 busybox", "--cpu-percent 50 busybox",
                "--cpu-percent=10 busybox", "--io-maxbandwidth 10m busybox", "--io-maxbandwidth=1g busybox",
                "--io-maxiops 100 busybox", "--io-maxiops=1000 busybox")) {
            EXCEPTIONS.put(line, windows);
        }
        EXCEPTIONS.put("--disable-content-trust=false busybox", "content trust is client-side (the CLI asks a notary"
                + " server, unreachable here); Berth never verifies signatures and sends the same body");
        EXCEPTIONS.put("--name /slash busybox", "Berth drops the leading / of a name, as the daemon does");
        EXCEPTIONS.put("--use-api-socket busybox", "the CLI binds the socket it talks to (here the fake's path);"
                + " Berth binds /var/run/docker.sock, the engine's socket as the container sees the host");
    }

    @Test
    void theCliAndBerthSendTheSameCreateRequest() throws Exception {
        String docker = findDocker();
        Assumptions.assumeTrue(docker != null, () -> {
            System.out.println("ContainerSpecCliParityTest skipped: no docker CLI on the PATH");
            return "no docker CLI on the PATH";
        });
        Path fixtures = Path.of(getClass().getResource("/cli/corpus.txt").toURI()).getParent();
        Path work = Files.createTempDirectory("berth-cli-parity");
        Path config = Files.createDirectories(work.resolve("config"));
        System.out.println("docker CLI: " + run(List.of(docker, "--version"), work, config).output().strip());
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(fixtures.resolve("corpus.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                lines.add(line);
            }
        }
        int identical = 0;
        int rejectedByBoth = 0;
        List<String> failures = new ArrayList<>();
        List<String> known = new ArrayList<>();
        try (RecordingDaemon daemon = new RecordingDaemon(work.resolve("d.sock"))) {
            int n = 0;
            for (String raw : lines) {
                String line = raw.replace("$FIX", fixtures.toString())
                        .replace("$CID", work.resolve("cid-" + n++).toString());
                List<String> cmd = new ArrayList<>(List.of("sh", "-c", docker + " -H " + daemon.host() + " create "
                        + line));
                Result cli = run(cmd, work, config);
                List<RecordingDaemon.Create> creates = daemon.take();
                String verdict;
                ContainerSpec spec = null;
                String berthError = null;
                try {
                    spec = ContainerSpec.parse("create " + line);
                } catch (IllegalArgumentException e) {
                    berthError = e.getMessage();
                }
                if (creates.isEmpty()) {
                    verdict = berthError != null ? null : "the CLI rejects it (" + firstLine(cli.output())
                            + ") but Berth accepts it: " + spec;
                    if (verdict == null) {
                        rejectedByBoth++;
                    }
                } else if (berthError != null) {
                    verdict = "the CLI accepts it but Berth rejects it: " + berthError;
                } else {
                    JsonNode cliBody = normalise(JSON.readTree(creates.get(0).body()), "");
                    JsonNode berthBody = normalise(JSON.readTree(JSON.writeValueAsString(spec.toCreateBody())), "");
                    Map<String, String> cliQuery = query(creates.get(0).query());
                    Map<String, String> berthQuery = new TreeMap<>();
                    spec.name().ifPresent(v -> berthQuery.put("name", v));
                    spec.platform().ifPresent(v -> berthQuery.put("platform", v));
                    verdict = cliBody.equals(berthBody) && cliQuery.equals(berthQuery) ? null
                            : "differs:\n    cli   " + cliQuery + " " + cliBody + "\n    berth " + berthQuery + " "
                                    + berthBody;
                }
                if (verdict == null) {
                    identical++;
                } else if (EXCEPTIONS.containsKey(raw)) {
                    known.add(raw + "  -- " + EXCEPTIONS.get(raw));
                } else {
                    failures.add(raw + "\n  " + verdict);
                }
            }
        }
        System.out.printf("CLI parity: %d lines, %d identical (%d of them rejected by both), %.1f%%; %d known"
                + " exceptions, %d failures%n", lines.size(), identical, rejectedByBoth,
                100.0 * identical / lines.size(), known.size(), failures.size());
        known.forEach(k -> System.out.println("  exception: " + k));
        failures.forEach(f -> System.out.println("  FAIL: " + f));
        assertTrue(lines.size() >= 250, "corpus too small: " + lines.size());
        assertEquals(List.of(), failures);
    }

    /**
     * Drops what both sides treat as unset: null, {@code ""}, {@code false}, 0, empty lists and maps (but not the
     * empty objects that are the values of {@code ExposedPorts} and {@code Volumes}), and the CLI's spelled-out
     * defaults: {@code NetworkMode: default}, {@code RestartPolicy {Name: no}}, {@code MemorySwappiness: -1},
     * {@code ConsoleSize [0, 0]}. {@code Env} and {@code Binds} are compared as sets: CLI 28 writes them in Go map
     * order, which changes from run to run (Berth keeps the order given, a name given again in its first place).
     */
    public static JsonNode normalise(JsonNode node, String parentKey) {
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String key = e.getKey();
                JsonNode value = normalise(e.getValue(), key);
                boolean keepEmpty = parentKey.equals("ExposedPorts") || parentKey.equals("Volumes");
                if (value == null && !(keepEmpty && e.getValue().isObject())) {
                    continue;
                }
                if (key.equals("ConsoleSize") || key.equals("MemorySwappiness") && value.asLong() == -1
                        || key.equals("NetworkMode") && value.asText().equals("default")
                        || key.equals("RestartPolicy") && value.size() == 1 && value.path("Name").asText()
                                .equals("no")) {
                    continue;
                }
                out.set(key, value == null ? JSON.createObjectNode() : value);
            }
            return out.isEmpty() ? null : out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            List<JsonNode> items = new ArrayList<>();
            node.forEach(items::add);
            if (parentKey.equals("Env") || parentKey.equals("Binds")) {
                items.sort(java.util.Comparator.comparing(JsonNode::asText));
            }
            for (JsonNode item : items) {
                JsonNode v = normalise(item, parentKey);
                out.add(v == null ? item : v);
            }
            return out.isEmpty() ? null : out;
        }
        if (node.isNull() || node.isTextual() && node.asText().isEmpty() || node.isBoolean() && !node.asBoolean()
                || node.isNumber() && node.asDouble() == 0) {
            return null;
        }
        return node;
    }

    private static Map<String, String> query(String query) {
        Map<String, String> out = new TreeMap<>();
        if (!query.isEmpty()) {
            for (String kv : query.split("&")) {
                int eq = kv.indexOf('=');
                out.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    record Result(int exit, String output) {
    }

    private static Result run(List<String> cmd, Path dir, Path config) throws IOException, InterruptedException {
        // the JVM's directory, against which both sides make -v ./x absolute
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true);
        pb.environment().remove("DOCKER_HOST");
        pb.environment().remove("DOCKER_CONTEXT");
        pb.environment().put("DOCKER_CONFIG", config.toString());
        pb.environment().put("DOCKER_CLI_HINTS", "false");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static String findDocker() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "docker");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
