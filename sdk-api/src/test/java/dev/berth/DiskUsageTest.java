package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.model.DiskUsage;
import dev.berth.transport.ApiVersion;
import dev.berth.transport.DockerHost;
import dev.berth.transport.Endpoint;
import dev.berth.transport.Timeouts;
import dev.berth.transport.Transport;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** {@code system df} in both answer shapes: before API 1.52 (one object) and from 1.52 (per kind, verbose). */
class DiskUsageTest {

    private static DiskUsage diskUsage(String apiVersion, String body, MockWebServer server) throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(body).build());
        server.start(0);
        try (Transport t = new Transport(new Endpoint(DockerHost.tcp(server.getHostName(), server.getPort()), null,
                ApiVersion.parse(apiVersion), "test", List.of()), Timeouts.DEFAULT)) {
            return new DockerSystem(t).diskUsage();
        }
    }

    @Test
    void legacyShape() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            DiskUsage df = diskUsage("1.41", "{\"LayersSize\":123,\"Images\":[{\"Id\":\"sha256:a\",\"Size\":5}],"
                    + "\"Containers\":[{\"Id\":\"c1\"}],\"Volumes\":[{\"Name\":\"v1\"}],\"BuildCache\":[]}", server);
            assertEquals(123, df.layersSize());
            assertEquals("sha256:a", df.images().get(0).id());
            assertEquals("c1", df.containers().get(0).id());
            assertEquals("/v1.41/system/df", server.takeRequest().getUrl().encodedPath());
        }
    }

    @Test
    void splitShapeOfApi152IsReadBackIntoTheSameRecord() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            DiskUsage df = diskUsage("1.52", "{\"ImageUsage\":{\"TotalSize\":456,\"Items\":[{\"Id\":\"sha256:b\"}]},"
                    + "\"ContainerUsage\":{\"Items\":[{\"Id\":\"c2\"}]},\"VolumeUsage\":{\"Items\":[{\"Name\":\"v2\"}]},"
                    + "\"BuildCacheUsage\":{\"Items\":[{\"ID\":\"bc\"}]}}", server);
            assertEquals(456, df.layersSize());
            assertEquals("sha256:b", df.images().get(0).id());
            assertEquals("c2", df.containers().get(0).id());
            assertEquals("v2", df.volumes().get(0).name());
            assertEquals("bc", df.buildCache().get(0).id());
            assertEquals("1", server.takeRequest().getUrl().queryParameter("verbose"));
        }
    }
}
