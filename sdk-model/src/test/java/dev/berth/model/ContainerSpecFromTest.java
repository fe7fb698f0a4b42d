package dev.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.cli.ContainerSpecCliParityTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link ContainerSpec#from(ContainerDetails)} over the CLI corpus: for each line Berth accepts, a container made
 * from its create body (as {@code inspect} would show it, before the daemon adds anything) reads back into the spec:
 * the same value for every option the table reads back as written, the same create body for the options it reads
 * back in the daemon's spelling.
 */
class ContainerSpecFromTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "0123456789abcdef".repeat(4);

    /** Options {@code from} does not read, and why. */
    static final Map<String, String> NOT_READ = new LinkedHashMap<>();
    /** Options {@code from} reads in the daemon's spelling: the body is the same, the text may differ. */
    static final Map<String, String> RESPELLED = new LinkedHashMap<>();

    static {
        for (String client : List.of("detach", "detachKeys", "sigProxy", "pull", "quiet", "disableContentTrust")) {
            NOT_READ.put(client, "client-side: steers the CLI or run(), not kept by the daemon");
        }
        NOT_READ.put("platform", "a query parameter; inspect shows only the OS (Platform: linux)");
        NOT_READ.put("kernelMemory", "no longer in the API: nothing is sent");
        NOT_READ.put("envFile", "the file's entries are in Env: read back as -e");
        NOT_READ.put("labelFile", "the file's entries are in Labels: read back as -l");
        NOT_READ.put("useApiSocket", "a bind mount of the socket: read back as --mount");
        RESPELLED.put("publish", "one -p per port binding, /tcp left out (-p 8000-8002:80-82 reads as three)");
        RESPELLED.put("expose", "one --expose per port, minus the published ones");
        RESPELLED.put("mount", "canonical field names and order (source=, target=, sizes in bytes)");
        RESPELLED.put("gpus", "driver=,device=,count=,capabilities= in that order (all reads as count=all)");
        RESPELLED.put("volume", "-v ./rel made absolute; binds before anonymous volumes");
        RESPELLED.put("network", "the first network's settings read as --ip, --network-alias, ...");
        RESPELLED.put("networkAlias", "aliases given in --network name=n,alias=a read as --network-alias");
        RESPELLED.put("ip", "ip= of --network name=n,ip=... reads as --ip");
        RESPELLED.put("macAddress", "mac-address= of --network name=n,... reads as --mac-address");
        for (String kv : List.of("label", "logOpt", "annotation", "sysctl", "storageOpt")) {
            RESPELLED.put(kv, "an entry without = reads as name= (its value is empty)");
        }
        RESPELLED.put("env", "Env as the daemon keeps it: a name given twice once, with its last value");
        RESPELLED.put("deviceReadBps", "rates in bytes");
        RESPELLED.put("deviceWriteBps", "rates in bytes");
        RESPELLED.put("device", "host[:container][:perms] with defaults left out");
        RESPELLED.put("link", "name:alias, the alias left out when it is the name");
        RESPELLED.put("securityOpt", "systempaths=unconfined read from the empty MaskedPaths and ReadonlyPaths");
        RESPELLED.put("attach", "the default streams read as unset");
        RESPELLED.put("interactive", "-i read from OpenStdin");
    }

    /** Lines whose values the daemon's defaults hide (the option reads as unset), with the reason. */
    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        String daemon = "the value is the daemon's default, which from() leaves out";
        for (String line : List.of("--net bridge busybox", "--restart no busybox", "--rm --restart no busybox",
                "--log-driver json-file busybox", "--ipc=private busybox", "--ipc shareable busybox",
                "--cgroupns private busybox", "--cgroupns=host busybox", "--runtime runc busybox",
                "--shm-size=64m busybox", "-m 512m --memory-swap 1g busybox")) {
            DEFAULTS.put(line, daemon);
        }
        String zero = "a zero or false value reads as unset";
        for (String line : List.of("-t=false busybox", "--read-only=false busybox", "--oom-kill-disable=false busybox",
                "--no-healthcheck=false busybox", "--privileged=false busybox")) {
            DEFAULTS.put(line, zero);
        }
    }

    @Test
    void everyAcceptedCorpusLineReadsBack() throws Exception {
        Path fixtures = Path.of(getClass().getResource("/cli/corpus.txt").toURI()).getParent();
        Path work = Files.createTempDirectory("berth-from");
        int accepted = 0;
        int exact = 0;
        int sameBody = 0;
        int hidden = 0;
        int n = 0;
        List<String> failures = new ArrayList<>();
        for (String raw : Files.readAllLines(fixtures.resolve("corpus.txt"))) {
            if (raw.isBlank() || raw.startsWith("#")) {
                continue;
            }
            String line = raw.replace("$FIX", fixtures.toString()).replace("$CID", work.resolve("cid-" + n++)
                    .toString());
            ContainerSpec spec;
            try {
                spec = ContainerSpec.parse("create " + line);
            } catch (IllegalArgumentException e) {
                continue;
            }
            accepted++;
            ContainerSpec back = ContainerSpec.from(details(spec));
            Map<String, Object> want = readable(spec);
            Map<String, Object> got = readable(back);
            if (want.equals(got) && spec.image().equals(back.image()) && spec.cmd().equals(back.cmd())) {
                exact++;
                continue;
            }
            Set<String> differing = new java.util.TreeSet<>();
            want.keySet().forEach(k -> {
                if (!want.get(k).equals(got.get(k))) {
                    differing.add(k);
                }
            });
            got.keySet().forEach(k -> {
                if (!got.get(k).equals(want.get(k))) {
                    differing.add(k);
                }
            });
            boolean respelled = RESPELLED.keySet().containsAll(differing);
            if (respelled && body(spec).equals(body(back))) {
                sameBody++;
            } else if (DEFAULTS.containsKey(raw)) {
                hidden++;
            } else {
                failures.add(raw + "\n    options " + differing + "\n    want " + want + " " + spec.cmd()
                        + "\n    got  " + got + " " + back.cmd() + "\n    body " + body(spec) + "\n    back "
                        + body(back));
            }
        }
        System.out.printf("from(): %d accepted lines, %d read back exactly, %d as the same body in the daemon's"
                + " spelling, %d hidden by daemon defaults%n", accepted, exact, sameBody, hidden);
        failures.forEach(f -> System.out.println("  FAIL: " + f));
        assertEquals(List.of(), failures);
        assertTrue(exact > 200, "exact: " + exact);
    }

    @Test
    void theDaemonsDefaultsAndTheImagesPartAreLeftOut() throws Exception {
        String inspect = """
                {"Id": "%s", "Name": "/web",
                 "Config": {"Hostname": "0123456789ab", "Domainname": "", "User": "", "AttachStdin": false,
                   "AttachStdout": true, "AttachStderr": true, "Tty": false, "OpenStdin": false,
                   "Env": ["MODE=prod", "PATH=/bin"], "Cmd": ["sh"], "Image": "demo/busybox:1",
                   "Labels": {"dev.berth.test": "1", "team": "web"}, "ExposedPorts": {"80/tcp": {}},
                   "Entrypoint": null, "WorkingDir": ""},
                 "HostConfig": {"NetworkMode": "bridge", "RestartPolicy": {"Name": "no", "MaximumRetryCount": 0},
                   "LogConfig": {"Type": "json-file", "Config": {"max-size": "10m"}}, "ShmSize": 67108864,
                   "IpcMode": "private", "CgroupnsMode": "private", "Runtime": "runc", "Memory": 67108864,
                   "PortBindings": {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}, "MemorySwappiness": null,
                   "MaskedPaths": ["/proc/kcore"], "ReadonlyPaths": ["/proc/sys"], "Init": null},
                 "NetworkSettings": {"Networks": {"bridge": {"IPAMConfig": null, "Aliases": null,
                   "MacAddress": "", "NetworkID": "abc"}}}}
                """.formatted(ID);
        String image = """
                {"Id": "sha256:1", "Config": {"Env": ["PATH=/bin"], "Cmd": ["sh"], "Labels": {"dev.berth.test": "1"}}}
                """;
        ContainerDetails d = JSON.readValue(inspect, ContainerDetails.class);
        assertEquals(ContainerSpec.parse("run --name web -e MODE=prod -l team=web -p 8080:80 -m 64m"
                + " --log-opt max-size=10m demo/busybox:1"), ContainerSpec.from(d, JSON.readValue(image,
                ImageDetails.class)));
        assertEquals(ContainerSpec.parse("run --name web -e MODE=prod -e PATH=/bin -l dev.berth.test=1 -l team=web"
                + " -p 8080:80 -m 64m --log-opt max-size=10m demo/busybox:1 sh"), ContainerSpec.from(d),
                "without the image, what came from it is read too");
    }

    /** The options from() reads, each as CLI text (repeated ones sorted: maps lose the order given). */
    private static Map<String, Object> readable(ContainerSpec spec) throws Exception {
        Map<String, Object> out = new TreeMap<>();
        for (SpecOption o : SpecOptions.ALL) {
            if (NOT_READ.containsKey(o.name()) || o.flags().isEmpty() && !o.name().equals("healthTest")) {
                continue;
            }
            List<String> values = o.flags().isEmpty() ? List.of(String.valueOf(spec.healthcheck()))
                    : new ArrayList<>(spec.option(o.flag()));
            if (o.name().equals("healthTest") && spec.healthcheck().map(h -> h.test().isEmpty()
                    || !h.test().get(0).equals("CMD")).orElse(true)) {
                continue;
            }
            values.removeIf(v -> o.kind() == SpecOption.Kind.SWITCH && v.equals("false")
                    && !o.name().equals("init"));
            if (!values.isEmpty()) {
                if (o.kind() == SpecOption.Kind.REPEAT) {
                    values.sort(null);
                }
                out.put(o.name(), values);
            }
        }
        return out;
    }

    private static JsonNode body(ContainerSpec spec) throws Exception {
        Map<String, Object> b = spec.toCreateBody();
        spec.name().ifPresent(v -> b.put("query.name", v));
        return ContainerSpecCliParityTest.normalise(JSON.readTree(JSON.writeValueAsString(b)), "");
    }

    /** A container as inspect shows one made from the spec's create body, before the daemon fills anything in. */
    @SuppressWarnings("unchecked")
    static ContainerDetails details(ContainerSpec spec) throws Exception {
        Map<String, Object> config = spec.toCreateBody();
        Object host = config.remove("HostConfig");
        Map<String, Object> networking = (Map<String, Object>) config.remove("NetworkingConfig");
        Map<String, Object> inspect = new LinkedHashMap<>();
        inspect.put("Id", ID);
        spec.name().ifPresent(n -> inspect.put("Name", "/" + n));
        inspect.put("Config", config);
        inspect.put("HostConfig", host);
        inspect.put("NetworkSettings", Map.of("Networks", networking == null ? Map.of()
                : networking.getOrDefault("EndpointsConfig", Map.of())));
        return JSON.readValue(JSON.writeValueAsString(inspect), ContainerDetails.class);
    }
}
