package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.model.BuildCacheRecord;
import dev.berth.model.DiskUsage;
import dev.berth.model.Event;
import dev.berth.model.ImageRemoval;
import dev.berth.model.PingResult;
import dev.berth.model.SystemInfo;
import dev.berth.model.SystemPruneResult;
import dev.berth.model.Version;
import dev.berth.transport.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Every {@link DockerSystem} call against a mock daemon at API 1.41 ({@code _ping}, {@code version}, {@code info},
 * {@code events}, {@code system/df}, and the five prunes of {@code system prune}): method, path and query as the spec
 * says, and the answer as read. {@link SystemApi156Test} has the newer answer shapes.
 */
class SystemApiTest {

    private static JsonNode tree(String json) throws IOException {
        return Json.mapper().readTree(json);
    }

    private static JsonNode filters(RecordedRequest r) throws IOException {
        String filters = r.getUrl().queryParameter("filters");
        return filters == null ? null : tree(filters);
    }

    @Test
    void pingReadsTheHeaders() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/plain")
                    .addHeader("Api-Version", "1.41").addHeader("Ostype", "linux")
                    .addHeader("Docker-Experimental", "true").addHeader("Builder-Version", "2")
                    .addHeader("Swarm", "inactive").body("OK").build());
            PingResult ping = engine.docker().system().ping();

            RecordedRequest r = engine.request();
            assertEquals("GET", r.getMethod());
            assertEquals("/v1.41/_ping", r.getUrl().encodedPath());
            assertEquals(new PingResult("1.41", "linux", true, "2", "inactive"), ping);
        }
    }

    @Test
    void versionReadsTheEngineAndItsComponents() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("""
                    {"Platform":{"Name":"Docker Engine - Community"},
                     "Components":[{"Name":"Engine","Version":"20.10.24",
                                    "Details":{"ApiVersion":"1.41","GitCommit":"5d6db84","MinAPIVersion":"1.12"}},
                                   {"Name":"containerd","Version":"1.6.20","Details":{"GitCommit":"2806fc1"}}],
                     "Version":"20.10.24","ApiVersion":"1.41","MinAPIVersion":"1.12","GitCommit":"5d6db84",
                     "GoVersion":"go1.19.7","Os":"linux","Arch":"amd64","KernelVersion":"6.1.0-18-amd64",
                     "BuildTime":"2023-04-04T10:34:28.000000000+00:00"}""");
            Version v = engine.docker().system().version();

            RecordedRequest r = engine.request();
            assertEquals("GET", r.getMethod());
            assertEquals("/v1.41/version", r.getUrl().encodedPath());
            assertEquals("20.10.24", v.version());
            assertEquals("1.12", v.minApiVersion());
            assertEquals("Docker Engine - Community", v.platform().name());
            assertEquals(Map.of("ApiVersion", "1.41", "GitCommit", "5d6db84", "MinAPIVersion", "1.12"),
                    v.components().get(0).details());
            assertEquals("containerd", v.components().get(1).name());
        }
    }

    @Test
    void infoReadsTheCounts() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("""
                    {"ID":"7TRN:IPZB:QYBB:VPBQ:UMPP:KARE:6ZNR:XE6T:7EWV:PKF4:ZOJD:TPYS","Containers":14,
                     "ContainersRunning":3,"ContainersPaused":1,"ContainersStopped":10,"Images":508,
                     "Driver":"overlay2","DriverStatus":[["Backing Filesystem","extfs"]],"ServerVersion":"20.10.24",
                     "OSType":"linux","NCPU":4,"MemTotal":2095882240,"KernelMemory":true}""");
            SystemInfo info = engine.docker().system().info();

            RecordedRequest r = engine.request();
            assertEquals("GET", r.getMethod());
            assertEquals("/v1.41/info", r.getUrl().encodedPath());
            assertEquals(14, info.containers());
            assertEquals(10, info.containersStopped());
            assertEquals("overlay2", info.driver());
            assertFalse(info.containerdImageStore());
            assertEquals(true, info.extras().get("KernelMemory"));
        }
    }

    @Test
    void eventsSendSinceUntilAndFiltersAndStreamTheMessages() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("""
                    {"status":"start","id":"ede54ee1afda","from":"alpine:latest","Type":"container","Action":"start","Actor":{"ID":"ede54ee1afda","Attributes":{"image":"alpine:latest","name":"web"}},"scope":"local","time":1629574695,"timeNano":1629574695515050031}
                    {"Type":"volume","Action":"mount","Actor":{"ID":"data","Attributes":{"container":"ede54ee1afda","destination":"/data","driver":"local"}},"scope":"local","time":1629574696,"timeNano":1629574696000000001}
                    """);
            EventQuery query = EventQuery.since(Instant.ofEpochSecond(1629574690, 500_000_000))
                    .withUntil(Instant.ofEpochSecond(1629574700)).withFilter("type", "container", "volume")
                    .withFilter("label", "team=web");
            List<Event> events;
            try (Stream<Event> s = engine.docker().system().events(query)) {
                events = s.toList();
            }

            RecordedRequest r = engine.request();
            assertEquals("GET", r.getMethod());
            assertEquals("/v1.41/events", r.getUrl().encodedPath());
            assertEquals("1629574690.500000000", r.getUrl().queryParameter("since"));
            assertEquals("1629574700.000000000", r.getUrl().queryParameter("until"));
            assertEquals(tree("{\"type\":{\"container\":true,\"volume\":true},\"label\":{\"team=web\":true}}"),
                    filters(r));
            assertEquals(2, events.size());
            assertEquals("start", events.get(0).action());
            assertEquals("start", events.get(0).status(), "API 1.41 still sends the legacy fields");
            assertEquals("web", events.get(0).actor().attributes().get("name"));
            assertEquals(Instant.ofEpochSecond(1629574696, 1), events.get(1).instant());
        }
    }

    @Test
    void liveEventsSendNoQuery() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("");
            try (Stream<Event> s = engine.docker().system().events()) {
                assertEquals(0, s.count());
            }
            assertNull(engine.request().getUrl().query());
        }
    }

    @Test
    void eventQueriesAreValues() {
        EventQuery live = EventQuery.live();
        assertEquals(Optional.empty(), live.since());
        assertEquals(Optional.empty(), live.until());
        assertTrue(live.filters().isEmpty());
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        EventQuery q = live.withSince(t).withFilters(Filters.of("type", "container"));
        assertEquals(Optional.of(t), q.since());
        assertEquals(EventQuery.since(t).withFilter("type", "container"), q);
        assertEquals("EventQuery[since=2024-05-01T10:00:00Z, until=(closed), filters=Filters[type=container]]",
                q.toString());
        assertThrows(NullPointerException.class, () -> live.withUntil(null));
    }

    @Test
    void diskUsageReadsEveryKindWithTypedBuildCache() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("""
                    {"LayersSize":1092588,
                     "Images":[{"Id":"sha256:2b8fd9751c4c0f5dd266fcae00707e67a2545ef34f9a29354585f93dac906749",
                                "ParentId":"","RepoTags":["busybox:latest"],"RepoDigests":[],"Created":1466724217,
                                "Size":1092588,"SharedSize":0,"VirtualSize":1092588,"Labels":{},"Containers":1}],
                     "Containers":[{"Id":"e575172ed11dc01bfce087fb27bee502db149e1a0fad7c296ad300bbff178148",
                                    "Names":["/top"],"Image":"busybox","ImageID":"sha256:2b8fd975",
                                    "Command":"top","Created":1472592424,"Ports":[],"SizeRootFs":1092588,
                                    "Labels":{},"State":"exited","Status":"Exited (0) 56 minutes ago",
                                    "HostConfig":{"NetworkMode":"default"},"NetworkSettings":{"Networks":{}},
                                    "Mounts":[]}],
                     "Volumes":[{"Name":"my-volume","Driver":"local","Mountpoint":"/var/lib/docker/volumes/my-volume/_data",
                                 "Labels":null,"Scope":"local","Options":null,"UsageData":{"Size":10920104,"RefCount":2}}],
                     "BuildCache":[{"ID":"hw53o5aio51xtltp5xjp8v7fx","Parent":"","Type":"regular",
                                    "Description":"mount / from exec /bin/sh -c echo hi","InUse":false,"Shared":true,
                                    "Size":51,"CreatedAt":"2021-06-28T13:31:01.474619385Z",
                                    "LastUsedAt":"2021-07-07T22:02:32.738075951Z","UsageCount":26}]}""");
            DiskUsage df = engine.docker().system().diskUsage();

            RecordedRequest r = engine.request();
            assertEquals("GET", r.getMethod());
            assertEquals("/v1.41/system/df", r.getUrl().encodedPath());
            assertNull(r.getUrl().query(), "verbose only from API 1.52");
            assertEquals(1092588, df.layersSize());
            assertEquals(1, df.images().get(0).containers());
            assertEquals("exited", df.containers().get(0).state());
            assertEquals(2, df.volumes().get(0).usageData().refCount());
            BuildCacheRecord cache = df.buildCache().get(0);
            assertEquals("hw53o5aio51xtltp5xjp8v7fx", cache.id());
            assertEquals("regular", cache.type());
            assertTrue(cache.shared());
            assertEquals(51, cache.size());
            assertEquals(26, cache.usageCount());
            assertEquals(List.of(), cache.parents());
        }
    }

    @Test
    void pruneRunsTheFivePrunesInOrderAndAddsThemUp() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("{\"ContainersDeleted\":[\"8dfafdbc3a40\"],\"SpaceReclaimed\":109}");
            engine.answer("{\"NetworksDeleted\":[\"app-net\"]}");
            engine.answer("{\"VolumesDeleted\":[\"data\"],\"SpaceReclaimed\":65536}");
            engine.answer("{\"ImagesDeleted\":[{\"Untagged\":\"app:1\"},{\"Deleted\":\"sha256:2b8fd975\"}],"
                    + "\"SpaceReclaimed\":1092588}");
            engine.answer("{\"CachesDeleted\":[\"hw53o5aio51xtltp5xjp8v7fx\"],\"SpaceReclaimed\":51}");
            SystemPruneResult pruned = engine.docker().system().prune(Filters.label("ci-run=42")
                    .and("type", "regular"));

            JsonNode sent = tree("{\"label\":{\"ci-run=42\":true},\"type\":{\"regular\":true}}");
            for (String path : List.of("containers", "networks", "volumes", "images")) {
                RecordedRequest r = engine.request();
                assertEquals("POST", r.getMethod());
                assertEquals("/v1.41/" + path + "/prune", r.getUrl().encodedPath());
                assertEquals(sent, filters(r), path);
            }
            RecordedRequest cache = engine.request();
            assertEquals("POST", cache.getMethod());
            assertEquals("/v1.41/build/prune", cache.getUrl().encodedPath());
            assertEquals(tree("{\"type\":{\"regular\":true}}"), filters(cache), "the build cache has no labels");

            assertEquals(List.of("8dfafdbc3a40"), pruned.containersDeleted());
            assertEquals(List.of("app-net"), pruned.networksDeleted());
            assertEquals(List.of("data"), pruned.volumesDeleted());
            assertEquals(List.of(new ImageRemoval("app:1", null), new ImageRemoval(null, "sha256:2b8fd975")),
                    pruned.imagesDeleted());
            assertEquals(List.of("hw53o5aio51xtltp5xjp8v7fx"), pruned.buildCacheDeleted());
            assertEquals(109 + 65536 + 1092588 + 51, pruned.spaceReclaimed());
        }
    }

    @Test
    void pruneWithoutFiltersAsksForAllVolumesFromApi142() throws IOException {
        try (MockEngine engine = MockEngine.at("1.43")) {
            engine.answer("{\"ContainersDeleted\":null,\"SpaceReclaimed\":0}");
            engine.answer("{\"NetworksDeleted\":null}");
            engine.answer("{\"VolumesDeleted\":null,\"SpaceReclaimed\":0}");
            engine.answer("{\"ImagesDeleted\":null,\"SpaceReclaimed\":0}");
            engine.answer("{\"CachesDeleted\":null,\"SpaceReclaimed\":0}");
            SystemPruneResult pruned = engine.docker().system().prune();

            assertNull(engine.request().getUrl().query());
            assertNull(engine.request().getUrl().query());
            assertEquals(tree("{\"all\":{\"true\":true}}"), filters(engine.request()));
            assertNull(engine.request().getUrl().query());
            assertNull(engine.request().getUrl().query());
            assertEquals(new SystemPruneResult(List.of(), List.of(), List.of(), List.of(), List.of(), 0), pruned);
        }
    }

    @Test
    void pruneRefusesUntilBeforeAsking() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> engine.docker().system().prune(Filters.of("until", "24h")));
            assertTrue(e.getMessage().contains("until"), e.getMessage());
        }
    }
}
