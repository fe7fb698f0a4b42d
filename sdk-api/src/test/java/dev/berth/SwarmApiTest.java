package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.errors.VersionConflictException;
import dev.berth.model.NodeAvailability;
import dev.berth.model.NodeDetails;
import dev.berth.model.NodeRole;
import dev.berth.model.SwarmDetails;
import dev.berth.transport.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The swarm and node endpoints against a mock daemon at API 1.41: method, path, query and body as the Engine API
 * spec says, and the answers as the spec shapes them.
 */
class SwarmApiTest {
    private static final String SWARM = """
            {"ID":"abajmipo7b4xz5ip2nrla6b11","Version":{"Index":373531},
             "CreatedAt":"2016-08-18T10:44:24.496525531Z","UpdatedAt":"2017-08-09T07:09:37.632105588Z",
             "Spec":{"Name":"default","Labels":{"com.example.corp.type":"production"},
                     "Orchestration":{"TaskHistoryRetentionLimit":10},
                     "Raft":{"SnapshotInterval":10000,"KeepOldSnapshots":0,"LogEntriesForSlowFollowers":500,
                             "ElectionTick":3,"HeartbeatTick":1},
                     "Dispatcher":{"HeartbeatPeriod":5000000000},
                     "CAConfig":{"NodeCertExpiry":7776000000000000,
                                 "ExternalCAs":[{"Protocol":"cfssl","URL":"https://ca.example.com"}]},
                     "EncryptionConfig":{"AutoLockManagers":false},
                     "TaskDefaults":{"LogDriver":{"Name":"json-file","Options":{"max-file":"10"}}},
                     "FutureSetting":{"kept":true}},
             "TLSInfo":{"TrustRoot":"-----BEGIN CERTIFICATE-----"},
             "RootRotationInProgress":false,"DataPathPort":4789,
             "JoinTokens":{"Worker":"SWMTKN-1-3pu6hszjas19xyp7ghgosyx9k8atbfcr8p2is99znpy26u2lkl-1awxwuwd3z9j1z3puu7rcgdbx",
                           "Manager":"SWMTKN-1-3pu6hszjas19xyp7ghgosyx9k8atbfcr8p2is99znpy26u2lkl-7p73s1dx5in4tatdymyhg9hu2"}}
            """;

    private static final String NODE = """
            {"ID":"24ifsmvkjbyhk","Version":{"Index":373531},"CreatedAt":"2016-08-18T10:44:24.496525531Z",
             "UpdatedAt":"2017-08-09T07:09:37.632105588Z",
             "Spec":{"Availability":"active","Name":"node-name","Role":"manager","Labels":{"foo":"bar"},
                     "Future":1},
             "Description":{"Hostname":"bf3067039e47",
                            "Platform":{"Architecture":"x86_64","OS":"linux"},
                            "Resources":{"NanoCPUs":4000000000,"MemoryBytes":8272408576},
                            "Engine":{"EngineVersion":"20.10.24","Labels":{"foo":"bar"},
                                      "Plugins":[{"Type":"Log","Name":"json-file"},{"Type":"Volume","Name":"local"}]},
                            "TLSInfo":{"TrustRoot":"-----BEGIN CERTIFICATE-----"}},
             "Status":{"State":"ready","Message":"","Addr":"172.17.0.2"},
             "ManagerStatus":{"Leader":true,"Reachability":"reachable","Addr":"10.0.0.46:2377"}}
            """;

    private static MockResponse ok() {
        return new MockResponse.Builder().code(200).build();
    }

    private static MockResponse outOfSequence() {
        return new MockResponse.Builder().code(500).addHeader("Content-Type", "application/json")
                .body("{\"message\":\"rpc error: code = Unknown desc = update out of sequence\"}").build();
    }

    private static JsonNode body(RecordedRequest r) throws IOException {
        return Json.mapper().readTree(r.getBody().utf8());
    }

    private static void assertRequest(RecordedRequest r, String method, String path) {
        assertEquals(method, r.getMethod());
        assertEquals("/v1.41" + path, r.getUrl().encodedPath());
    }

    // ---- swarm -----------------------------------------------------------------------------------------------

    @Test
    void initSendsTheCliDefaultsAndAnswersTheNodeId() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("\"7v2t30z9blmxuhnyo6s4cpenp\"");
            assertEquals("7v2t30z9blmxuhnyo6s4cpenp", engine.docker().swarm().init());
            RecordedRequest r = engine.request();
            assertRequest(r, "POST", "/swarm/init");
            assertEquals(Json.mapper().readTree("{\"ListenAddr\":\"0.0.0.0:2377\",\"ForceNewCluster\":false,"
                    + "\"Spec\":{}}"), body(r));
        }
    }

    @Test
    void initWithOptionsSendsAddressesPoolAndAutolock() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("\"n1\"");
            engine.docker().swarm().init(SwarmInitOptions.defaults().withAdvertiseAddr("10.0.0.5")
                    .withListenAddr("10.0.0.5:2377").withDataPathAddr("eth1").withDataPathPort(7789)
                    .withDefaultAddrPool(List.of("10.20.0.0/16"), 24).forceNewCluster().autolock());
            assertEquals(Json.mapper().readTree("""
                    {"ListenAddr":"10.0.0.5:2377","AdvertiseAddr":"10.0.0.5","DataPathAddr":"eth1",
                     "DataPathPort":7789,"DefaultAddrPool":["10.20.0.0/16"],"SubnetSize":24,"ForceNewCluster":true,
                     "Spec":{"EncryptionConfig":{"AutoLockManagers":true}}}"""), body(engine.request()));
        }
        assertThrows(IllegalArgumentException.class, () -> SwarmInitOptions.defaults().withAdvertiseAddr(" "));
        assertThrows(IllegalArgumentException.class, () -> SwarmInitOptions.defaults().withDataPathPort(80));
        assertEquals("SwarmInitOptions[listen 0.0.0.0:2377, advertise eth0, autolock]",
                SwarmInitOptions.defaults().withAdvertiseAddr("eth0").autolock().toString());
    }

    @Test
    void joinSendsTheManagersTheTokenAndTheAddresses() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(ok());
            engine.answer(ok());
            Swarm swarm = engine.docker().swarm();
            swarm.join(List.of("10.0.0.5:2377"), "SWMTKN-1-abc");
            swarm.join(List.of("10.0.0.5:2377", "10.0.0.6:2377"), "SWMTKN-1-abc",
                    SwarmJoinOptions.defaults().withAdvertiseAddr("eth1").withDataPathAddr("eth2"));
            RecordedRequest plain = engine.request();
            assertRequest(plain, "POST", "/swarm/join");
            assertEquals(Json.mapper().readTree("{\"ListenAddr\":\"0.0.0.0:2377\",\"RemoteAddrs\":"
                    + "[\"10.0.0.5:2377\"],\"JoinToken\":\"SWMTKN-1-abc\"}"), body(plain));
            assertEquals(Json.mapper().readTree("{\"ListenAddr\":\"0.0.0.0:2377\",\"AdvertiseAddr\":\"eth1\","
                    + "\"DataPathAddr\":\"eth2\",\"RemoteAddrs\":[\"10.0.0.5:2377\",\"10.0.0.6:2377\"],"
                    + "\"JoinToken\":\"SWMTKN-1-abc\"}"), body(engine.request()));
            assertThrows(IllegalArgumentException.class, () -> swarm.join(List.of(), "SWMTKN-1-abc"));
            assertThrows(IllegalArgumentException.class, () -> swarm.join(List.of("m:2377"), ""));
        }
    }

    @Test
    void leaveForcesOnlyWhenAsked() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(ok());
            engine.answer(ok());
            engine.docker().swarm().leave();
            engine.docker().swarm().leave(SwarmLeaveOptions.force());
            RecordedRequest plain = engine.request();
            assertRequest(plain, "POST", "/swarm/leave");
            assertNull(plain.getUrl().queryParameter("force"));
            assertEquals("1", engine.request().getUrl().queryParameter("force"));
        }
    }

    @Test
    void inspectTypesTheSpecAndKeepsTheRest() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(SWARM);
            SwarmDetails s = engine.docker().swarm().inspect();
            assertRequest(engine.request(), "GET", "/swarm");
            assertEquals("abajmipo7b4xz5ip2nrla6b11", s.id());
            assertEquals(373531, s.versionIndex());
            assertEquals("default", s.spec().name());
            assertEquals(Map.of("com.example.corp.type", "production"), s.spec().labels());
            assertEquals(10, s.spec().orchestration().taskHistoryRetentionLimit());
            assertEquals(10000, s.spec().raft().snapshotInterval());
            assertEquals(3, s.spec().raft().electionTick());
            assertEquals(Duration.ofSeconds(5), s.spec().dispatcher().heartbeat());
            assertEquals(Duration.ofDays(90), s.spec().caConfig().certExpiry());
            assertEquals("https://ca.example.com", s.spec().caConfig().externalCas().get(0).url());
            assertFalse(s.spec().autolock());
            assertEquals("json-file", s.spec().taskDefaults().logDriver().name());
            assertEquals(Map.of("kept", true), s.spec().extras().get("FutureSetting"));
            assertEquals(4789, s.extras().get("DataPathPort"));
            assertTrue(s.joinTokens().worker().startsWith("SWMTKN-1-"));
        }
    }

    @Test
    void joinTokensComeFromInspect() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(SWARM);
            assertTrue(engine.docker().swarm().joinTokens().manager().endsWith("7p73s1dx5in4tatdymyhg9hu2"));
            assertRequest(engine.request(), "GET", "/swarm");
        }
    }

    @Test
    void updateChangesWhatItSaysAndSendsTheRestBackAsRead() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(SWARM);
            engine.answer(ok());
            engine.docker().swarm().update(SwarmUpdate.defaults().withTaskHistoryLimit(3).withMaxSnapshots(2)
                    .withDispatcherHeartbeat(Duration.ofSeconds(10)).withCertExpiry(Duration.ofDays(30)).autolock()
                    .withLabels(Map.of("team", "infra")).rotateWorkerToken().rotateUnlockKey());
            assertRequest(engine.request(), "GET", "/swarm");
            RecordedRequest r = engine.request();
            assertRequest(r, "POST", "/swarm/update");
            assertEquals("373531", r.getUrl().queryParameter("version"));
            assertEquals("1", r.getUrl().queryParameter("rotateWorkerToken"));
            assertEquals("0", r.getUrl().queryParameter("rotateManagerToken"));
            assertEquals("1", r.getUrl().queryParameter("rotateManagerUnlockKey"));
            JsonNode expected = Json.mapper().readTree(SWARM).get("Spec").deepCopy();
            ((ObjectNode) expected).set("Labels",
                    Json.mapper().readTree("{\"team\":\"infra\"}"));
            ((ObjectNode) expected.get("Orchestration"))
                    .put("TaskHistoryRetentionLimit", 3);
            ((ObjectNode) expected.get("Raft")).put("KeepOldSnapshots", 2);
            ((ObjectNode) expected.get("Dispatcher"))
                    .put("HeartbeatPeriod", 10_000_000_000L);
            ((ObjectNode) expected.get("CAConfig"))
                    .put("NodeCertExpiry", Duration.ofDays(30).toNanos());
            ((ObjectNode) expected.get("EncryptionConfig"))
                    .put("AutoLockManagers", true);
            assertEquals(expected, body(r));
        }
    }

    @Test
    void updateReadsAgainWhenTheSwarmChangedInBetween() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(SWARM);
            engine.answer(outOfSequence());
            engine.answer(SWARM.replace("\"Index\":373531", "\"Index\":373540"));
            engine.answer(ok());
            engine.docker().swarm().update(SwarmUpdate.defaults().rotateManagerToken());
            engine.request();
            assertEquals("373531", engine.request().getUrl().queryParameter("version"));
            engine.request();
            RecordedRequest retried = engine.request();
            assertEquals("373540", retried.getUrl().queryParameter("version"));
            assertEquals("1", retried.getUrl().queryParameter("rotateManagerToken"));
        }
    }

    @Test
    void updateAgainstAStaleVersionIsAVersionConflict() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(SWARM);
            engine.answer(outOfSequence());
            assertThrows(VersionConflictException.class,
                    () -> engine.docker().swarm().update(12, SwarmUpdate.defaults().noAutolock()));
            engine.request();
            assertEquals("12", engine.request().getUrl().queryParameter("version"));
        }
    }

    @Test
    void unlockKeyAndUnlock() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("{\"UnlockKey\":\"SWMKEY-1-7c37Cc8654o6p38HnroywCi19pllOnGtbdZEgtKxZu8\"}");
            engine.answer("{}");
            engine.answer(ok());
            Swarm swarm = engine.docker().swarm();
            assertEquals("SWMKEY-1-7c37Cc8654o6p38HnroywCi19pllOnGtbdZEgtKxZu8", swarm.unlockKey());
            assertEquals("", swarm.unlockKey(), "autolock off");
            swarm.unlock("SWMKEY-1-7c37");
            assertRequest(engine.request(), "GET", "/swarm/unlockkey");
            engine.request();
            RecordedRequest r = engine.request();
            assertRequest(r, "POST", "/swarm/unlock");
            assertEquals(Json.mapper().readTree("{\"UnlockKey\":\"SWMKEY-1-7c37\"}"), body(r));
            assertThrows(IllegalArgumentException.class, () -> swarm.unlock(""));
        }
    }

    // ---- nodes -----------------------------------------------------------------------------------------------

    @Test
    void nodesListWithFiltersAndTypedDescription() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("[" + NODE + "]");
            engine.answer("[]");
            List<NodeDetails> managers = engine.docker().swarm().nodes().list(Filters.of("role", "manager"));
            assertEquals(List.of(), engine.docker().swarm().nodes().list());
            RecordedRequest r = engine.request();
            assertRequest(r, "GET", "/nodes");
            assertEquals("{\"role\":{\"manager\":true}}", r.getUrl().queryParameter("filters"));
            assertNull(engine.request().getUrl().queryParameter("filters"));

            NodeDetails n = managers.get(0);
            assertEquals("24ifsmvkjbyhk", n.id());
            assertEquals(NodeRole.MANAGER, n.spec().role());
            assertEquals(NodeAvailability.ACTIVE, n.spec().availability());
            assertTrue(n.isManager());
            assertEquals("bf3067039e47", n.hostname());
            assertEquals("linux", n.description().platform().os());
            assertEquals(4000000000L, n.description().resources().nanoCpus());
            assertEquals(8272408576L, n.description().resources().memoryBytes());
            assertEquals("20.10.24", n.description().engine().engineVersion());
            assertEquals("local", n.description().engine().plugins().get(1).name());
            assertTrue(n.description().extras().containsKey("TLSInfo"));
            assertTrue(n.managerStatus().leader());
        }
    }

    @Test
    void nodeInspect() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(NODE);
            assertEquals("node-name", engine.docker().swarm().nodes().inspect("24ifsmvkjbyhk").spec().name());
            assertRequest(engine.request(), "GET", "/nodes/24ifsmvkjbyhk");
        }
    }

    @Test
    void nodeUpdateKeepsWhatItDoesNotChange() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(NODE);
            engine.answer(ok());
            engine.docker().swarm().nodes().update("24ifsmvkjbyhk",
                    NodeUpdate.availability(NodeAvailability.DRAIN).withLabel("disk", "ssd").withoutLabel("foo"));
            assertRequest(engine.request(), "GET", "/nodes/24ifsmvkjbyhk");
            RecordedRequest r = engine.request();
            assertRequest(r, "POST", "/nodes/24ifsmvkjbyhk/update");
            assertEquals("373531", r.getUrl().queryParameter("version"));
            assertEquals(Json.mapper().readTree("{\"Future\":1,\"Name\":\"node-name\",\"Role\":\"manager\","
                    + "\"Availability\":\"drain\",\"Labels\":{\"disk\":\"ssd\"}}"), body(r));
        }
    }

    @Test
    void nodeUpdateAgainstAVersionReplacesLabelsAndRole() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(NODE);
            engine.answer(outOfSequence());
            assertThrows(VersionConflictException.class, () -> engine.docker().swarm().nodes().update("n", 7,
                    NodeUpdate.labels(Map.of("a", "1")).withRole(NodeRole.WORKER)));
            engine.request();
            RecordedRequest r = engine.request();
            assertEquals("7", r.getUrl().queryParameter("version"));
            JsonNode spec = body(r);
            assertEquals("worker", spec.get("Role").asText());
            assertEquals("active", spec.get("Availability").asText());
            assertEquals(Json.mapper().readTree("{\"a\":\"1\"}"), spec.get("Labels"));
        }
        assertThrows(IllegalArgumentException.class, () -> NodeAvailability.of("asleep"));
        assertThrows(IllegalArgumentException.class, () -> NodeUpdate.role(null));
        assertEquals("NodeUpdate[availability=pause, +db.password=***, -x]",
                NodeUpdate.availability(NodeAvailability.PAUSE).withLabel("db.password", "hunter2").withoutLabel("x")
                        .toString());
    }

    @Test
    void nodeRemoveForcesOnlyWhenAsked() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(ok());
            engine.answer(ok());
            engine.docker().swarm().nodes().remove("n1");
            engine.docker().swarm().nodes().remove("n1", NodeRemoveOptions.force());
            RecordedRequest plain = engine.request();
            assertRequest(plain, "DELETE", "/nodes/n1");
            assertNull(plain.getUrl().queryParameter("force"));
            assertEquals("1", engine.request().getUrl().queryParameter("force"));
        }
    }
}
