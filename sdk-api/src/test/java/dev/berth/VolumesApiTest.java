package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.errors.ConflictException;
import dev.berth.errors.NotFoundException;
import dev.berth.model.PruneResult;
import dev.berth.model.VolumeDetails;
import dev.berth.model.VolumeSpec;
import dev.berth.transport.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Every {@link Volumes} call against a mock daemon at API 1.41: method, path, query and body as the spec says, and
 * the answer as read. {@link VolumesPruneTest} covers the {@code all} filter of API 1.42 and later.
 */
class VolumesApiTest {
    /** A {@code Volume}, after the v1.41 spec's example. */
    private static final String TARDIS = """
            {"Name":"tardis","Driver":"custom","Mountpoint":"/var/lib/docker/volumes/tardis",
             "CreatedAt":"2016-06-07T20:31:11.853781916Z","Status":{"hello":"world"},
             "Labels":{"com.example.some-label":"some-value"},"Scope":"local",
             "Options":{"device":"tmpfs","o":"size=100m,uid=1000","type":"tmpfs"}}""";

    private static JsonNode tree(String json) throws IOException {
        return Json.mapper().readTree(json);
    }

    private static JsonNode body(RecordedRequest r) throws IOException {
        assertTrue(String.valueOf(r.getHeaders().get("Content-Type")).startsWith("application/json"),
                "Content-Type: " + r.getHeaders().get("Content-Type"));
        return tree(r.getBody().utf8());
    }

    private static MockResponse created(String json) {
        return new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json").body(json).build();
    }

    private static MockResponse error(int code, String message) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body("{\"message\":\"" + message + "\"}").build();
    }

    @Test
    void listSendsTheFiltersAndReadsTheVolumesButNotTheWarnings() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("{\"Volumes\":[" + TARDIS + "],\"Warnings\":[\"driver custom did not answer\"]}");
            List<VolumeDetails> list = engine.docker().volumes().list(Filters.of("dangling", "true")
                    .andLabel("com.example.some-label"));

            RecordedRequest r = engine.request();
            assertEquals("GET", r.getMethod());
            assertEquals("/v1.41/volumes", r.getUrl().encodedPath());
            assertEquals(tree("{\"dangling\":{\"true\":true},\"label\":{\"com.example.some-label\":true}}"),
                    tree(r.getUrl().queryParameter("filters")));
            assertEquals(1, list.size());
            VolumeDetails v = list.get(0);
            assertEquals("tardis", v.name());
            assertEquals("custom", v.driver());
            assertEquals(Map.of("hello", "world"), v.extras().get("Status"), "the driver's status is kept as sent");
            assertEquals("size=100m,uid=1000", v.options().get("o"));
        }
    }

    @Test
    void listWithoutFiltersAndWithoutVolumes() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("{\"Volumes\":null,\"Warnings\":null}");
            assertEquals(List.of(), engine.docker().volumes().list());
            assertNull(engine.request().getUrl().query());
        }
    }

    @Test
    void inspectReadsTheVolume() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(TARDIS);
            VolumeDetails v = engine.docker().volumes().inspect("tardis");

            RecordedRequest r = engine.request();
            assertEquals("GET", r.getMethod());
            assertEquals("/v1.41/volumes/tardis", r.getUrl().encodedPath());
            assertEquals("/var/lib/docker/volumes/tardis", v.mountpoint());
            assertEquals("2016-06-07T20:31:11.853781916Z", v.createdAt());
            assertEquals("some-value", v.labels().get("com.example.some-label"));
            assertEquals("local", v.scope());
            assertNull(v.usageData());
        }
    }

    @Test
    void inspectOfAMissingVolumeIsNotFound() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(error(404, "get nope: no such volume"));
            NotFoundException e = assertThrows(NotFoundException.class,
                    () -> engine.docker().volumes().inspect("nope"));
            assertEquals("get nope: no such volume", e.daemonMessage());
        }
    }

    @Test
    void createSendsTheSpecAndAnswersTheName() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(created(TARDIS));
            String name = engine.docker().volumes().create(VolumeSpec.named("tardis").driver("custom")
                    .option("type", "tmpfs").option("device", "tmpfs").option("o", "size=100m,uid=1000")
                    .label("com.example.some-label", "some-value"));

            RecordedRequest r = engine.request();
            assertEquals("POST", r.getMethod());
            assertEquals("/v1.41/volumes/create", r.getUrl().encodedPath());
            assertNull(r.getUrl().query());
            assertEquals(tree("""
                    {"Name":"tardis","Driver":"custom",
                     "DriverOpts":{"type":"tmpfs","device":"tmpfs","o":"size=100m,uid=1000"},
                     "Labels":{"com.example.some-label":"some-value"}}"""), body(r));
            assertEquals("tardis", name);
        }
    }

    @Test
    void anAnonymousVolumeSendsNothingAndAnswersTheNameTheDaemonMadeUp() throws IOException {
        String generated = "3b7ad7b9bd6bc0f4a2c0a84a7ab0d1ea4d4b0d7e1e0f6c3b2a1908f7e6d5c4b3";
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(created("{\"Name\":\"" + generated + "\",\"Driver\":\"local\",\"Scope\":\"local\"}"));
            engine.answer(created("{\"Name\":\"" + generated + "\",\"Driver\":\"local\",\"Scope\":\"local\"}"));
            assertEquals(generated, engine.docker().volumes().create());
            assertEquals(generated, engine.docker().volumes().create(VolumeSpec.anonymous().label("team", "web")));

            assertEquals(tree("{}"), body(engine.request()));
            assertEquals(tree("{\"Labels\":{\"team\":\"web\"}}"), body(engine.request()));
        }
    }

    @Test
    void removeSendsForceOnlyWhenAsked() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(new MockResponse.Builder().code(204).build());
            engine.answer(new MockResponse.Builder().code(204).build());
            engine.docker().volumes().remove("tardis");
            engine.docker().volumes().remove("tardis", VolumeRemoveOptions.force());

            RecordedRequest plain = engine.request();
            assertEquals("DELETE", plain.getMethod());
            assertEquals("/v1.41/volumes/tardis", plain.getUrl().encodedPath());
            assertNull(plain.getUrl().query());
            RecordedRequest forced = engine.request();
            assertEquals("DELETE", forced.getMethod());
            assertEquals("force=1", forced.getUrl().encodedQuery());
        }
    }

    @Test
    void removingAVolumeInUseIsAConflict() {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(error(409, "remove tardis: volume is in use - [19a4d5d687db]"));
            ConflictException e = assertThrows(ConflictException.class,
                    () -> engine.docker().volumes().remove("tardis", VolumeRemoveOptions.defaults().withForce()));
            assertTrue(e.daemonMessage().contains("in use"), e.daemonMessage());
        }
    }

    @Test
    void pruneSendsTheFiltersAndReadsNamesAndSpace() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("{\"VolumesDeleted\":[\"tardis\",\"old\"],\"SpaceReclaimed\":4096}");
            engine.answer("{\"VolumesDeleted\":null,\"SpaceReclaimed\":0}");
            PruneResult r = engine.docker().volumes().prune(Filters.label("team!=core"));
            PruneResult none = engine.docker().volumes().prune();

            RecordedRequest sent = engine.request();
            assertEquals("POST", sent.getMethod());
            assertEquals("/v1.41/volumes/prune", sent.getUrl().encodedPath());
            assertEquals(tree("{\"label\":{\"team!=core\":true}}"), tree(sent.getUrl().queryParameter("filters")));
            assertEquals(List.of("tardis", "old"), r.deleted());
            assertEquals(4096, r.spaceReclaimed());
            assertNull(engine.request().getUrl().query(), "API 1.41 prunes named volumes without all=true");
            assertEquals(List.of(), none.deleted());
        }
    }

    @Test
    void removeOptionsReadAsTheyAre() {
        assertEquals("VolumeRemoveOptions[force=false]", VolumeRemoveOptions.defaults().toString());
        assertEquals(VolumeRemoveOptions.force(), VolumeRemoveOptions.defaults().withForce());
        assertTrue(VolumeRemoveOptions.force().isForce());
    }
}
