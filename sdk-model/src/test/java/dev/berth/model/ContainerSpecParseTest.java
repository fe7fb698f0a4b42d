package dev.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parser, toArgs round trips over the whole CLI corpus, and the raw hook. */
class ContainerSpecParseTest {
    @Test
    void readsWhatTheCliReads() {
        ContainerSpec spec = ContainerSpec.parse("docker run -dit --name web -p8080:80 -e 'A=hello world' "
                + "--label=x=1 --rm -- busybox sh -c \"echo \\\"hi\\\"\"");
        assertTrue(spec.detach() && spec.tty() && spec.openStdin() && spec.autoRemove());
        assertEquals("web", spec.name().orElseThrow());
        assertEquals(List.of("sh", "-c", "echo \"hi\""), spec.cmd());
        assertEquals(Map.of("A", "hello world"), spec.env());
        assertEquals(List.of("8080:80"), spec.option("-p"));
        assertEquals(spec, ContainerSpec.fromArgs(List.of("run", "-d", "-i", "-t", "--name=web", "--publish",
                "8080:80", "--env", "A=hello world", "-l", "x=1", "--rm", "busybox", "sh", "-c", "echo \"hi\"")));
    }

    @Test
    void unknownFlagNamesTheClosestKnownOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContainerSpec.parse("run --memroy 1g busybox"));
        assertTrue(e.getMessage().contains("--memroy") && e.getMessage().contains("--memory"), e.getMessage());
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class,
                () -> ContainerSpec.parse("run --ulimit bogus=1 busybox"));
        assertTrue(v.getMessage().contains("--ulimit") && v.getMessage().contains("bogus"), v.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ContainerSpec.parse("create -d busybox"),
                "docker create has no -d");
    }

    @Test
    void toArgsRoundTripsEveryAcceptedCorpusLine() throws Exception {
        Path fixtures = Path.of(getClass().getResource("/cli/corpus.txt").toURI()).getParent();
        int n = 0;
        for (String line : Files.readAllLines(fixtures.resolve("corpus.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            ContainerSpec spec;
            try {
                spec = ContainerSpec.parse(line.replace("$FIX", fixtures.toString()).replace("$CID", "/tmp/cid"));
            } catch (IllegalArgumentException e) {
                continue;
            }
            assertEquals(spec, ContainerSpec.fromArgs(spec.toArgs()), line);
            assertEquals(spec, ContainerSpec.parse(spec.toCommandLine()), line);
            assertEquals(spec.toCreateBody(), ContainerSpec.fromArgs(spec.toArgs()).toCreateBody(), line);
            n++;
        }
        assertTrue(n > 250, "round-tripped " + n);
    }

    @Test
    void rawValuesAreMergedLast() {
        ContainerSpec spec = ContainerSpec.builder("busybox").option("--cgroupns", "host")
                .raw("HostConfig.CgroupnsMode", "private").raw("Config.Domainname", "example.com")
                .raw("NewTopLevel", Map.of("a", 1)).build();
        Map<String, Object> body = spec.toCreateBody();
        assertEquals("private", ((Map<?, ?>) body.get("HostConfig")).get("CgroupnsMode"));
        assertEquals("example.com", body.get("Domainname"));
        assertEquals(Map.of("a", 1), body.get("NewTopLevel"));
        assertTrue(spec.toString().contains("raw HostConfig.CgroupnsMode=private"), spec.toString());
        assertThrows(IllegalStateException.class, spec::toArgs);
        assertThrows(IllegalArgumentException.class, () -> ContainerSpec.builder("busybox").raw("a..b", 1));
    }

    @Test
    void builderReachesEveryOptionByFlag() {
        ContainerSpec spec = ContainerSpec.builder("busybox").option("--shm-size", "1g").option("--ulimit",
                "nofile=1024:2048").option("--gpus", "all").option("--oom-kill-disable").build();
        Map<?, ?> host = (Map<?, ?>) spec.toCreateBody().get("HostConfig");
        assertEquals(1L << 30, host.get("ShmSize"));
        assertEquals(List.of(Map.of("Name", "nofile", "Soft", 1024L, "Hard", 2048L)), host.get("Ulimits"));
        assertEquals(true, host.get("OomKillDisable"));
        assertEquals(List.of("1g"), spec.option("--shm-size"));
    }
}
