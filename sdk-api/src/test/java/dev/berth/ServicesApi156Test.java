package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.model.ServiceDetails;
import dev.berth.model.ServiceSpec;
import dev.berth.model.TaskDetails;
import dev.berth.transport.Json;
import java.io.IOException;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Services and tasks against a mock daemon at API 1.56: from 1.52 the task resources carry {@code SwapBytes} and
 * {@code MemorySwappiness}, which a read-modify-write update must send back as it read them (the daemon drops
 * them from requests below 1.52 only).
 */
class ServicesApi156Test {
    private static final String SERVICE_ID = "9mnpnzenvg8p8tdbtq4wvbkcz";

    private static final String SERVICE_156 = """
            {"ID":"%s","Version":{"Index":19},"CreatedAt":"2016-06-07T21:05:51.880065305Z",
             "UpdatedAt":"2016-06-07T21:07:29.962229872Z",
             "Spec":{"Name":"hopeful_cori","Labels":{},
                     "TaskTemplate":{"ContainerSpec":{"Image":"redis"},
                                     "Resources":{"Limits":{"MemoryBytes":104857600},"Reservations":{},
                                                  "SwapBytes":209715200,"MemorySwappiness":10},
                                     "RestartPolicy":{"Condition":"any","MaxAttempts":0},
                                     "Placement":{},"ForceUpdate":0},
                     "Mode":{"Replicated":{"Replicas":1}},
                     "EndpointSpec":{"Mode":"vip"}},
             "Endpoint":{"Spec":{"Mode":"vip"}}}""".formatted(SERVICE_ID);

    @Test
    void readModifyWriteKeepsTheSwapSettingsOf152() throws IOException {
        try (MockEngine engine = MockEngine.at("1.56")) {
            engine.answer(SERVICE_156);
            engine.answer("{\"Warnings\":[]}");
            List<String> warnings = engine.docker().swarm().services().update("hopeful_cori",
                    spec -> spec.toBuilder().cpus(0.5).build());
            assertEquals(List.of(), warnings);

            RecordedRequest read = engine.request();
            assertEquals("/v1.56/services/hopeful_cori", read.getUrl().encodedPath());
            RecordedRequest write = engine.request();
            assertEquals("POST", write.getMethod());
            assertEquals("/v1.56/services/" + SERVICE_ID + "/update", write.getUrl().encodedPath());
            assertEquals("19", write.getUrl().queryParameter("version"));
            JsonNode resources = Json.mapper().readTree(write.getBody().utf8()).get("TaskTemplate").get("Resources");
            assertEquals(500000000, resources.get("Limits").get("NanoCPUs").asLong());
            assertEquals(104857600, resources.get("Limits").get("MemoryBytes").asLong());
            assertEquals(209715200, resources.get("SwapBytes").asLong());
            assertEquals(10, resources.get("MemorySwappiness").asLong());
        }
    }

    @Test
    void removingTheMemoryLimitDropsTheSwapLimitTheDaemonRefusesWithoutIt() throws IOException {
        try (MockEngine engine = MockEngine.at("1.56")) {
            engine.answer(SERVICE_156);
            engine.answer("{\"Warnings\":[]}");
            engine.answer(SERVICE_156);
            engine.answer("{\"Warnings\":[]}");
            engine.docker().swarm().services().update("hopeful_cori", spec -> spec.toBuilder().memory(0).build());
            engine.docker().swarm().services().update("hopeful_cori",
                    spec -> spec.toBuilder().resources(ServiceSpec.Resources.NONE).build());

            for (int i = 0; i < 2; i++) {
                engine.request();
                JsonNode task = Json.mapper().readTree(engine.request().getBody().utf8()).get("TaskTemplate");
                JsonNode resources = task.get("Resources");
                assertFalse(resources.has("SwapBytes"), "daemon: memory swap provided, but no memory-limit was set: "
                        + resources);
                assertFalse(resources.path("Limits").has("MemoryBytes"), resources.toString());
                assertEquals(10, resources.get("MemorySwappiness").asLong(), "swappiness is kept");
            }
        }
    }

    @Test
    void inspectAndTasksShowTheSwapSettingsAsSent() {
        try (MockEngine engine = MockEngine.at("1.56")) {
            engine.answer(SERVICE_156);
            engine.answer("""
                    [{"ID":"0kzzo1i0y4jz6027t0k7aezc7","Version":{"Index":71},"ServiceID":"%s","Slot":1,
                      "NodeID":"60gvrl6tm78dmak4yl7srz94v","DesiredState":"running",
                      "Spec":{"ContainerSpec":{"Image":"redis"},
                              "Resources":{"Limits":{"MemoryBytes":104857600},"SwapBytes":209715200,
                                           "MemorySwappiness":10}},
                      "Status":{"Timestamp":"2016-06-07T21:07:31.290032978Z","State":"running","Message":"started",
                                "ContainerStatus":{"ContainerID":"e5d62702a1b48d01c3e02ca1e0212a250801fa8d67caca0b6f35919ebc12f035",
                                                   "PID":677}}}]""".formatted(SERVICE_ID));
            ServiceDetails s = engine.docker().swarm().services().inspect(SERVICE_ID);
            List<TaskDetails> tasks = engine.docker().swarm().tasks().ofService(SERVICE_ID);
            assertEquals("/v1.56/services/" + SERVICE_ID, engine.request().getUrl().encodedPath());
            RecordedRequest list = engine.request();
            assertEquals("/v1.56/tasks", list.getUrl().encodedPath());

            JsonNode resources = Json.mapper().valueToTree(s.spec()).get("TaskTemplate").get("Resources");
            assertEquals(209715200, resources.get("SwapBytes").asLong());
            assertEquals(104857600L, s.spec().resources().orElseThrow().memory());
            assertEquals(209715200L, tasks.get(0).spec().resources().swapBytes());
            assertEquals(10L, tasks.get(0).spec().resources().memorySwappiness());
            assertEquals("running", tasks.get(0).status().state());
        }
    }
}
