package dev.berth.bench;

import dev.berth.Docker;
import dev.berth.model.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes {@code docs/benchmarks.md} from the {@code RESULT} lines {@code scripts/bench.sh report} collected, one
 * results file per engine: the machine and the engines, a summary with a column per engine of the figures the issues
 * target, then one section per row of the issue, each figure the median over runs, with a Targets column; with
 * several engines, each table has an {@code engine} column.
 *
 * <pre>{@code
 * java dev.berth.bench.ReportWriter --engine 28 --results 28.tsv --engine 20.10 --results 20.10.tsv \
 *     --out docs/benchmarks.md --runs 3 --elapsed "21 min" --note "..."
 * java dev.berth.bench.ReportWriter results.tsv docs/benchmarks.md --runs 3   # one engine, unnamed
 * java dev.berth.bench.ReportWriter --describe-engine   # prints ENGINE<TAB>description of DOCKER_HOST's engine
 * }</pre>
 */
public final class ReportWriter {
    private static final String LAT = "latency";
    private static final String BERTH = "berth";
    private static final String DJ = "docker-java";
    private static final String RAW = "raw";
    private static final String FAKE = "none: `FakeDaemon` (canned Engine 28.5 answers, `scripts/bench.sh --fake`)";

    /** One engine's results: its label ({@code 28}, {@code 20.10}; empty when unnamed) and description. */
    private record Engine(String label, Results r, String description) {
        String title() {
            return label.isEmpty() ? "Docker Engine" : "Engine " + label;
        }
    }

    private final List<Engine> engines;
    private final Map<String, List<String>> options;
    private final StringBuilder md = new StringBuilder();

    private ReportWriter(List<Engine> engines, Map<String, List<String>> options) {
        this.engines = engines;
        this.options = options;
    }

    /**
     * Writes the report, or with {@code --describe-engine} alone prints the engine's description for a results file.
     *
     * @param args {@code --results FILE} per engine, each after its {@code --engine LABEL} when there are labels
     *             (or the results file and the output file first, as before), then options: {@code --out FILE},
     *             {@code --runs N}, {@code --elapsed TEXT}, {@code --commit SHA}, {@code --settings TEXT},
     *             {@code --note TEXT} (repeatable)
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].equals("--describe-engine")) {
            System.out.println("ENGINE\t" + (Bench.fake() ? FAKE : engine()));
            return;
        }
        boolean positional = args.length >= 2 && !args[0].startsWith("--");
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = positional ? 2 : 0; i + 1 < args.length; i += 2) {
            options.computeIfAbsent(args[i].replaceFirst("^--", ""), k -> new ArrayList<>()).add(args[i + 1]);
        }
        List<String> files = positional ? List.of(args[0]) : options.getOrDefault("results", List.of());
        List<String> labels = options.getOrDefault("engine", List.of());
        String output = positional ? args[1] : options.getOrDefault("out", List.of("docs/benchmarks.md")).get(0);
        if (files.isEmpty() || !labels.isEmpty() && labels.size() != files.size()) {
            throw new IllegalArgumentException("usage: ReportWriter [--engine LABEL] --results FILE ... --out FILE "
                    + "[options], one --engine per --results or none");
        }
        List<Engine> engines = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Results r = Results.read(Path.of(files.get(i)));
            String description = r.engine() != null ? r.engine() : Bench.fake() ? FAKE : engine();
            engines.add(new Engine(labels.isEmpty() ? "" : labels.get(i), r, description));
        }
        ReportWriter w = new ReportWriter(engines, options);
        w.header();
        w.summary();
        w.latency();
        w.streams();
        w.build();
        w.archive();
        w.coldStart();
        w.concurrency();
        w.footprint();
        w.notes();
        Path out = Path.of(output).toAbsolutePath();
        Files.createDirectories(out.getParent());
        Files.writeString(out, w.md.toString());
    }

    private String option(String name, String fallback) {
        List<String> v = options.get(name);
        return v == null ? fallback : v.get(v.size() - 1);
    }

    // ---- sections -------------------------------------------------------------------------------------------

    private void header() throws IOException {
        line("# Benchmarks");
        line("");
        String labels = String.join(" ", engines.stream().map(Engine::label).filter(l -> !l.isEmpty()).toList());
        line("Generated by `" + (labels.isEmpty() ? "" : "BENCH_ENGINES=\"" + labels + "\" ")
                + "scripts/bench.sh report " + option("runs", "3") + "`; do not edit by hand. Each figure is "
                + "the **median over " + option("runs", "3") + " runs**" + (multi() ? " on each engine" : "")
                + ", each run a fresh JVM (counts of errors and "
                + "out-of-memory are the worst run instead). The machine is shared and noisy: read ratios, not "
                + "absolute figures.");
        line("");
        Table t = new Table("", "");
        t.row("Date", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
        t.row("CPU cores", Runtime.getRuntime().availableProcessors() + " (`nproc`)");
        t.row("Memory", memory());
        t.row("JDK", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + ")");
        for (Engine e : engines) {
            t.row(e.title().equals("Docker Engine") ? "Docker Engine" : "Docker " + e.title(), e.description());
        }
        t.row("Clients", "Berth at " + option("commit", "?") + "; docker-java 3.7.1 with its httpclient5 transport");
        t.row("Settings", option("settings", "defaults"));
        t.row("Total run time", option("elapsed", "?"));
        md.append(t);
        line("");
        line("docker-java's OkHttp transport is left out: it needs OkHttp 3/4, which cannot share a JVM with the "
                + "OkHttp 5 Berth uses (same package names, `okhttp3`).");
    }

    private static String memory() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (l.startsWith("MemTotal:")) {
                long kib = Long.parseLong(l.replaceAll("\\D", ""));
                return String.format(Locale.ROOT, "%.1f GiB (`/proc/meminfo` MemTotal)", kib / 1048576.0);
            }
        }
        return "unknown";
    }

    private static String engine() {
        try (Docker docker = Docker.builder().host(Bench.host()).build()) {
            Version v = docker.system().version();
            String builder = docker.system().ping().builderVersion();
            return v.version() + ", API " + v.apiVersion() + " (" + docker.apiVersion() + " in use), " + v.os() + "/"
                    + v.arch() + ", kernel " + v.kernelVersion() + "; default builder "
                    + ("2".equals(builder) ? "BuildKit" : "classic") + " (`Builder-Version` " + builder + ")";
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** The figures the issues target, a column per engine; ratios with their target met or missed. */
    private void summary() {
        line("");
        line("## Summary");
        line("");
        line("The figures the issues target, from the sections below" + (multi() ? ", one column per engine" : "")
                + ". A ratio is Berth's figure over the other's.");
        line("");
        List<String> headers = new ArrayList<>(List.of("figure", "target"));
        for (Engine e : engines) {
            headers.add(e.title());
        }
        Table t = new Table(headers.toArray(new String[0]));
        summaryRow(t, "cold start to first list, Berth s", "",
                r -> num(r.median("coldstart", BERTH, "time") / 1000, 2));
        summaryRow(t, "cold start to first list, docker-java s", "",
                r -> num(r.median("coldstart", DJ, "time") / 1000, 2));
        summaryRow(t, "cold start, Berth/docker-java", "≤ 0.5×",
                r -> judged(r.median("coldstart", BERTH, "time"), r.median("coldstart", DJ, "time"), 0.5, true));
        summaryRow(t, "classes loaded, Berth / docker-java", "",
                r -> num(r.median("coldstart", BERTH, "classes"), 0) + " / "
                        + num(r.median("coldstart", DJ, "classes"), 0));
        for (String call : List.of("ping", "inspect", "list")) {
            summaryRow(t, "client CPU per call, " + call + ", Berth/docker-java", "≤ 0.5×",
                    r -> judged(r.median(LAT, BERTH, call + ".cpu"), r.median(LAT, DJ, call + ".cpu"), 0.5, true));
        }
        for (String call : List.of("ping", "inspect", "list")) {
            summaryRow(t, "p50 latency, " + call + ", Berth/docker-java", "≤ 0.6×",
                    r -> judged(r.median(LAT, BERTH, call + ".p50"), r.median(LAT, DJ, call + ".p50"), 0.6, true));
        }
        summaryRow(t, "exec stdout throughput, Berth/raw", "≥ 0.9×",
                r -> judged(r.median("stream", BERTH, "exec"), r.median("stream", RAW, "exec"), 0.9, false));
        summaryRow(t, "container logs throughput, Berth/raw", "≥ 0.9×",
                r -> judged(r.median("stream", BERTH, "logs"), r.median("stream", RAW, "logs"), 0.9, false));
        summaryRow(t, "build, Berth BuildKit/CLI buildx", "≤ 1.00×",
                r -> r.runs("build", "berth-buildkit", "time") == 0 && r.runs("build", "cli-buildx", "time") > 0
                        ? "n/a (the daemon offers the classic builder only)"
                        : judged(r.median("build", "berth-buildkit", "time"), r.median("build", "cli-buildx", "time"),
                                1, true));
        summaryRow(t, "build, Berth classic/CLI classic", "≤ 1.00×",
                r -> judged(r.median("build", "berth-classic", "time"), r.median("build", "cli-classic", "time"), 1,
                        true));
        Results f = footprintResults();
        double berthJars = f.median("footprint", BERTH, "size");
        double djJars = f.median("footprint", DJ, "size");
        String footprint = Double.isNaN(berthJars) || Double.isNaN(djJars) ? "n/a"
                : judged(berthJars, djJars, 0.5, true) + " (" + num(berthJars, 1) + " / " + num(djJars, 1) + " MB)";
        summaryRow(t, "runtime jars, Berth/docker-java (no engine involved)", "≤ 0.5×", r -> footprint);
        md.append(t);
    }

    private void summaryRow(Table t, String figure, String target, Function<Results, String> cell) {
        List<Object> cells = new ArrayList<>(List.of(figure, target));
        for (Engine e : engines) {
            cells.add(cell.apply(e.r()));
        }
        t.row(cells.toArray());
    }

    /** "0.77× met" or "0.77× **missed**" against the bound (upper, else lower); "n/a" when a figure is missing. */
    private static String judged(double a, double b, double bound, boolean upper) {
        String ratio = ratio(a, b);
        if (ratio.equals("n/a")) {
            return ratio;
        }
        return ratio + ((upper ? a / b <= bound : a / b >= bound) ? " met" : " **missed**");
    }

    private void latency() {
        section("1. Latency per call",
                "Sequential calls on one connection over the Unix socket: 5,000 warm-up then 2,000 measured per call "
                        + "and client. Raw is HTTP/1.1 written by hand on a JDK `SocketChannel`, the body read but not "
                        + "parsed: the floor. Berth (`system().ping()`, `containers().inspect(id)`, "
                        + "`containers().list(ContainerQuery.all())`) and docker-java (`pingCmd()`, "
                        + "`inspectContainerCmd(id)`, `listContainersCmd().withShowAll(true)`) parse the answer into "
                        + "their types. `list` is `GET /containers/json?all=1` (containers on the engine: "
                        + perEngine(r -> num(r.median(LAT, "engine", "list.containers"), 0)) + ", median; other "
                        + "people's tests share it). CPU is the calling thread's CPU time "
                        + "per call, which the neighbours' load barely moves; process CPU is the whole client JVM's "
                        + "(its other threads, JIT and GC included); p99 on this shared machine mostly measures the "
                        + "neighbours.",
                "Berth ≤ 1.3× raw and ≤ 0.6× docker-java; CPU per call ≤ 0.5× docker-java",
                runs(r -> r.runs(LAT, BERTH, "ping.p50")));
        Table t = table("call", "figure", "raw µs", "Berth µs", "docker-java µs", "Berth/raw",
                "Berth/docker-java", "target");
        for (String call : List.of("ping", "inspect", "list")) {
            for (String p : List.of("p50", "p99", "cpu", "cpuproc")) {
                for (Engine e : engines) {
                    Results r = e.r();
                    String m = call + "." + p;
                    double raw = r.median(LAT, RAW, m);
                    double berth = r.median(LAT, BERTH, m);
                    double dj = r.median(LAT, DJ, m);
                    if (Double.isNaN(berth)) {
                        continue; // a report from before the process CPU was measured, or no latency run
                    }
                    boolean cpu = p.startsWith("cpu");
                    String target = cpu ? verdict(berth / dj <= 0.5, "≤ 0.5× docker-java")
                            : verdict(berth / raw <= 1.3, "≤ 1.3× raw", berth / dj <= 0.6, "≤ 0.6× docker-java");
                    row(t, e, call, p.equals("cpu") ? "CPU/call" : cpu ? "process CPU/call" : p, num(raw, 1),
                            num(berth, 1), num(dj, 1), ratio(berth, raw), ratio(berth, dj), target);
                }
            }
        }
        table(t, r -> r.runs(LAT, BERTH, "ping.p50"));
    }

    private void streams() {
        section("2. Stream throughput",
                "Exec stdout: `dd if=/dev/zero bs=1M count=1024` in a running container, read through Berth's "
                        + "session (hijacked connection, frames demultiplexed) against the raw upgraded stream, "
                        + "counted unparsed. Logs: a container writes 256 MiB of 128-byte lines and exits, then "
                        + "`logs(id).stream()` against a raw `GET /containers/{id}/logs?stdout=1`. Each is read raw, "
                        + "Berth, Berth, raw, each client's mean time counting; MiB/s of payload; the JVM runs with "
                        + "`-Xmx64m`.",
                "Berth ≥ 0.9× raw", runs(r -> r.runs("stream", BERTH, "exec")));
        Table t = table("stream", "raw MiB/s", "Berth MiB/s", "Berth/raw", "target");
        for (String[] s : new String[][] {{"exec", "exec stdout, 1 GiB"}, {"logs", "container logs, 256 MiB"}}) {
            for (Engine e : engines) {
                double raw = e.r().median("stream", RAW, s[0]);
                double berth = e.r().median("stream", BERTH, s[0]);
                row(t, e, s[1], num(raw, 0), num(berth, 0), ratio(berth, raw),
                        verdict(berth / raw >= 0.9, "≥ 0.9× raw"));
            }
        }
        table(t, r -> r.runs("stream", BERTH, "exec") + r.runs("stream", BERTH, "logs"));
    }

    private void build() {
        section("3. Build from a large context",
                "A 500 MB context in 10,000 random files, built in turns by: Berth with BuildKit (`buildKit()`, only "
                        + "when the daemon offers BuildKit, `Builder-Version: 2` on `/_ping`), `docker buildx build "
                        + "--load` (BuildKit with a client session; only when the buildx plugin is there), Berth with "
                        + "the classic builder (`classic()`), `docker build` with `DOCKER_BUILDKIT=0` "
                        + "(`/usr/bin/docker`) and docker-java (classic). The Dockerfile is rewritten before every "
                        + "build with a LABEL unique to it, so no build takes another's cache. Classic builds only add "
                        + "that label: the context goes up whole as the request's tar, so the upload dominates. "
                        + "BuildKit with a session "
                        + "transfers only the files the Dockerfile uses, so BuildKit builds also run "
                        + "`RUN --mount=type=bind,target=/ctx test -f /ctx/Dockerfile`: the whole context reaches the "
                        + "daemon in both, plus one container run each (compare a builder kind's rows with each other, "
                        + "not with the other kind's). Each buildx build gets a fresh `BUILDX_CONFIG`, so it cannot "
                        + "send only what changed since an earlier one, and `BUILDX_NO_DEFAULT_ATTESTATIONS=1` (Berth "
                        + "attaches no provenance). Berth/this compares Berth with the same builder.",
                "Berth no slower than the CLI with the same builder", runs(r -> r.runs("build", "berth-classic",
                        "time")));
        Table t = table("builder", "client", "time s", "Berth/this", "target");
        for (Engine e : engines) {
            Results r = e.r();
            double kit = r.median("build", "berth-buildkit", "time");
            double classic = r.median("build", "berth-classic", "time");
            String[][] clients = {
                {"berth-buildkit", "BuildKit", "Berth"},
                {"cli-buildx", "BuildKit", "docker buildx build"},
                {"berth-classic", "classic", "Berth"},
                {"cli-classic", "classic", "docker build (`DOCKER_BUILDKIT=0`)"},
                {DJ, "classic", "docker-java"}};
            for (String[] c : clients) {
                double time = r.median("build", c[0], "time");
                double berth = c[1].equals("BuildKit") ? kit : classic;
                if (Double.isNaN(time)) {
                    if (r.runs("build", c[0], "failed") > 0) {
                        row(t, e, c[1], c[2], "failed (see the log)", "n/a", "");
                    } else if (c[0].equals("berth-buildkit") && r.runs("build", "cli-buildx", "time") > 0) {
                        row(t, e, c[1], c[2], "n/a", "", "— (the daemon offers the classic builder only)");
                    }
                    continue;
                }
                String target = c[0].startsWith(BERTH) ? "" : c[0].equals(DJ) ? "—"
                        : Double.isNaN(berth) ? "—" : verdict(berth <= time, "Berth ≤ CLI");
                row(t, e, c[1], c[2], num(time, 2), c[0].startsWith(BERTH) ? "1.00×" : ratio(berth, time),
                        target);
            }
        }
        table(t, r -> r.runs("build", "berth-classic", "time") + r.runs("build", "berth-buildkit", "time"));
    }

    private void archive() {
        section("4. Large archives in a small heap",
                "With `-Xmx64m` (max heap " + perEngine(r -> num(r.median("archive", BERTH, "heap.max"), 0))
                        + " MiB as the JVM reports it): `export` of a "
                        + "container holding a random 1 GiB file to a file, `save` of the image committed from it, "
                        + "`load` of that tar. Peak heap is the sum of the heap pools' peaks (garbage included), so "
                        + "an upper bound.",
                "no OutOfMemoryError", runs(r -> r.runs("archive", BERTH, "save.oom")));
        Table t = table("operation", "time s", "peak heap MiB", "out of memory", "target");
        for (String op : List.of("export", "save", "load")) {
            for (Engine e : engines) {
                Results r = e.r();
                double oom = r.max("archive", BERTH, op + ".oom");
                row(t, e, op, num(r.median("archive", BERTH, op + ".time"), 2),
                        num(r.median("archive", BERTH, op + ".peakheap"), 1),
                        Double.isNaN(oom) ? "n/a" : oom > 0 ? "yes" : "no", verdict(oom == 0, "no OOM"));
            }
        }
        table(t, r -> r.runs("archive", BERTH, "save.oom"));
    }

    private void coldStart() {
        section("5. Cold start",
                "A fresh JVM (`java -cp <benchmark classpath> dev.berth.bench.ColdStart`) connects from "
                        + "`DOCKER_HOST`, lists all containers and prints their number; timed from the launch to "
                        + "that line. Same for docker-java (`ColdStartDockerJava`), same classpath, in turns; one "
                        + "unmeasured launch of each first. Per run the median of 5 launches. The JVM runs with its "
                        + "defaults (`-Xshare:auto`: the JDK's class archive, no application archive; see "
                        + "`docs/coldstart.md` for one). CPU is the process's CPU time at the answer, all threads "
                        + "(JIT and GC included), steadier than the wall time on a busy machine. Classes: one more "
                        + "launch with `-Xlog:class+load`, counted to the exit; \"archived\" came from the JDK's "
                        + "archive.",
                "Berth ≤ 0.5× docker-java", runs(r -> r.runs("coldstart", BERTH, "time")));
        Table t = table("client", "launch to first list ms", "CPU ms", "classes loaded", "of them archived",
                "Berth/this (time)", "Berth/this (CPU)", "target");
        for (Engine e : engines) {
            Results r = e.r();
            double berth = r.median("coldstart", BERTH, "time");
            double berthCpu = r.median("coldstart", BERTH, "cpu");
            for (String client : List.of(BERTH, DJ)) {
                double time = r.median("coldstart", client, "time");
                double cpu = r.median("coldstart", client, "cpu");
                row(t, e, client.equals(BERTH) ? "Berth" : "docker-java", num(time, 0), num(cpu, 0),
                        num(r.median("coldstart", client, "classes"), 0),
                        num(r.median("coldstart", client, "classes.archived"), 0), ratio(berth, time),
                        ratio(berthCpu, cpu), client.equals(BERTH) ? "" : verdict(berth / time <= 0.5, "≤ 0.5×"));
            }
        }
        table(t, r -> r.runs("coldstart", BERTH, "time"));
    }

    private void concurrency() {
        String c = "concurrency";
        String streams = perEngine(r -> num(r.median(c, BERTH, "follow.streams"), 0));
        section("6. Concurrency",
                "64 threads × 500 container inspects through one client (after an unmeasured fifth). Then "
                        + streams + " `logs(id).follow().lines()` opened at once: 20 containers printing "
                        + "50 lines over about 10 s, 10 follows each (fewer containers than follows, as allowed), "
                        + "read to the end by a pool of 20 threads the benchmark creates and starts first. \"Threads "
                        + "started\" is the peak live thread count over the baseline taken then, so none of the "
                        + "pool's. docker-java's follows use "
                        + "its callback API, shown for contrast.",
                "zero errors; no thread per stream", runs(r -> r.runs(c, BERTH, "follow.threads")));
        Table t = table("figure", "Berth", "docker-java", "Berth/docker-java", "target");
        List<Runnable> rows = new ArrayList<>();
        for (Engine e : engines) {
            Results r = e.r();
            double bt = r.median(c, BERTH, "inspect.throughput");
            double dt = r.median(c, DJ, "inspect.throughput");
            rows.add(() -> row(t, e, "inspect throughput, calls/s", num(bt, 0), num(dt, 0), ratio(bt, dt), "—"));
            double be = r.max(c, BERTH, "inspect.errors");
            rows.add(() -> row(t, e, "inspect errors (worst run)", num(be, 0), num(r.max(c, DJ, "inspect.errors"), 0),
                    "", verdict(be == 0, "zero errors")));
            double fe = r.max(c, BERTH, "follow.errors");
            rows.add(() -> row(t, e, "follow errors (worst run)", num(fe, 0), num(r.max(c, DJ, "follow.errors"), 0),
                    "", verdict(fe == 0, "zero errors")));
            double n = r.median(c, BERTH, "follow.streams");
            double threads = r.max(c, BERTH, "follow.threads");
            rows.add(() -> row(t, e, "threads started for " + num(n, 0) + " follows (worst run)", num(threads, 0),
                    num(r.max(c, DJ, "follow.threads"), 0), "", verdict(threads / n < 0.05,
                            "no thread per stream")));
            rows.add(() -> row(t, e, "threads per stream", num(r.max(c, BERTH, "follow.threads_per_stream"), 2),
                    num(r.max(c, DJ, "follow.threads_per_stream"), 2), "", ""));
        }
        // With several engines, each figure's rows together: figure-major, engine-minor.
        int perEngine = rows.size() / engines.size();
        for (int i = 0; i < perEngine; i++) {
            for (int k = 0; k < engines.size(); k++) {
                rows.get(k * perEngine + i).run();
            }
        }
        table(t, r -> r.runs(c, BERTH, "follow.threads"));
    }

    /** The results holding the footprint (measured once, with the first engine; it involves none). */
    private Results footprintResults() {
        for (Engine e : engines) {
            if (e.r().runs("footprint", BERTH, "size") > 0) {
                return e.r();
            }
        }
        return engines.get(0).r();
    }

    private void footprint() {
        Results r = footprintResults();
        section("7. Runtime jar footprint",
                "The jars an application depending on Berth gets: `sdk-api` itself plus its runtime classpath "
                        + "(`mvn -pl sdk-api dependency:build-classpath -DincludeScope=runtime`); against "
                        + "docker-java-core plus docker-java-transport-httpclient5 3.7.1 "
                        + "(`benchmarks/footprint/docker-java/pom.xml`). Sizes in MB (10⁶ bytes)"
                        + (multi() ? "; measured once, no engine involved" : "") + ".",
                "Berth ≤ half of docker-java", String.valueOf(r.runs("footprint", BERTH, "size")));
        double berth = r.median("footprint", BERTH, "size");
        double dj = r.median("footprint", DJ, "size");
        Table t = new Table("client", "jars", "MB", "Berth/this", "target");
        t.row("Berth", num(r.median("footprint", BERTH, "jars"), 0), num(berth, 2), "1.00×", "");
        t.row("docker-java (core + httpclient5)", num(r.median("footprint", DJ, "jars"), 0), num(dj, 2),
                ratio(berth, dj), verdict(berth / dj <= 0.5, "≤ 0.5×"));
        md.append(t);
        for (String client : List.of(BERTH, DJ)) {
            line("");
            line("<details><summary>" + (client.equals(BERTH) ? "Berth" : "docker-java") + " jars</summary>");
            line("");
            Table jars = new Table("jar", "MB");
            for (String jar : r.metrics("footprint", client, "jar:")) {
                jars.row("`" + jar + "`", num(r.median("footprint", client, "jar:" + jar), 3));
            }
            md.append(jars);
            line("");
            line("</details>");
        }
    }

    private void notes() {
        List<String> notes = options.getOrDefault("note", List.of());
        if (notes.isEmpty()) {
            return;
        }
        line("");
        line("## Notes");
        line("");
        for (String n : notes) {
            line("- " + n);
        }
    }

    // ---- formatting -----------------------------------------------------------------------------------------

    /** A section's title and method; {@code runs} is how many runs reported the row (for the reader to weigh). */
    private void section(String title, String method, String target, String runs) {
        line("");
        line("## " + title);
        line("");
        line(method + (target == null ? "" : " Target: " + target + ".") + " Runs: " + runs + ".");
        line("");
    }

    /** Appends the table, or says that nothing was measured when no engine reported the section's row. */
    private void table(Table t, Function<Results, Integer> runs) {
        for (Engine e : engines) {
            if (runs.apply(e.r()) > 0) {
                md.append(t);
                return;
            }
        }
        line("Not measured in this report.");
    }

    private boolean multi() {
        return engines.size() > 1;
    }

    /** A table, with an {@code engine} column first when there are several engines. */
    private Table table(String... headers) {
        if (!multi()) {
            return new Table(headers);
        }
        List<String> h = new ArrayList<>(List.of("engine"));
        h.addAll(List.of(headers));
        return new Table(h.toArray(new String[0]));
    }

    /** A row of a {@link #table}: the engine's label first when there are several. */
    private void row(Table t, Engine e, Object... cells) {
        if (!multi()) {
            t.row(cells);
            return;
        }
        List<Object> c = new ArrayList<>(List.of(e.label()));
        c.addAll(List.of(cells));
        t.row(c.toArray());
    }

    /** The figure for each engine: the one value when all agree, else "a (Engine 28), b (Engine 20.10)". */
    private String perEngine(Function<Results, String> figure) {
        List<String> values = new ArrayList<>();
        for (Engine e : engines) {
            values.add(figure.apply(e.r()));
        }
        if (values.stream().distinct().count() == 1) {
            return values.get(0);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < engines.size(); i++) {
            out.add(values.get(i) + " (" + engines.get(i).title() + ")");
        }
        return String.join(", ", out);
    }

    private String runs(Function<Results, Integer> runs) {
        return perEngine(r -> String.valueOf(runs.apply(r)));
    }

    private void line(String s) {
        md.append(s).append('\n');
    }

    private static String num(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f×", a / b);
    }

    /** "met", or "missed" with the criterion; a comparison with NaN is false, so missing data reads missed. */
    private static String verdict(boolean ok, String criterion) {
        return ok ? "met" : "**missed** (" + criterion + ")";
    }

    /** Both criteria: "met", or "missed" with those that failed. */
    private static String verdict(boolean ok1, String criterion1, boolean ok2, String criterion2) {
        if (ok1 && ok2) {
            return "met";
        }
        return "**missed** (" + (ok1 ? criterion2 : ok2 ? criterion1 : criterion1 + ", " + criterion2) + ")";
    }

    /** A Markdown table. */
    private static final class Table {
        private final StringBuilder sb = new StringBuilder();

        Table(String... headers) {
            row((Object[]) headers);
            sb.append("|---".repeat(headers.length)).append("|\n");
        }

        void row(Object... cells) {
            for (Object c : cells) {
                sb.append("| ").append(c).append(' ');
            }
            sb.append("|\n");
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
