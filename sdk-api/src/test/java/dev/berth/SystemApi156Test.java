package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.DiskUsage;
import dev.berth.model.Event;
import dev.berth.model.SystemInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * {@code info}, {@code events} and {@code system df} against answers in the shapes of API 1.52 and later (values
 * from the v1.56 spec's examples), asking at 1.56.
 */
class SystemApi156Test {

    @Test
    void infoKeepsNriOf153AndNeedsNoKernelMemoryTcp() {
        try (MockEngine engine = MockEngine.at("1.56")) {
            engine.answer("""
                    {"ID":"7TRN:IPZB:QYBB:VPBQ:UMPP:KARE:6ZNR:XE6T:7EWV:PKF4:ZOJD:TPYS","Containers":14,
                     "ContainersRunning":3,"ContainersPaused":1,"ContainersStopped":10,"Images":508,
                     "Driver":"overlayfs","DriverStatus":[["driver-type","io.containerd.snapshotter.v1"]],
                     "CgroupVersion":"2","ServerVersion":"29.7.2","OSType":"linux","NCPU":4,
                     "MemTotal":2095882240,"FirewallBackend":{"Driver":"nftables"},
                     "NRI":{"Info":[["plugin-path","/opt/docker/nri/plugins"]]}}""");
            SystemInfo info = engine.docker().system().info();
            assertEquals("/v1.56/info", engine.request().getUrl().encodedPath());
            assertEquals(14, info.containers());
            assertEquals(3, info.containersRunning());
            assertTrue(info.containerdImageStore());
            assertEquals(Map.of("Info", List.of(List.of("plugin-path", "/opt/docker/nri/plugins"))),
                    info.extras().get("NRI"));
            assertFalse(info.extras().containsKey("KernelMemoryTCP"));
        }
    }

    @Test
    void eventsAsJsonLinesWithoutTheLegacyFields() {
        try (MockEngine engine = MockEngine.at("1.56")) {
            // From 1.53 the daemon labels the stream application/jsonl; the records are still one per line.
            engine.answer("application/jsonl", """
                    {"Type":"container","Action":"create","Actor":{"ID":"ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743","Attributes":{"com.example.some-label":"some-label-value","image":"alpine:latest","name":"my-container"}},"scope":"local","time":1629574695,"timeNano":1629574695515050031}
                    {"Type":"network","Action":"connect","Actor":{"ID":"0b1e","Attributes":{"container":"ede5","name":"bridge","type":"bridge"}},"scope":"local","time":1629574696,"timeNano":1629574696000000001}
                    """);
            List<Event> events;
            try (Stream<Event> s = engine.docker().system().events(
                    EventQuery.since(Instant.ofEpochSecond(1629574690)).withUntil(Instant.ofEpochSecond(1629574700))
                            .withFilter("type", "container"))) {
                events = s.toList();
            }
            RecordedRequest r = engine.request();
            assertEquals("/v1.56/events", r.getUrl().encodedPath());
            assertEquals("1629574690.000000000", r.getUrl().queryParameter("since"));
            assertEquals("1629574700.000000000", r.getUrl().queryParameter("until"));
            // No Accept: asking for application/json-seq would put 0x1E before every record.
            assertNull(r.getHeaders().get("Accept"));

            assertEquals(2, events.size());
            Event create = events.get(0);
            assertEquals("create", create.action());
            assertEquals("ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743", create.actor().id());
            assertEquals("alpine:latest", create.actor().attributes().get("image"));
            assertEquals(Instant.ofEpochSecond(1629574695, 515050031), create.instant());
            assertNull(create.status());
            assertNull(create.id());
            assertNull(create.from());
            assertEquals("network", events.get(1).type());
        }
    }

    @Test
    void diskUsageReadsTheSplitAnswerWithCountsAndOmittedItems() {
        try (MockEngine engine = MockEngine.at("1.56")) {
            // Items is omitted when a kind has none, and BuildCacheUsage when the daemon has no builder.
            engine.answer("""
                    {"ImageUsage":{"ActiveCount":1,"TotalCount":4,"Reclaimable":12345678,"TotalSize":98765432,
                                   "Items":[{"Id":"sha256:ec3f0931a6e6b6855d76b2d7b0be30e81860baccd891b2e243280bf1cd8ad710",
                                             "ParentId":"","RepoTags":["example:1.0"],"RepoDigests":[],
                                             "Created":1644009612,"Size":172064416,"SharedSize":1239828,
                                             "Labels":{},"Containers":2}]},
                     "ContainerUsage":{"ActiveCount":0,"TotalCount":0,"Reclaimable":0,"TotalSize":0},
                     "VolumeUsage":{"ActiveCount":1,"TotalCount":1,"Reclaimable":0,"TotalSize":4096,
                                    "Items":[{"Name":"tardis","Driver":"local","Mountpoint":"/var/lib/docker/volumes/tardis",
                                              "Scope":"local","Labels":{},"Options":{},
                                              "UsageData":{"Size":4096,"RefCount":1}}]}}""");
            DiskUsage df = engine.docker().system().diskUsage();
            RecordedRequest r = engine.request();
            assertEquals("/v1.56/system/df", r.getUrl().encodedPath());
            assertEquals("1", r.getUrl().queryParameter("verbose"));

            assertEquals(98765432, df.layersSize());
            assertEquals(2, df.images().get(0).containers());
            assertEquals(List.of("example:1.0"), df.images().get(0).repoTags());
            assertTrue(df.containers().isEmpty());
            assertEquals("tardis", df.volumes().get(0).name());
            assertEquals(4096, df.volumes().get(0).usageData().size());
            assertTrue(df.buildCache().isEmpty());
            assertEquals(4, ((Map<?, ?>) df.extras().get("ImageUsage")).get("TotalCount"));
        }
    }
}
