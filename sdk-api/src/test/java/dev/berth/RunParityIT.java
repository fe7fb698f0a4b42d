package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.ContainerDetails;
import dev.berth.model.ContainerSpec;
import dev.berth.model.ImageDetails;
import dev.berth.transport.ApiRequest;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Docker CLI against the real engine: each line (a line of sdk-model's {@code cli/corpus.txt}, with the test
 * image for {@code busybox}) is created once by {@code docker -H $DOCKER_HOST create LINE} and once by
 * {@code containers().create(ContainerSpec.parse(LINE))}; the two containers' {@code Config}, {@code HostConfig} and
 * endpoint settings, as {@code inspect} shows them, must be the same (the host name the daemon makes from the id
 * left out; {@code Env} and {@code Binds} compared as sets). Then {@code ContainerSpec.from(inspect, image)} must
 * give the spec back: the same values, or the same create body where {@code from} reads in the daemon's spelling,
 * or a difference listed in {@link #READ_BACK} with its reason. Every container carries the test label and is
 * removed with its anonymous volumes.
 */
class RunParityIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static Docker docker;
    private static final List<String> CREATED = new ArrayList<>();

    /** Lines of the corpus that run on Linux with the busybox image and no special host devices or networks. */
    static final List<String> LINES = List.of(
            "busybox true",
            "busybox sh -c 'echo hello world'",
            "busybox ls -l -a",
            "-h myhost busybox",
            "--hostname=box.example.com busybox",
            "--domainname example.com busybox",
            "-u 1000 busybox",
            "--user=app:app busybox",
            "-a stdout busybox",
            "--attach stderr -a stdout busybox",
            "-t busybox",
            "-i busybox",
            "-it busybox sh",
            "-e A=1 busybox",
            "-e A=1 -e A=2 busybox",
            "-e DB_PASSWORD=hunter2 -e 'GREETING=hello world' busybox",
            "-l team=web busybox",
            "--label=tier -l a=b=c busybox",
            "--expose 80 busybox",
            "--expose 9000/udp --expose 8000-8002 busybox",
            "-p 8080:80 busybox",
            "-p 80 busybox",
            "-p 127.0.0.1::80 busybox",
            "-p 53:53/udp -p 53:53/tcp busybox",
            "-p 8000-8002:80-82 busybox",
            "-p 8080:80 --expose 81 busybox",
            "-P busybox",
            "--publish-all --expose 80 busybox",
            "-w /app busybox",
            "--workdir=/srv busybox pwd",
            "--entrypoint sh busybox -c 'echo hi'",
            "--entrypoint=/bin/true busybox",
            "--stop-signal SIGINT busybox",
            "--stop-timeout 30 busybox",
            "--stop-timeout=0 busybox",
            "--health-cmd=true --health-interval 5s --health-timeout 2s --health-retries 3 busybox",
            "--health-start-period=10s busybox",
            "--no-healthcheck busybox",
            "-v /srv:/srv busybox",
            "-v /data busybox",
            "-v /srv:/srv:ro,z busybox",
            "-v /srv:/srv:rshared busybox",
            "--tmpfs /run busybox",
            "--tmpfs /run:rw,noexec,nosuid,size=65536k --tmpfs /tmp busybox",
            "--mount type=bind,src=/srv,dst=/srv busybox",
            "--mount type=bind,source=/srv,target=/srv,readonly busybox",
            "--mount type=tmpfs,dst=/t,tmpfs-size=64m,tmpfs-mode=1770 busybox",
            "--mount type=volume,dst=/anon busybox",
            "--network host busybox",
            "--network none busybox",
            "--dns 1.1.1.1 busybox",
            "--dns 8.8.8.8 --dns 2001:4860:4860::8888 busybox",
            "--dns-option ndots:2 busybox",
            "--dns-search example.com busybox",
            "--add-host db:10.0.0.5 busybox",
            "--restart always busybox",
            "--restart unless-stopped busybox",
            "--restart on-failure:3 busybox",
            "--rm busybox",
            "--log-driver=none busybox",
            "--log-driver local --log-opt max-size=10m --log-opt max-file=3 busybox",
            "--log-opt max-size=10m busybox",
            "--cap-add NET_ADMIN busybox",
            "--cap-drop ALL --cap-add NET_BIND_SERVICE busybox",
            "--privileged busybox",
            "--privileged=true --read-only busybox",
            "--read-only --tmpfs /tmp busybox",
            "--init busybox",
            "--init=false busybox",
            "--security-opt no-new-privileges busybox",
            "--security-opt systempaths=unconfined busybox",
            "--sysctl net.ipv4.ip_forward=1 busybox",
            "--group-add audio busybox",
            "--ipc host busybox",
            "--ipc=private busybox",
            "--pid host busybox",
            "--uts host busybox",
            "--userns host busybox",
            "--oom-score-adj 500 busybox",
            "--oom-score-adj=-1000 busybox",
            "-m 64m busybox",
            "-m 512m --memory-swap 1g busybox",
            "-m 256m --memory-swap=-1 busybox",
            "--memory-reservation 32m busybox",
            "--memory-swappiness=60 busybox",
            "--shm-size 1g busybox",
            "--cpus 1.5 busybox",
            "-c 512 busybox",
            "--cpu-period 100000 --cpu-quota 50000 busybox",
            "--cpuset-cpus 0-1 busybox",
            "--pids-limit 100 busybox",
            "--ulimit nofile=65536 busybox",
            "--ulimit nofile=1024:2048 --ulimit nproc=100 busybox",
            "--device-cgroup-rule 'c 1:3 mr' busybox",
            "--name full -h full -u 1 -w /w -e A=1 -l l=1 -p 1:1 --restart always -m 64m --cpus 1 busybox sleep 1",
            "busybox -- -x");

    /** Lines whose spec does not read back from the real container, with the reason. */
    static final Map<String, String> READ_BACK = new LinkedHashMap<>();

    static {
        READ_BACK.put("-it busybox sh", "the command is the image's (sh): from(details, image) leaves it out");
        READ_BACK.put("--ipc=private busybox", "private is the daemon's default IPC mode, which from() leaves out");
        READ_BACK.put("-m 512m --memory-swap 1g busybox", "a swap limit twice the memory limit is what the daemon"
                + " fills in when none is given: from() leaves it out");
    }

    @BeforeAll
    static void connect() {
        docker = TestEngine.docker();
    }

    @AfterAll
    static void cleanUp() {
        for (String id : CREATED) {
            try {
                docker.containers().remove(id, RemoveOptions.force().withVolumes());
            } catch (RuntimeException e) {
                System.out.println("RunParityIT: could not remove " + id + ": " + e);
            }
        }
        docker.close();
    }

    @Test
    void theCliAndBerthMakeTheSameContainerAndItReadsBack() throws Exception {
        String cli = findDocker();
        assertTrue(cli != null, "RunParityIT needs the docker CLI on the PATH");
        Path config = Files.createTempDirectory("berth-run-parity");
        String image = TestEngine.image();
        ImageDetails imageDetails = docker.images().inspect(image);
        long started = System.nanoTime();
        int agree = 0;
        int exact = 0;
        int sameBody = 0;
        List<String> failures = new ArrayList<>();
        List<String> known = new ArrayList<>();
        int n = 0;
        for (String line : LINES) {
            n++;
            String args = withName(line.replace("busybox", image), "rp-" + RUN + "-" + n);
            String labelled = "--label " + TestEngine.LABEL + "=" + RUN + " ";
            Result r = run(List.of("sh", "-c", cli + " -H " + TestEngine.dockerHost() + " create "
                    + labelled + args.replace("{side}", "cli")), config);
            if (r.exit() != 0) {
                failures.add(line + "\n    the CLI failed: " + r.output().strip());
                continue;
            }
            String cliId = r.output().strip().lines().reduce((a, b) -> b).orElse("");
            CREATED.add(cliId);
            ContainerSpec spec = ContainerSpec.parse("create " + labelled + args.replace("{side}", "berth"));
            String berthId = docker.containers().create(spec);
            CREATED.add(berthId);

            Object a = normalise(settable(cliId), "");
            Object b = normalise(settable(berthId), "");
            if (a.equals(b)) {
                agree++;
            } else {
                failures.add(line + "\n    inspect differs:" + diff("", a, b));
            }

            ContainerDetails details = docker.containers().inspect(berthId);
            ContainerSpec back = ContainerSpec.from(details, imageDetails);
            if (back.equals(spec)) {
                exact++;
            } else if (body(back).equals(body(spec))) {
                sameBody++;
            } else if (READ_BACK.containsKey(line)) {
                known.add(line + "  -- " + READ_BACK.get(line));
            } else {
                failures.add(line + "\n    from() differs:\n      spec " + spec + "\n      back " + back
                        + diff("", body(spec), body(back)).replace("cli ", "spec ").replace("berth ", "back "));
            }
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.printf("RunParityIT on %s (API %s): %d lines, inspect agrees on %d; from() gives the spec back"
                + " for %d exactly, %d as the same body, %d known differences; %d failures; %d s%n",
                docker.system().version().version(), docker.system().version().apiVersion(), LINES.size(), agree,
                exact, sameBody, known.size(), failures.size(), seconds);
        known.forEach(k -> System.out.println("  known: " + k));
        failures.forEach(f -> System.out.println("  FAIL: " + f));
        assertTrue(LINES.size() >= 40);
        assertEquals(List.of(), failures);
    }

    /** {@code docker update} lines: the CLI's and {@link ContainerUpdate#option}'s must leave the same HostConfig. */
    static final List<String> UPDATES = List.of(
            "--memory 256m --memory-swap 512m",
            "-c 512 --cpus 0.5",
            "--cpu-period 100000 --cpu-quota 50000",
            "--cpuset-cpus 0-1 --cpuset-mems 0",
            "--memory-reservation 64m --pids-limit 100",
            "--restart on-failure:2",
            "--restart unless-stopped --cpu-shares 256");

    @Test
    void dockerUpdateAndContainerUpdateChangeTheSame() throws Exception {
        String cli = findDocker();
        assertTrue(cli != null, "RunParityIT needs the docker CLI on the PATH");
        Path config = Files.createTempDirectory("berth-update-parity");
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (String line : UPDATES) {
            n++;
            ContainerSpec spec = ContainerSpec.builder(TestEngine.image()).label(TestEngine.LABEL, RUN)
                    .name("rpu-" + RUN + "-" + n).build();
            String cliId = docker.containers().create(spec);
            CREATED.add(cliId);
            String berthId = docker.containers().create(spec.toBuilder().name("rpu-" + RUN + "-" + n + "-b").build());
            CREATED.add(berthId);
            Result r = run(List.of("sh", "-c", cli + " -H " + TestEngine.dockerHost() + " update " + line + " "
                    + cliId), config);
            if (r.exit() != 0) {
                failures.add(line + ": the CLI failed: " + r.output().strip());
                continue;
            }
            String[] words = line.split(" ");
            ContainerUpdate update = ContainerUpdate.create();
            for (int i = 0; i < words.length; i += 2) {
                update = update.option(words[i], words[i + 1]);
            }
            docker.containers().update(berthId, update);
            Object a = normalise(settable(cliId).get("HostConfig"), "");
            Object b = normalise(settable(berthId).get("HostConfig"), "");
            if (!a.equals(b)) {
                failures.add(line + diff("", a, b));
            }
        }
        System.out.printf("RunParityIT: %d docker update lines, %d differ%n", UPDATES.size(), failures.size());
        failures.forEach(f -> System.out.println("  FAIL: " + f));
        assertEquals(List.of(), failures);
    }

    /** Gives the container a name: the line's own (made unique) or one of ours. */
    private static String withName(String line, String name) {
        Matcher m = Pattern.compile("--name[ =](\\S+)").matcher(line);
        if (m.find()) {
            return m.replaceFirst("--name " + name + "-" + m.group(1) + "-{side}");
        }
        return "--name " + name + "-{side} " + line;
    }

    /**
     * What a create can set, as inspect shows it: {@code Config} and {@code HostConfig}, and each network's
     * endpoint settings ({@code IPAMConfig}, {@code Aliases}, {@code Links}, {@code DriverOpts},
     * {@code MacAddress}). The host name the daemon makes from the id is left out; {@code Env} and {@code Binds}
     * are sorted (the CLI writes them in Go map order). Compared after {@link #normalise}: the daemon keeps what it
     * was sent, and the CLI sends empty lists and maps ({@code Dns: []}, {@code PortBindings: {}}) where Berth
     * sends nothing, which the daemon reads the same.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> settable(String id) {
        Map<String, Object> raw = docker.transport().json(ApiRequest.get("/containers/{id}/json", id).build(),
                Map.class);
        Map<String, Object> c = new TreeMap<>((Map<String, Object>) raw.get("Config"));
        if (id.startsWith(String.valueOf(c.get("Hostname")))) {
            c.remove("Hostname");
        }
        sort(c, "Env");
        Map<String, Object> h = new TreeMap<>((Map<String, Object>) raw.get("HostConfig"));
        sort(h, "Binds");
        Map<String, Object> endpoints = new TreeMap<>();
        Map<String, Object> networks = (Map<String, Object>) ((Map<String, Object>) raw.get("NetworkSettings"))
                .get("Networks");
        if (networks != null) {
            networks.forEach((name, ep) -> {
                Map<String, Object> e = (Map<String, Object>) ep;
                Map<String, Object> kept = new TreeMap<>();
                for (String k : List.of("IPAMConfig", "Aliases", "Links", "DriverOpts", "MacAddress")) {
                    kept.put(k, e.get(k));
                }
                endpoints.put(name, kept);
            });
        }
        Map<String, Object> out = new TreeMap<>();
        out.put("Config", c);
        out.put("HostConfig", h);
        out.put("Endpoints", endpoints);
        return out;
    }

    private static void sort(Map<String, Object> m, String key) {
        if (m.get(key) instanceof List<?> l) {
            List<String> sorted = new ArrayList<>();
            l.forEach(x -> sorted.add(String.valueOf(x)));
            sorted.sort(null);
            m.put(key, sorted);
        }
    }

    /** The paths where two trees differ, with both values. */
    private static String diff(String path, Object a, Object b) {
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            StringBuilder out = new StringBuilder();
            Set<Object> keys = new java.util.TreeSet<>(x.keySet());
            keys.addAll(y.keySet());
            keys.forEach(k -> out.append(diff(path + "." + k, x.get(k), y.get(k))));
            return out.toString();
        }
        return java.util.Objects.equals(a, b) ? "" : "\n      " + path + ": cli " + a + ", berth " + b;
    }

    /** A spec's create body and name with unset values dropped, and lists whose order the daemon loses sorted. */
    private static Object body(ContainerSpec spec) {
        Map<String, Object> b = spec.toCreateBody();
        spec.name().ifPresent(v -> b.put("name", v));
        return normalise(b, "");
    }

    private static Object normalise(Object node, String key) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, v) -> {
                Object x = normalise(v, String.valueOf(k));
                boolean keys = key.equals("ExposedPorts") || key.equals("Volumes");
                // the daemon's defaults, which Engine 20.10 stores as sent (the CLI spells them out, Berth does not)
                if (k.equals("RestartPolicy") && x instanceof Map<?, ?> rp && rp.size() == 1
                        && "no".equals(rp.get("Name")) || k.equals("Runtime") && "runc".equals(x)) {
                    return;
                }
                if (x != null || keys) {
                    out.put(String.valueOf(k), x == null ? Map.of() : x);
                }
            });
            return out.isEmpty() ? null : out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(normalise(x, key) == null ? x : normalise(x, key)));
            if (Set.of("Env", "Binds").contains(key)) {
                out.sort((x, y) -> String.valueOf(x).compareTo(String.valueOf(y)));
            }
            return out.isEmpty() ? null : out;
        }
        if (node == null || node instanceof String s && s.isEmpty() || Boolean.FALSE.equals(node)
                || node instanceof Number num && num.doubleValue() == 0) {
            return null;
        }
        return node;
    }

    record Result(int exit, String output) {
    }

    private static Result run(List<String> cmd, Path config) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("DOCKER_CONTEXT");
        pb.environment().put("DOCKER_CONFIG", config.toString());
        pb.environment().put("DOCKER_CLI_HINTS", "false");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
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
