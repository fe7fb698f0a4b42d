package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.model.PluginDetails;
import dev.berth.model.PluginPrivilege;
import dev.berth.model.ProgressEvent;
import dev.berth.transport.ApiVersion;
import dev.berth.transport.DockerHost;
import dev.berth.transport.Endpoint;
import dev.berth.transport.Json;
import dev.berth.errors.NotFoundException;
import dev.berth.errors.StreamException;
import dev.berth.transport.Timeouts;
import dev.berth.transport.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Plugins} against a mock daemon: what goes on the wire, and how the answers are read. */
class PluginsTest {
    private static final String SSHFS = """
            {"Id":"5724e2c8652da337ab2eedd19fc6fc0ec908e4bd907c7421bf6a8dfc70c4c078",
             "Name":"vieux/sshfs:latest","Enabled":true,
             "Settings":{"Mounts":[],"Env":["DEBUG=0"],"Args":[],"Devices":[]},
             "PluginReference":"docker.io/vieux/sshfs:latest",
             "Config":{"Description":"sshFS plugin for Docker","Interface":{"Types":["docker.volumedriver/1.0"],
                       "Socket":"sshfs.sock"},"Entrypoint":["/docker-volume-sshfs"]},
             "FutureField":{"Added":"in API 9.99"}}""";

    private MockWebServer server;
    private Transport transport;
    private Plugins plugins;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(0);
        transport = new Transport(new Endpoint(DockerHost.tcp(server.getHostName(), server.getPort()), null,
                ApiVersion.of(1, 41), "test", List.of()), Timeouts.DEFAULT);
        plugins = new Plugins(transport);
    }

    @AfterEach
    void stop() {
        transport.close();
        server.close();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .addHeader("Api-Version", "1.41").body(body).build();
    }

    private static MockResponse noContent() {
        return new MockResponse.Builder().code(204).build();
    }

    private RecordedRequest taken() throws InterruptedException {
        RecordedRequest r = server.takeRequest();
        assertTrue(r != null, "the client sent no request");
        return r;
    }

    private static JsonNode tree(String json) throws IOException {
        return Json.mapper().readTree(json);
    }

    private static JsonNode body(RecordedRequest r) throws IOException {
        assertTrue(r.getBody() != null && r.getBody().size() > 0, "expected a JSON body on " + r.getRequestLine());
        assertTrue(String.valueOf(r.getHeaders().get("Content-Type")).startsWith("application/json"),
                "Content-Type: " + r.getHeaders().get("Content-Type"));
        return Json.mapper().readTree(r.getBody().utf8());
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    @Test
    void listSendsFiltersAndDecodesEveryField() throws Exception {
        server.enqueue(json(200, "[" + SSHFS + "]"));

        List<PluginDetails> list = plugins.list(Filters.of("enable", "true"));

        RecordedRequest r = taken();
        assertEquals("GET", r.getMethod());
        assertEquals("/v1.41/plugins", r.getUrl().encodedPath());
        assertEquals(tree("{\"enable\":{\"true\":true}}"), tree(r.getUrl().queryParameter("filters")));
        assertEquals(1, list.size());
        PluginDetails p = list.get(0);
        assertEquals("5724e2c8652da337ab2eedd19fc6fc0ec908e4bd907c7421bf6a8dfc70c4c078", p.id());
        assertEquals("vieux/sshfs:latest", p.name());
        assertTrue(p.enabled());
        assertEquals(List.of("DEBUG=0"), p.settings().env());
        assertEquals("docker.io/vieux/sshfs:latest", p.pluginReference());
        assertEquals("sshFS plugin for Docker", p.config().description());
        assertEquals(List.of("docker.volumedriver/1.0"), p.config().iface().types());
        assertEquals("sshfs.sock", p.config().iface().socket());
        assertEquals(Map.of("Added", "in API 9.99"), p.extras().get("FutureField"), "unknown fields are kept");
        assertEquals(Map.of("FutureField", Map.of("Added", "in API 9.99")), p.extras(), "and only those");
    }

    @Test
    void listWithoutFiltersSendsNoFilterParameter() throws Exception {
        server.enqueue(json(200, "[]"));

        assertEquals(List.of(), plugins.list());

        RecordedRequest r = taken();
        assertEquals("/v1.41/plugins", r.getUrl().encodedPath());
        assertNull(r.getUrl().query());
    }

    @Test
    void inspectEscapesTheNameAndKeepsUnknownFields() throws Exception {
        server.enqueue(json(200, SSHFS));

        PluginDetails p = plugins.inspect("vieux/sshfs:latest");

        RecordedRequest r = taken();
        assertEquals("GET", r.getMethod());
        assertEquals("/v1.41/plugins/vieux%2Fsshfs:latest/json", r.getUrl().encodedPath());
        assertEquals("vieux/sshfs:latest", p.name());
        assertEquals(List.of("/docker-volume-sshfs"), p.config().entrypoint());
        assertTrue(p.extras().containsKey("FutureField"), p.extras().toString());
        // what was kept goes back out: nothing lost on a round trip
        assertEquals(tree(SSHFS).get("FutureField"), Json.mapper().valueToTree(p).get("FutureField"));
    }

    @Test
    void inspectOfMissingPluginIsNotFound() throws Exception {
        server.enqueue(json(404, "{\"message\":\"plugin \\\"nope\\\" not found\"}"));

        NotFoundException e = assertThrows(NotFoundException.class, () -> plugins.inspect("nope"));

        assertEquals(404, e.status());
        assertEquals("plugin \"nope\" not found", e.daemonMessage());
        assertEquals("GET /v1.41/plugins/nope/json", e.request());
        assertEquals("/v1.41/plugins/nope/json", taken().getUrl().encodedPath());
    }

    @Test
    void privilegesAsksForTheRemoteAndDecodesTheList() throws Exception {
        server.enqueue(json(200, """
                [{"Name":"network","Description":"","Value":["host"]},
                 {"Name":"mount","Description":"","Value":["/data"]}]"""));

        List<PluginPrivilege> asked = plugins.privileges("vieux/sshfs");

        RecordedRequest r = taken();
        assertEquals("GET", r.getMethod());
        assertEquals("/v1.41/plugins/privileges", r.getUrl().encodedPath());
        assertEquals("vieux/sshfs", r.getUrl().queryParameter("remote"));
        assertEquals(2, asked.size());
        assertEquals("network", asked.get(0).name());
        assertEquals("", asked.get(0).description());
        assertEquals(List.of("/data"), asked.get(1).value());
    }

    // ---- changing --------------------------------------------------------------------------------------------

    @Test
    void enableAlwaysSendsATimeoutSinceTheDaemonRequiresOne() throws Exception {
        server.enqueue(json(200, ""));
        server.enqueue(json(200, ""));

        plugins.enable("vieux/sshfs", Duration.ofSeconds(90));
        plugins.enable("sshfs");

        RecordedRequest r = taken();
        assertEquals("POST", r.getMethod());
        assertEquals("/v1.41/plugins/vieux%2Fsshfs/enable", r.getUrl().encodedPath());
        assertEquals("timeout=90", r.getUrl().encodedQuery());
        RecordedRequest byDefault = taken();
        assertEquals("/v1.41/plugins/sshfs/enable", byDefault.getUrl().encodedPath());
        assertEquals("timeout=30", byDefault.getUrl().encodedQuery(), "the CLI's default");
        assertThrows(IllegalArgumentException.class, () -> plugins.enable("sshfs", Duration.ofMillis(500)));
    }

    @Test
    void disableSendsForceOnlyWhenAsked() throws Exception {
        server.enqueue(json(200, ""));
        server.enqueue(json(200, ""));

        plugins.disable("sshfs", PluginDisableOptions.force());
        plugins.disable("sshfs");

        RecordedRequest forced = taken();
        assertEquals("POST", forced.getMethod());
        assertEquals("/v1.41/plugins/sshfs/disable", forced.getUrl().encodedPath());
        assertEquals("force=1", forced.getUrl().encodedQuery());
        RecordedRequest plain = taken();
        assertEquals("/v1.41/plugins/sshfs/disable", plain.getUrl().encodedPath());
        assertNull(plain.getUrl().query());
    }

    @Test
    void disableOfMissingPluginIsNotFound() {
        server.enqueue(json(404, "{\"message\":\"plugin sshfs not found\"}"));

        NotFoundException e = assertThrows(NotFoundException.class, () -> plugins.disable("sshfs"));

        assertEquals("plugin sshfs not found", e.daemonMessage());
    }

    @Test
    void removeIsADeleteWithForce() throws Exception {
        server.enqueue(json(200, SSHFS));
        server.enqueue(json(200, SSHFS));

        plugins.remove("vieux/sshfs:latest", PluginRemoveOptions.force());
        plugins.remove("sshfs");

        RecordedRequest forced = taken();
        assertEquals("DELETE", forced.getMethod());
        assertEquals("/v1.41/plugins/vieux%2Fsshfs:latest", forced.getUrl().encodedPath());
        assertEquals("force=1", forced.getUrl().encodedQuery());
        RecordedRequest plain = taken();
        assertEquals("DELETE", plain.getMethod());
        assertEquals("/v1.41/plugins/sshfs", plain.getUrl().encodedPath());
        assertNull(plain.getUrl().query());
    }

    @Test
    void setSendsTheArgumentsAsAJsonArray() throws Exception {
        server.enqueue(noContent());

        plugins.set("sshfs", List.of("DEBUG=1", "sshkey.source=/home/me/.ssh"));

        RecordedRequest r = taken();
        assertEquals("POST", r.getMethod());
        assertEquals("/v1.41/plugins/sshfs/set", r.getUrl().encodedPath());
        assertNull(r.getUrl().query());
        assertEquals(tree("[\"DEBUG=1\",\"sshkey.source=/home/me/.ssh\"]"), body(r));
    }

    // ---- installing ------------------------------------------------------------------------------------------

    @Test
    void pullSendsPrivilegesAndCredentialsAndDeliversProgress() throws Exception {
        server.enqueue(json(200, """
                {"status":"Pulling from vieux/sshfs","id":"latest"}
                {"status":"Downloading","progressDetail":{"current":1024,"total":4096},"id":"52d435ada6a4"}
                {"status":"Download complete","progressDetail":{},"id":"52d435ada6a4"}
                {"status":"Digest: sha256:1d3c3e42c12138da5ef7873b97f7f32cf99fb6edde75fa4f0bcf9ed277855811"}
                {"status":"Status: Downloaded newer image for vieux/sshfs:latest"}
                """));
        List<PluginPrivilege> privileges = List.of(
                new PluginPrivilege("network", "", List.of("host"), Map.of()),
                new PluginPrivilege("capabilities", "", List.of("CAP_SYS_ADMIN"), Map.of("Added", "later")));
        AuthConfig auth = AuthConfig.ofPassword("me", "s3cret", "registry.example.com");
        List<ProgressEvent> events = new ArrayList<>();

        plugins.pull("vieux/sshfs", PluginPullOptions.defaults().withAlias("sshfs").withAuth(auth)
                .withPrivileges(privileges), events::add);

        RecordedRequest r = taken();
        assertEquals("POST", r.getMethod());
        assertEquals("/v1.41/plugins/pull", r.getUrl().encodedPath());
        assertEquals("vieux/sshfs", r.getUrl().queryParameter("remote"));
        assertEquals("sshfs", r.getUrl().queryParameter("name"));
        assertEquals(auth.toHeader(), r.getHeaders().get("X-Registry-Auth"));
        assertEquals(tree("""
                [{"Name":"network","Description":"","Value":["host"]},
                 {"Name":"capabilities","Description":"","Value":["CAP_SYS_ADMIN"],"Added":"later"}]"""), body(r),
                "sent as the daemon sent them, fields Berth does not model included");
        assertEquals(5, events.size(), events.toString());
        assertEquals("Pulling from vieux/sshfs", events.get(0).status());
        assertEquals("52d435ada6a4", events.get(1).id());
        assertEquals(1024, events.get(1).current());
        assertEquals(4096, events.get(1).total());
        assertTrue(events.get(4).status().startsWith("Status: Downloaded"), events.get(4).toString());
    }

    @Test
    void pullWithoutCredentialsOrPrivilegesSendsAnonymousAuthAndAnEmptyList() throws Exception {
        server.enqueue(noContent());

        plugins.pull("vieux/sshfs", e -> { });

        RecordedRequest r = taken();
        assertEquals("vieux/sshfs", r.getUrl().queryParameter("remote"));
        assertFalse(r.getUrl().queryParameterNames().contains("name"), r.getUrl().toString());
        assertEquals("e30=", r.getHeaders().get("X-Registry-Auth"), "anonymous is {} in base64url");
        assertEquals(tree("[]"), body(r));
    }

    @Test
    void errorInsideThePullStreamRaisesAfterTheEventsBeforeIt() throws Exception {
        server.enqueue(json(200, """
                {"status":"Pulling from team/plugin","id":"1.0"}
                {"errorDetail":{"message":"pull access denied for team/plugin"},\
                "error":"pull access denied for team/plugin"}
                {"status":"never delivered"}
                """));
        List<ProgressEvent> events = new ArrayList<>();

        StreamException e = assertThrows(StreamException.class, () -> plugins.pull("team/plugin:1.0", events::add));

        assertTrue(e.getMessage().contains("pull access denied for team/plugin"), e.getMessage());
        assertTrue(e.getMessage().contains("/plugins/pull"), e.getMessage());
        assertEquals(1, events.size(), events.toString());
        assertEquals("Pulling from team/plugin", events.get(0).status());
        assertEquals("e30=", taken().getHeaders().get("X-Registry-Auth"));
    }

    @Test
    void pullOptionsPrintNoSecretAndRefuseABadAlias() {
        PluginPullOptions o = PluginPullOptions.defaults().withAlias("sshfs")
                .withAuth(AuthConfig.ofPassword("me", "s3cret", "registry.example.com"));
        assertFalse(o.toString().contains("s3cret"), o.toString());
        assertTrue(o.toString().contains("alias=sshfs"), o.toString());
        assertEquals(AuthConfig.anonymous(), PluginPullOptions.defaults().auth());
        assertThrows(IllegalArgumentException.class, () -> o.withAlias("my plugin"));
        assertEquals(PluginDisableOptions.force(), PluginDisableOptions.defaults().withForce());
        assertEquals("PluginRemoveOptions[force=true]", PluginRemoveOptions.force().toString());
    }

    @Test
    void pullRefusedByTheDaemonIsTyped() {
        server.enqueue(json(404, "{\"message\":\"plugin not found in registry\"}"));

        NotFoundException e = assertThrows(NotFoundException.class,
                () -> plugins.pull("nope/nope", ev -> { }));

        assertEquals("plugin not found in registry", e.daemonMessage());
    }
}
