package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.LogLine;
import dev.berth.model.ServiceDetails;
import dev.berth.model.ServiceSpec;
import dev.berth.model.ServiceSpec.Port;
import dev.berth.model.TaskDetails;
import dev.berth.transport.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * The service and task endpoints against a mock daemon at API 1.41: method, path, query, {@code X-Registry-Auth} and
 * body as the Engine API spec says, and the answers as the spec shapes them.
 */
class ServicesApiTest {
    private static final String ID = "9mnpnzenvg8p8tdbtq4wvbkcz";

    private static final String SERVICE = """
            {"ID":"%s","Version":{"Index":19},"CreatedAt":"2016-06-07T21:05:51.880065305Z",
             "UpdatedAt":"2016-06-07T21:07:29.962229872Z",
             "Spec":{"Name":"hopeful_cori","Labels":{},
                     "TaskTemplate":{"ContainerSpec":{"Image":"redis","Args":["redis-server"],"Env":["A=1"]},
                                     "Resources":{"Limits":{},"Reservations":{}},
                                     "RestartPolicy":{"Condition":"any","MaxAttempts":0},
                                     "Placement":{},"ForceUpdate":0},
                     "Mode":{"Replicated":{"Replicas":1}},
                     "UpdateConfig":{"Parallelism":1,"Delay":1000000000,"FailureAction":"pause",
                                     "Monitor":15000000000,"MaxFailureRatio":0.15},
                     "EndpointSpec":{"Mode":"vip","Ports":[{"Protocol":"tcp","TargetPort":6379,
                                                            "PublishedPort":30001}]}},
             "PreviousSpec":{"Name":"hopeful_cori","TaskTemplate":{"ContainerSpec":{"Image":"redis:6"}},
                             "Mode":{"Replicated":{"Replicas":1}}},
             "Endpoint":{"Spec":{"Mode":"vip","Ports":[{"Protocol":"tcp","TargetPort":6379,"PublishedPort":30001}]},
                         "Ports":[{"Protocol":"tcp","TargetPort":6379,"PublishedPort":30001,"PublishMode":"ingress"}],
                         "VirtualIPs":[{"NetworkID":"4qvuz4ko70xaltuqbt8956gd1","Addr":"10.255.0.2/16"}]},
             "UpdateStatus":{"State":"completed","StartedAt":"2016-06-07T21:07:29Z","Message":"update completed"}}
            """.formatted(ID);

    private static final String TASK = """
            {"ID":"0kzzo1i0y4jz6027t0k7aezc7","Version":{"Index":71},"CreatedAt":"2016-06-07T21:07:31.171892745Z",
             "UpdatedAt":"2016-06-07T21:07:31.376370513Z",
             "Spec":{"ContainerSpec":{"Image":"redis","Command":["sh","-c"],"Args":["redis-server"],
                                      "Env":["DB_PASSWORD=hunter2"],"Isolation":"default"},
                     "Resources":{"Limits":{"NanoCPUs":500000000,"Pids":100},"Reservations":{}},
                     "RestartPolicy":{"Condition":"any","MaxAttempts":0},"Placement":{},
                     "Networks":[{"Target":"backend","Aliases":["db"]}],"ForceUpdate":2,"Runtime":"container"},
             "ServiceID":"%s","Slot":1,"NodeID":"60gvrl6tm78dmak4yl7srz94v",
             "Status":{"Timestamp":"2016-06-07T21:07:31.290032978Z","State":"running","Message":"started",
                       "ContainerStatus":{"ContainerID":"e5d62702a1b48d01c3e02ca1e0212a25","PID":677}},
             "DesiredState":"running"}""".formatted(ID);

    private static MockResponse ok() {
        return new MockResponse.Builder().code(200).build();
    }

    private static JsonNode body(RecordedRequest r) throws IOException {
        return Json.mapper().readTree(r.getBody().utf8());
    }

    private static void assertRequest(RecordedRequest r, String method, String path) {
        assertEquals(method, r.getMethod());
        assertEquals("/v1.41" + path, r.getUrl().encodedPath());
    }

    // ---- services --------------------------------------------------------------------------------------------

    @Test
    void createSendsTheSpecWithAnonymousAuthAndAnswersTheId() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json")
                    .body("{\"ID\":\"ak7w3gjqoa3kuz8xcpnyy0pvl\",\"Warning\":\"unable to pin image\"}").build());
            ServiceSpec spec = ServiceSpec.builder("nginx:alpine").name("web").cmd("nginx", "-g", "daemon off;")
                    .replicas(4).publish(8080, 80).memory("100m").build();
            assertEquals("ak7w3gjqoa3kuz8xcpnyy0pvl", engine.docker().swarm().services().create(spec));
            RecordedRequest r = engine.request();
            assertRequest(r, "POST", "/services/create");
            assertEquals(AuthConfig.anonymous().toHeader(), r.getHeaders().get("X-Registry-Auth"));
            assertEquals(Json.mapper().readTree("""
                    {"Name":"web","TaskTemplate":{"ContainerSpec":{"Image":"nginx:alpine",
                       "Args":["nginx","-g","daemon off;"]},"Resources":{"Limits":{"MemoryBytes":104857600}}},
                     "Mode":{"Replicated":{"Replicas":4}},
                     "EndpointSpec":{"Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,
                                               "PublishMode":"ingress"}]}}"""), body(r));
        }
    }

    @Test
    void createWithRegistryAuthSendsTheCredentials() {
        AuthConfig auth = AuthConfig.ofPassword("ci", "hunter2", "registry.example.com");
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("{\"ID\":\"s1\"}");
            engine.docker().swarm().services().create(ServiceSpec.builder("registry.example.com/app:1").build(),
                    ServiceCreateOptions.defaults().withRegistryAuth(auth));
            assertEquals(auth.toHeader(), engine.request().getHeaders().get("X-Registry-Auth"));
        }
        assertTrue(!ServiceCreateOptions.defaults().withRegistryAuth(auth).toString().contains("hunter2"));
        assertThrows(IllegalArgumentException.class, () -> ServiceCreateOptions.defaults().withRegistryAuth(null));
    }

    @Test
    void inspectTypesBothSpecsAndTheEndpoint() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(SERVICE);
            ServiceDetails s = engine.docker().swarm().services().inspect("hopeful_cori");
            RecordedRequest r = engine.request();
            assertRequest(r, "GET", "/services/hopeful_cori");
            assertEquals("0", r.getUrl().queryParameter("insertDefaults"));
            assertEquals(ID, s.id());
            assertEquals(19, s.versionIndex());
            assertEquals("hopeful_cori", s.name());
            assertEquals(List.of("redis-server"), s.spec().cmd());
            assertEquals(ServiceSpec.Rollout.FailureAction.PAUSE, s.spec().updateConfig().orElseThrow()
                    .failureAction());
            assertEquals("redis:6", s.previousSpec().image());
            assertEquals(ServiceDetails.EndpointMode.VIP, s.endpoint().spec().mode());
            assertEquals(30001, s.endpoint().spec().ports().get(0).published());
            assertEquals(Port.PublishMode.INGRESS, s.endpoint().ports().get(0).mode());
            assertEquals("10.255.0.2/16", s.endpoint().virtualIps().get(0).get("Addr"));
            assertEquals("completed", s.updateStatus().state());
        }
    }

    @Test
    void listAsksForTaskCountsAndFilters() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("[" + SERVICE.replace("\"UpdateStatus\"",
                    "\"ServiceStatus\":{\"RunningTasks\":1,\"DesiredTasks\":2},\"UpdateStatus\"") + "]");
            engine.answer("[]");
            List<ServiceDetails> web = engine.docker().swarm().services().list(Filters.label("app=web")
                    .and("mode", "replicated"));
            assertEquals(List.of(), engine.docker().swarm().services().list());
            RecordedRequest r = engine.request();
            assertRequest(r, "GET", "/services");
            assertEquals("1", r.getUrl().queryParameter("status"));
            assertEquals("{\"label\":{\"app=web\":true},\"mode\":{\"replicated\":true}}",
                    r.getUrl().queryParameter("filters"));
            RecordedRequest all = engine.request();
            assertEquals("1", all.getUrl().queryParameter("status"));
            assertNull(all.getUrl().queryParameter("filters"));
            assertEquals(1, web.get(0).serviceStatus().runningTasks());
            assertEquals(2, web.get(0).serviceStatus().desiredTasks());
        }
    }

    @Test
    void updateSendsTheSpecWithItsVersionAndNoAuthUnlessGiven() throws IOException {
        AuthConfig auth = AuthConfig.ofIdentityToken("tok", "registry.example.com");
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("{\"Warnings\":[\"sha256:abc: image not pinned\"]}");
            engine.answer("{}");
            Services services = engine.docker().swarm().services();
            ServiceSpec spec = ServiceSpec.builder("redis:7").name("hopeful_cori").build();
            assertEquals(List.of("sha256:abc: image not pinned"), services.update(ID, 19, spec));
            assertEquals(List.of(), services.update(ID, 20, spec,
                    ServiceUpdateOptions.defaults().withRegistryAuth(auth)));
            RecordedRequest plain = engine.request();
            assertRequest(plain, "POST", "/services/" + ID + "/update");
            assertEquals("19", plain.getUrl().queryParameter("version"));
            assertNull(plain.getHeaders().get("X-Registry-Auth"), "the service keeps the credentials it has");
            assertEquals(Json.mapper().readTree("{\"Name\":\"hopeful_cori\",\"TaskTemplate\":{\"ContainerSpec\":"
                    + "{\"Image\":\"redis:7\"}}}"), body(plain));
            RecordedRequest authed = engine.request();
            assertEquals("20", authed.getUrl().queryParameter("version"));
            assertEquals(auth.toHeader(), authed.getHeaders().get("X-Registry-Auth"));
        }
    }

    @Test
    void readModifyWriteSendsBackWhatItReadWithTheChange() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(SERVICE);
            engine.answer("{}");
            engine.docker().swarm().services().scale("hopeful_cori", 3);
            engine.request();
            RecordedRequest r = engine.request();
            assertRequest(r, "POST", "/services/" + ID + "/update");
            assertEquals("19", r.getUrl().queryParameter("version"));
            JsonNode expected = Json.mapper().readTree(SERVICE).get("Spec").deepCopy();
            ((ObjectNode) expected.get("Mode").get("Replicated"))
                    .put("Replicas", 3);
            assertEquals(expected, body(r));
        }
    }

    @Test
    void rollbackSendsTheCurrentSpecAsRead() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(SERVICE);
            engine.answer("{}");
            engine.docker().swarm().services().rollback("hopeful_cori");
            engine.request();
            RecordedRequest r = engine.request();
            assertRequest(r, "POST", "/services/" + ID + "/update");
            assertEquals("previous", r.getUrl().queryParameter("rollback"));
            assertEquals("19", r.getUrl().queryParameter("version"));
            assertEquals(Json.mapper().readTree(SERVICE).get("Spec"), body(r));
        }
    }

    @Test
    void remove() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(ok());
            engine.docker().swarm().services().remove("web");
            assertRequest(engine.request(), "DELETE", "/services/web");
        }
    }

    @Test
    void logsAskForBothStreamsAndAllLinesByDefault() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(SERVICE);
            engine.answer(multiplexed(Frames.of().out("one\n").err("two\n")));
            List<LogLine> lines;
            try (Stream<LogLine> s = engine.docker().swarm().services().logs("hopeful_cori")) {
                lines = s.toList();
            }
            assertRequest(engine.request(), "GET", "/services/hopeful_cori");
            RecordedRequest r = engine.request();
            assertRequest(r, "GET", "/services/hopeful_cori/logs");
            assertEquals("1", r.getUrl().queryParameter("stdout"));
            assertEquals("1", r.getUrl().queryParameter("stderr"));
            assertEquals("0", r.getUrl().queryParameter("follow"));
            assertEquals("0", r.getUrl().queryParameter("timestamps"));
            assertEquals("all", r.getUrl().queryParameter("tail"));
            assertNull(r.getUrl().queryParameter("since"));
            assertEquals(2, lines.size());
            assertEquals(LogLine.Source.STDOUT, lines.get(0).source());
            assertEquals("one", lines.get(0).text());
            assertEquals(LogLine.Source.STDERR, lines.get(1).source());
        }
    }

    @Test
    void logsWithOptionsSendThem() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(SERVICE);
            engine.answer(multiplexed(Frames.of().out("2024-01-02T03:04:05.000000006Z hi\n")));
            List<LogLine> lines;
            try (Stream<LogLine> s = engine.docker().swarm().services().logs("hopeful_cori",
                    ServiceLogsOptions.defaults().stdoutOnly().follow().timestamps().withTail(10)
                            .withSince(Instant.ofEpochSecond(1700000000, 5)))) {
                lines = s.toList();
            }
            engine.request();
            RecordedRequest r = engine.request();
            assertEquals("1", r.getUrl().queryParameter("stdout"));
            assertEquals("0", r.getUrl().queryParameter("stderr"));
            assertEquals("1", r.getUrl().queryParameter("follow"));
            assertEquals("1", r.getUrl().queryParameter("timestamps"));
            assertEquals("10", r.getUrl().queryParameter("tail"));
            assertEquals("1700000000.000000005", r.getUrl().queryParameter("since"));
            assertEquals("hi", lines.get(0).text());
            assertEquals(Instant.parse("2024-01-02T03:04:05.000000006Z"), lines.get(0).timestamp());
        }
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> ServiceLogsOptions.defaults().withTail(-1));
        assertTrue(negative.getMessage().contains("-1"), negative.getMessage());
        assertEquals("ServiceLogsOptions[stdout, stderr, follow, tail 0]",
                ServiceLogsOptions.defaults().follow().withTail(0).toString());
    }

    private static MockResponse multiplexed(Frames frames) {
        Buffer body = new Buffer();
        try {
            body.readFrom(frames.stream(64));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "application/vnd.docker.multiplexed-stream").body(body).build();
    }

    // ---- tasks -----------------------------------------------------------------------------------------------

    @Test
    void tasksListWithFiltersAndTypedSpec() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("[" + TASK + "]");
            engine.answer("[]");
            engine.answer("[]");
            List<TaskDetails> tasks = engine.docker().swarm().tasks().ofService("web");
            engine.docker().swarm().tasks().list(Filters.of("desired-state", "running"));
            engine.docker().swarm().tasks().list();
            RecordedRequest r = engine.request();
            assertRequest(r, "GET", "/tasks");
            assertEquals("{\"service\":{\"web\":true}}", r.getUrl().queryParameter("filters"));
            assertEquals("{\"desired-state\":{\"running\":true}}", engine.request().getUrl()
                    .queryParameter("filters"));
            assertNull(engine.request().getUrl().queryParameter("filters"));

            TaskDetails t = tasks.get(0);
            assertTrue(t.isRunning());
            assertEquals(1, t.slot());
            assertEquals("e5d62702a1b48d01c3e02ca1e0212a25", t.containerId().orElseThrow());
            TaskDetails.Spec spec = t.spec();
            assertEquals("redis", spec.container().image());
            assertEquals(List.of("sh", "-c"), spec.container().entrypoint());
            assertEquals(List.of("redis-server"), spec.container().cmd());
            assertEquals("default", spec.container().extras().get("Isolation"));
            assertEquals(500000000L, spec.resources().limits().nanoCpus());
            assertEquals(100, spec.resources().limits().pids());
            assertNull(spec.resources().swapBytes());
            assertEquals("any", spec.restartPolicy().condition());
            assertEquals(List.of("db"), spec.networks().get(0).aliases());
            assertEquals(2, spec.forceUpdate());
            assertEquals(Map.of(), spec.extras().get("Placement"));
            assertTrue(!t.toString().contains("hunter2"), t.toString());
        }
    }

    @Test
    void taskInspect() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(TASK);
            assertEquals("running", engine.docker().swarm().tasks().inspect("0kzzo1i0y4jz6027t0k7aezc7").state());
            assertRequest(engine.request(), "GET", "/tasks/0kzzo1i0y4jz6027t0k7aezc7");
        }
    }
}
