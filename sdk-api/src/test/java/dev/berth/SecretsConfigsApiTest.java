package dev.berth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.model.ConfigDetails;
import dev.berth.model.SecretDetails;
import dev.berth.transport.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The secret and config endpoints against a mock daemon at API 1.41: the same five calls under {@code /secrets} and
 * {@code /configs}, with base64 data on create and only labels changed on update.
 */
class SecretsConfigsApiTest {
    private static final String SECRET = """
            {"ID":"ktnbjxoalbkvbvedmg1urrz8h","Version":{"Index":11},"CreatedAt":"2016-11-05T01:20:17.327670065Z",
             "UpdatedAt":"2016-11-05T01:20:17.327670065Z",
             "Spec":{"Name":"app-dev.crt","Labels":{"foo":"bar"},
                     "Driver":{"Name":"secret-bucket","Options":{"OptionA":"value for driver option A"}}}}""";

    private static final String CONFIG = """
            {"ID":"ktnbjxoalbkvbvedmg1urrz8h","Version":{"Index":11},"CreatedAt":"2016-11-05T01:20:17.327670065Z",
             "UpdatedAt":"2016-11-05T01:20:17.327670065Z",
             "Spec":{"Name":"server.conf","Labels":{"foo":"bar"},"Data":"cG9ydD04MAo=",
                     "Templating":{"Name":"golang"}}}""";

    private static MockResponse ok() {
        return new MockResponse.Builder().code(200).build();
    }

    private static MockResponse created(String id) {
        return new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json")
                .body("{\"ID\":\"" + id + "\"}").build();
    }

    private static JsonNode body(RecordedRequest r) throws IOException {
        return Json.mapper().readTree(r.getBody().utf8());
    }

    private static void assertRequest(RecordedRequest r, String method, String path) {
        assertEquals(method, r.getMethod());
        assertEquals("/v1.41" + path, r.getUrl().encodedPath());
    }

    @Test
    void secretCreateSendsNameLabelsAndBase64Data() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(created("s1"));
            engine.answer(created("s2"));
            Secrets secrets = engine.docker().swarm().secrets();
            assertEquals("s1", secrets.create("db-password", "hunter2".getBytes(StandardCharsets.UTF_8),
                    Map.of("env", "prod")));
            assertEquals("s2", secrets.create("token", new byte[] {1, 2}));
            RecordedRequest r = engine.request();
            assertRequest(r, "POST", "/secrets/create");
            assertEquals(Json.mapper().readTree("{\"Name\":\"db-password\",\"Labels\":{\"env\":\"prod\"},"
                    + "\"Data\":\"aHVudGVyMg==\"}"), body(r));
            assertEquals(Json.mapper().readTree("{\"Name\":\"token\",\"Labels\":{},\"Data\":\"AQI=\"}"),
                    body(engine.request()));
        }
    }

    @Test
    void secretListInspectUpdateRemove() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer("[" + SECRET + "]");
            engine.answer("[]");
            engine.answer(SECRET);
            engine.answer(SECRET);
            engine.answer(ok());
            engine.answer(ok());
            Secrets secrets = engine.docker().swarm().secrets();

            List<SecretDetails> listed = secrets.list(Filters.of("name", "app-dev.crt"));
            secrets.list();
            SecretDetails s = secrets.inspect("app-dev.crt");
            secrets.update(s.id(), s.versionIndex(), Map.of("foo", "baz"));
            secrets.remove(s.id());

            RecordedRequest list = engine.request();
            assertRequest(list, "GET", "/secrets");
            assertEquals("{\"name\":{\"app-dev.crt\":true}}", list.getUrl().queryParameter("filters"));
            assertNull(engine.request().getUrl().queryParameter("filters"));
            assertEquals("app-dev.crt", listed.get(0).name());
            assertRequest(engine.request(), "GET", "/secrets/app-dev.crt");
            assertEquals(Map.of("foo", "bar"), s.spec().labels());
            assertEquals(11, s.versionIndex());

            assertRequest(engine.request(), "GET", "/secrets/ktnbjxoalbkvbvedmg1urrz8h");
            RecordedRequest update = engine.request();
            assertRequest(update, "POST", "/secrets/ktnbjxoalbkvbvedmg1urrz8h/update");
            assertEquals("11", update.getUrl().queryParameter("version"));
            assertEquals(Json.mapper().readTree("{\"Name\":\"app-dev.crt\",\"Labels\":{\"foo\":\"baz\"},"
                    + "\"Driver\":{\"Name\":\"secret-bucket\","
                    + "\"Options\":{\"OptionA\":\"value for driver option A\"}}}"),
                    body(update));
            assertRequest(engine.request(), "DELETE", "/secrets/ktnbjxoalbkvbvedmg1urrz8h");
        }
    }

    @Test
    void configCreateListInspectUpdateRemove() throws IOException {
        try (MockEngine engine = MockEngine.at("1.41")) {
            engine.answer(created("ktnbjxoalbkvbvedmg1urrz8h"));
            engine.answer("[" + CONFIG + "]");
            engine.answer(CONFIG);
            engine.answer(CONFIG);
            engine.answer(ok());
            engine.answer(ok());
            Configs configs = engine.docker().swarm().configs();

            String id = configs.create("server.conf", "port=80\n".getBytes(StandardCharsets.UTF_8));
            List<ConfigDetails> listed = configs.list(Filters.label("foo=bar"));
            ConfigDetails c = configs.inspect(id);
            configs.update(id, c.versionIndex(), Map.of());
            configs.remove(id);

            RecordedRequest create = engine.request();
            assertRequest(create, "POST", "/configs/create");
            assertEquals(Json.mapper().readTree("{\"Name\":\"server.conf\",\"Labels\":{},\"Data\":\"cG9ydD04MAo=\"}"),
                    body(create));
            RecordedRequest list = engine.request();
            assertRequest(list, "GET", "/configs");
            assertEquals("{\"label\":{\"foo=bar\":true}}", list.getUrl().queryParameter("filters"));
            assertEquals("server.conf", listed.get(0).name());
            assertRequest(engine.request(), "GET", "/configs/" + id);
            assertArrayEquals("port=80\n".getBytes(StandardCharsets.UTF_8), c.spec().bytes());

            assertRequest(engine.request(), "GET", "/configs/" + id);
            RecordedRequest update = engine.request();
            assertRequest(update, "POST", "/configs/" + id + "/update");
            assertEquals("11", update.getUrl().queryParameter("version"));
            assertEquals(Json.mapper().readTree("{\"Name\":\"server.conf\",\"Labels\":{},"
                    + "\"Templating\":{\"Name\":\"golang\"}}"), body(update), "the data is left out: it cannot change");
            assertRequest(engine.request(), "DELETE", "/configs/" + id);
        }
    }
}
