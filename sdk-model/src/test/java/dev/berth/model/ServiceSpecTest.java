package dev.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.ServiceSpec.FileReference;
import dev.berth.model.ServiceSpec.Port;
import dev.berth.model.ServiceSpec.Restart;
import dev.berth.model.ServiceSpec.Rollout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceSpecTest {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static String json(Object o) throws Exception {
        return MAPPER.writeValueAsString(o);
    }

    private static Map<String, Object> map(String json) throws Exception {
        return MAPPER.readValue(json, new TypeReference<Map<String, Object>>() { });
    }

    @Test
    void minimalSpecWritesOnlyTheImage() throws Exception {
        assertEquals("{\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"demo/busybox:1\"}}}",
                json(ServiceSpec.builder("demo/busybox:1").build()));
    }

    @Test
    void fullSpecWritesTheExactApiBody() throws Exception {
        ServiceSpec spec = ServiceSpec.builder("demo/busybox:1")
                .name("web").label("team", "infra")
                .entrypoint("sh", "-c").cmd("httpd -f -p 80")
                .env("MODE", "prod").env("A=b=c").containerLabel("c", "1")
                .bind(Path.of("/srv/www"), "/www", AccessMode.READ_ONLY).volume("data", "/data")
                .mount(Mount.tmpfs("/run", 1024 * 1024))
                .secret("sid", "db-password", "db-password")
                .config("cid", "app.conf", "/etc/app.conf")
                .cpus(0.5).memory("64m").reserveMemory("32m")
                .restartPolicy(Restart.onFailure(3).withDelay(Duration.ofSeconds(2)))
                .network("backend")
                .replicas(3)
                .updateConfig(Rollout.parallelism(2).withDelay(Duration.ofSeconds(10))
                        .withFailureAction(Rollout.FailureAction.ROLLBACK).withOrder(Rollout.Order.START_FIRST))
                .rollbackConfig(Rollout.parallelism(0).withFailureAction(Rollout.FailureAction.PAUSE))
                .publish(8080, 80).publish(Port.host(0, 53).withProtocol(Port.Protocol.UDP))
                .build();
        String expected = "{\"Name\":\"web\",\"Labels\":{\"team\":\"infra\"},"
                + "\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"demo/busybox:1\",\"Labels\":{\"c\":\"1\"},"
                + "\"Command\":[\"sh\",\"-c\"],\"Args\":[\"httpd -f -p 80\"],\"Env\":[\"MODE=prod\",\"A=b=c\"],"
                + "\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/srv/www\",\"Target\":\"/www\",\"ReadOnly\":true},"
                + "{\"Type\":\"volume\",\"Source\":\"data\",\"Target\":\"/data\"},"
                + "{\"Type\":\"tmpfs\",\"Target\":\"/run\",\"TmpfsOptions\":{\"SizeBytes\":1048576}}],"
                + "\"Secrets\":[{\"File\":{\"Name\":\"db-password\",\"UID\":\"0\",\"GID\":\"0\",\"Mode\":292},"
                + "\"SecretID\":\"sid\",\"SecretName\":\"db-password\"}],"
                + "\"Configs\":[{\"File\":{\"Name\":\"/etc/app.conf\",\"UID\":\"0\",\"GID\":\"0\",\"Mode\":292},"
                + "\"ConfigID\":\"cid\",\"ConfigName\":\"app.conf\"}]},"
                + "\"Resources\":{\"Limits\":{\"NanoCPUs\":500000000,\"MemoryBytes\":67108864},"
                + "\"Reservations\":{\"MemoryBytes\":33554432}},"
                + "\"RestartPolicy\":{\"Condition\":\"on-failure\",\"Delay\":2000000000,\"MaxAttempts\":3},"
                + "\"Networks\":[{\"Target\":\"backend\"}]},"
                + "\"Mode\":{\"Replicated\":{\"Replicas\":3}},"
                + "\"UpdateConfig\":{\"Parallelism\":2,\"Delay\":10000000000,\"FailureAction\":\"rollback\","
                + "\"Order\":\"start-first\"},"
                + "\"RollbackConfig\":{\"Parallelism\":0,\"FailureAction\":\"pause\"},"
                + "\"EndpointSpec\":{\"Ports\":[{\"Protocol\":\"tcp\",\"TargetPort\":80,\"PublishedPort\":8080,"
                + "\"PublishMode\":\"ingress\"},{\"Protocol\":\"udp\",\"TargetPort\":53,\"PublishMode\":\"host\"}]}}";
        assertEquals(expected, json(spec.toJson()));
        assertEquals(expected, json(spec), "Jackson writes a spec as its body");
    }

    @Test
    void globalModeAndGetters() {
        ServiceSpec spec = ServiceSpec.builder("img").replicas(2).global().build();
        assertTrue(spec.global());
        assertTrue(spec.replicas().isEmpty());
        assertEquals(Map.of("Global", Map.of()), spec.toJson().get("Mode"));
    }

    /** What engine 20.10 sends back for a service, with fields Berth does not model. */
    private static final String DAEMON_SPEC = """
            {"Name":"web","Labels":{"dev.berth.test":"1"},
             "TaskTemplate":{"ContainerSpec":{"Image":"busybox:1@sha256:abc","Command":["sleep","3600"],
                "Env":["A=1","PASSWORD=hunter2"],"Isolation":"default",
                "Mounts":[{"Type":"volume","Source":"data","Target":"/data",
                           "VolumeOptions":{"Labels":{"x":"y"}}},
                          {"Type":"npipe","Source":"\\\\\\\\.\\\\pipe\\\\x","Target":"\\\\\\\\.\\\\pipe\\\\x"}],
                "Configs":[{"Runtime":{},"ConfigID":"c1","ConfigName":"cred"}]},
              "Placement":{"Constraints":["node.role==manager"]},
              "RestartPolicy":{"Condition":"any","MaxAttempts":0,"Window":0},
              "ForceUpdate":0,"Runtime":"container"},
             "Mode":{"Replicated":{"Replicas":3}},
             "EndpointSpec":{"Mode":"vip","Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":30001,
                                                   "PublishMode":"ingress"}]}}
            """;

    @Test
    void aSpecReadFromTheDaemonIsWrittenBackUnchanged() throws Exception {
        Map<String, Object> daemon = map(DAEMON_SPEC);
        ServiceSpec spec = ServiceSpec.fromJson(daemon);
        assertEquals(json(daemon), json(spec.toJson()));
        assertEquals(json(daemon), json(spec.toBuilder().build().toJson()));
        assertEquals("web", spec.name().orElseThrow());
        assertEquals(3, spec.replicas().getAsLong());
        assertEquals(List.of("sleep", "3600"), spec.entrypoint());
        assertEquals(List.of(), spec.cmd());
        assertEquals(Map.of("A", "1", "PASSWORD", "hunter2"), spec.env());
        assertEquals(List.of(Mount.volume("data", "/data", false)), spec.mounts(), "the npipe mount is not typed");
        assertEquals(List.of(new Port(80, 30001, Port.Protocol.TCP, Port.PublishMode.INGRESS)), spec.ports());
        assertEquals(Restart.any(), spec.restartPolicy().orElseThrow());
        assertTrue(spec.configs().isEmpty(), "a runtime config is not a file");
    }

    @Test
    void changingOnePartLeavesTheRestAsTheDaemonSentIt() throws Exception {
        Map<String, Object> daemon = map(DAEMON_SPEC);
        ServiceSpec scaled = ServiceSpec.fromJson(daemon).toBuilder().replicas(5).build();
        Map<String, Object> expected = map(DAEMON_SPEC);
        expected.put("Mode", Map.of("Replicated", Map.of("Replicas", 5)));
        assertEquals(json(expected), json(scaled.toJson()));

        ServiceSpec moreEnv = ServiceSpec.fromJson(daemon).toBuilder().env("B", "2").removeEnv("A").build();
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) ((Map<String, Object>) moreEnv.toJson().get("TaskTemplate"))
                .get("ContainerSpec");
        assertEquals(List.of("PASSWORD=hunter2", "B=2"), c.get("Env"));
        assertEquals("default", c.get("Isolation"));
    }

    @Test
    void changedListsKeepWhatBerthCannotModel() throws Exception {
        ServiceSpec spec = ServiceSpec.fromJson(map(DAEMON_SPEC)).toBuilder()
                .volume("logs", "/logs", AccessMode.READ_ONLY).build();
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) ((Map<String, Object>) spec.toJson().get("TaskTemplate"))
                .get("ContainerSpec");
        String mounts = json(c.get("Mounts"));
        assertTrue(mounts.contains("\"VolumeOptions\":{\"Labels\":{\"x\":\"y\"}}"), "an unchanged entry is kept"
                + " as sent: " + mounts);
        assertTrue(mounts.contains("{\"Type\":\"volume\",\"Source\":\"logs\",\"Target\":\"/logs\",\"ReadOnly\":true}"),
                mounts);
        assertTrue(mounts.contains("npipe"), "an entry Berth cannot read is kept: " + mounts);

        ServiceSpec noMounts = ServiceSpec.fromJson(map(DAEMON_SPEC)).toBuilder().clearMounts().build();
        assertEquals(0, noMounts.mounts().size());
        assertTrue(json(noMounts.toJson()).contains("npipe"));
        assertFalse(json(noMounts.toJson()).contains("VolumeOptions"));
    }

    @Test
    void equalsComparesTheBody() throws Exception {
        ServiceSpec a = ServiceSpec.builder("img").name("a").replicas(2).build();
        ServiceSpec b = ServiceSpec.fromJson(a.toJson());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, a.toBuilder().replicas(3).build());
    }

    @Test
    void toStringIsReadableAndMasksSecrets() {
        String s = ServiceSpec.builder("img").name("web").replicas(3).env("MODE", "prod").env("DB_PASSWORD", "x1")
                .publish(8080, 80).cpus(0.5).memory("64m")
                .secret(FileReference.of("sid", "db", "db")).build().toString();
        assertEquals("ServiceSpec[name=web, image=img, replicas=3, env=[MODE=prod, DB_PASSWORD=***], "
                + "ports=[8080:80/tcp (ingress)], resources=limits cpus=0.5 memory=64m, secrets=[db -> db (0444)]]",
                s);
    }

    @Test
    void badValuesFailWhereTheyAreWritten() {
        ServiceSpec.Builder b = ServiceSpec.builder("img");
        assertThrows(IllegalArgumentException.class, () -> b.name("no spaces"));
        assertThrows(IllegalArgumentException.class, () -> b.name("-lead"));
        assertThrows(IllegalArgumentException.class, () -> b.replicas(-1));
        assertThrows(IllegalArgumentException.class, () -> b.publish(70000, 80));
        assertThrows(IllegalArgumentException.class, () -> Port.Protocol.of("icmp"));
        assertThrows(IllegalArgumentException.class, () -> b.memory("1m"));
        assertThrows(IllegalArgumentException.class, () -> Restart.Condition.of("sometimes"));
        assertThrows(IllegalArgumentException.class, () -> new Restart(null, null, 0));
        assertThrows(IllegalArgumentException.class, () -> Rollout.Order.of("random"));
        assertThrows(IllegalArgumentException.class,
                () -> b.rollbackConfig(Rollout.parallelism(1).withFailureAction(Rollout.FailureAction.ROLLBACK)));
        assertThrows(IllegalArgumentException.class, () -> b.restartPolicy(null));
        assertThrows(IllegalArgumentException.class, () -> b.resources(null));
        assertThrows(IllegalArgumentException.class, () -> b.bind(Path.of("/srv"), "/srv", null));
        assertThrows(IllegalArgumentException.class, () -> b.secret("", "n", "f"));
        assertThrows(IllegalArgumentException.class, () -> b.env("A"));
        b.publish(8080, 80);
        assertThrows(IllegalArgumentException.class, () -> b.publish(8080, 81));
        b.volume("data", "/data");
        assertThrows(IllegalArgumentException.class, () -> b.volume("other", "/data"));
    }

    @Test
    void serviceDetailsKeepEverythingAndTypeTheSpec() throws Exception {
        String body = "{\"ID\":\"s1\",\"Version\":{\"Index\":18},\"Spec\":" + DAEMON_SPEC
                + ",\"PreviousSpec\":{\"Name\":\"web\",\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"old\"}}},"
                + "\"Endpoint\":{\"Spec\":{\"Mode\":\"vip\"},\"Ports\":[{\"Protocol\":\"tcp\",\"TargetPort\":80,"
                + "\"PublishedPort\":30001,\"PublishMode\":\"ingress\"}],\"VirtualIPs\":[{\"NetworkID\":\"n\","
                + "\"Addr\":\"10.0.0.2/24\"}]},\"UpdateStatus\":{\"State\":\"completed\",\"Message\":\"done\"},"
                + "\"JobStatus\":{\"x\":1}}";
        ServiceDetails d = MAPPER.readValue(body, ServiceDetails.class);
        assertEquals(18, d.versionIndex());
        assertEquals("web", d.name());
        assertEquals(3, d.spec().replicas().getAsLong());
        assertEquals("old", d.previousSpec().image());
        assertEquals(ServiceDetails.EndpointMode.VIP, d.endpoint().spec().mode());
        assertEquals(30001, d.endpoint().ports().get(0).published());
        assertEquals("completed", d.updateStatus().state());
        assertEquals(Map.of("x", 1), d.extras().get("JobStatus"));
        assertTrue(json(d).contains("\"JobStatus\":{\"x\":1}"), "extras round-trip");
    }

    @Test
    void ttyAndItsRemoval() {
        ServiceSpec tty = ServiceSpec.builder("img").tty().build();
        assertTrue(tty.tty());
        assertEquals(Boolean.TRUE, container(tty).get("TTY"));
        ServiceSpec off = tty.toBuilder().noTty().build();
        assertFalse(off.tty());
        assertFalse(container(off).containsKey("TTY"));
    }

    @Test
    void policiesAreClearedByName() {
        ServiceSpec set = ServiceSpec.builder("img").restartPolicy(Restart.none())
                .updateConfig(Rollout.parallelism(1)).rollbackConfig(Rollout.parallelism(1)).build();
        assertEquals("none", task(set).get("RestartPolicy") instanceof Map<?, ?> m ? m.get("Condition") : null);
        ServiceSpec cleared = set.toBuilder().clearRestartPolicy().clearUpdateConfig().clearRollbackConfig().build();
        assertTrue(cleared.restartPolicy().isEmpty());
        assertFalse(task(cleared).containsKey("RestartPolicy"));
        assertFalse(cleared.toJson().containsKey("UpdateConfig"));
        assertFalse(cleared.toJson().containsKey("RollbackConfig"));
    }

    @Test
    void enumsReadTheDaemonsSpelling() throws Exception {
        ServiceSpec spec = ServiceSpec.fromJson(map("""
                {"TaskTemplate":{"ContainerSpec":{"Image":"img"},
                                 "RestartPolicy":{"Condition":"on-failure","MaxAttempts":2}},
                 "UpdateConfig":{"Parallelism":1,"FailureAction":"continue","Order":"start-first"},
                 "EndpointSpec":{"Ports":[{"Protocol":"sctp","TargetPort":9,"PublishMode":"host"}]}}"""));
        assertEquals(Restart.Condition.ON_FAILURE, spec.restartPolicy().orElseThrow().condition());
        assertEquals(Rollout.FailureAction.CONTINUE, spec.updateConfig().orElseThrow().failureAction());
        assertEquals(Rollout.Order.START_FIRST, spec.updateConfig().orElseThrow().order());
        assertEquals(new Port(9, 0, Port.Protocol.SCTP, Port.PublishMode.HOST), spec.ports().get(0));
        assertEquals("\"sctp\"", json(Port.Protocol.SCTP));
        assertEquals(Port.PublishMode.HOST, MAPPER.readValue("\"host\"", Port.PublishMode.class));
    }

    /** What engine 28 (API 1.52 and later) sends for a service with a memory and a swap limit. */
    private static final String SWAP_SPEC = """
            {"Name":"web","TaskTemplate":{"ContainerSpec":{"Image":"img"},
             "Resources":{"Limits":{"NanoCPUs":500000000,"MemoryBytes":104857600},"Reservations":{},
                          "SwapBytes":209715200,"MemorySwappiness":10}}}""";

    @Test
    void removingTheMemoryLimitRemovesTheSwapLimitTheDaemonWouldRefuseWithoutIt() throws Exception {
        for (ServiceSpec noMemory : List.of(
                ServiceSpec.fromJson(map(SWAP_SPEC)).toBuilder().memory(0).build(),
                ServiceSpec.fromJson(map(SWAP_SPEC)).toBuilder().resources(ServiceSpec.Resources.NONE).build())) {
            Map<?, ?> resources = (Map<?, ?>) task(noMemory).get("Resources");
            assertFalse(resources.containsKey("SwapBytes"), "no swap limit without a memory limit: " + resources);
            assertEquals(10L, resources.get("MemorySwappiness"), "swappiness needs no memory limit");
        }
        Map<?, ?> kept = (Map<?, ?>) task(ServiceSpec.fromJson(map(SWAP_SPEC)).toBuilder().cpus(1).build())
                .get("Resources");
        assertEquals(209715200L, kept.get("SwapBytes"), "with the memory limit kept, so is the swap limit");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> task(ServiceSpec spec) {
        return (Map<String, Object>) spec.toJson().get("TaskTemplate");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(ServiceSpec spec) {
        return (Map<String, Object>) task(spec).get("ContainerSpec");
    }

    @Test
    void secretsNeverShowData() throws Exception {
        SecretDetails s = MAPPER.readValue("{\"ID\":\"x\",\"Version\":{\"Index\":3},\"Spec\":{\"Name\":\"pw\","
                + "\"Labels\":{\"a\":\"b\"},\"Data\":\"aHVudGVyMg==\"},\"Data\":\"aHVudGVyMg==\"}", SecretDetails.class);
        assertEquals("pw", s.name());
        assertFalse(s.toString().contains("aHVudGVyMg"), s.toString());
        assertTrue(s.toString().contains("pw"), s.toString());
        JoinTokens t = new JoinTokens("SWMTKN-1-abc-def", "SWMTKN-1-abc-ghi");
        assertEquals("JoinTokens[worker=SWMTKN-1-***, manager=SWMTKN-1-***]", t.toString());
    }
}
