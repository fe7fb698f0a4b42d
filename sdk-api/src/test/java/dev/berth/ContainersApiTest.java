package dev.berth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.errors.ApiVersionException;
import dev.berth.errors.ConflictException;
import dev.berth.errors.NotFoundException;
import dev.berth.errors.ServerErrorException;
import dev.berth.model.ContainerDetails;
import dev.berth.model.ContainerSpec;
import dev.berth.model.ContainerStats;
import dev.berth.model.ContainerSummary;
import dev.berth.model.ExecDetails;
import dev.berth.model.FilesystemChange;
import dev.berth.model.LogLine;
import dev.berth.model.PathStat;
import dev.berth.model.ProcessResult;
import dev.berth.model.PruneResult;
import dev.berth.model.RestartPolicy;
import dev.berth.model.TopResult;
import dev.berth.model.WaitResult;
import dev.berth.transport.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketHandler;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.Okio;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every container endpoint Berth calls, against a mock daemon at API 1.41 (Engine 20.10, the oldest Berth speaks):
 * the method, path, query, headers and body the v1.41 spec asks for, and the answer, from the spec's examples, as
 * Berth reads it. {@link ContainersApi156Test} has the calls whose shape changed since.
 */
class ContainersApiTest {
    private static final String ID = "ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743";
    private static final String EXEC = "f33bbfb39f5b142420f4759b2348913bd4a8d1a6d7fd56499cb41a1bb91d7b3b";
    private static final String PREFIX = "/v1.41";

    private MockEngine engine;
    private Containers containers;

    @BeforeEach
    void start() {
        engine = MockEngine.at("1.41");
        containers = engine.docker().containers();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private RecordedRequest next(String method, String path) {
        RecordedRequest r = engine.request();
        assertEquals(method + " " + PREFIX + path, r.getMethod() + " " + r.getUrl().encodedPath());
        return r;
    }

    /** The query as the daemon decodes it, in the order sent; empty when there is none. */
    private static String query(RecordedRequest r) {
        String q = r.getUrl().encodedQuery();
        return q == null ? "" : URLDecoder.decode(q, StandardCharsets.UTF_8);
    }

    private static JsonNode body(RecordedRequest r) throws IOException {
        assertEquals("application/json", r.getHeaders().get("Content-Type"));
        return Json.mapper().readTree(r.getBody().utf8());
    }

    private static JsonNode tree(String json) throws IOException {
        return Json.mapper().readTree(json);
    }

    private void answer(int code, String json) {
        engine.answer(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(json).build());
    }

    private void answer(int code) {
        engine.answer(new MockResponse.Builder().code(code).build());
    }

    private void answerError(int code, String message) {
        answer(code, "{\"message\":\"" + message + "\"}");
    }

    /** The answer of a multiplexed stream (logs, attach or exec without a TTY) in a plain 200. */
    private void answerFrames(Frames frames) throws IOException {
        Buffer body = new Buffer();
        body.readFrom(frames.stream(64));
        engine.answer(new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "application/vnd.docker.raw-stream").body(body).build());
    }

    /** An inspect answer that says whether the container has a TTY, for the calls that ask first. */
    private void answerInspect(boolean tty) {
        answer(200, "{\"Id\":\"" + ID + "\",\"Config\":{\"Tty\":" + tty + "}}");
    }

    /** {@code 101 UPGRADED}, then the raw connection handed to {@code handler} (attach, exec start). */
    private void answerUpgrade(SocketHandler handler) {
        engine.answer(new MockResponse.Builder().code(101).addHeader("Connection", "Upgrade")
                .addHeader("Upgrade", "tcp").addHeader("Content-Type", "application/vnd.docker.multiplexed-stream")
                .socketHandler(handler).build());
    }

    private static void assertUpgradeAsked(RecordedRequest r) {
        assertEquals("Upgrade", r.getHeaders().get("Connection"));
        assertEquals("tcp", r.getHeaders().get("Upgrade"));
    }

    private static byte[] tar(String name, String content) throws IOException {
        return new TestTar().file(name, content).bytes();
    }

    // ---- create, list, inspect ----------------------------------------------------------------------------------

    @Nested
    class Reading {
        @Test
        void createPostsTheSpecWithTheNameInTheQueryAndAnswersTheId() throws IOException {
            answer(201, "{\"Id\":\"" + ID + "\",\"Warnings\":[]}");
            String id = containers.create(ContainerSpec.builder("busybox:1.36").name("web").cmd("sleep", "60")
                    .label("app", "web").build());
            assertEquals(ID, id);
            RecordedRequest r = next("POST", "/containers/create");
            assertEquals("name=web", query(r));
            JsonNode b = body(r);
            assertEquals("busybox:1.36", b.get("Image").asText());
            assertEquals(tree("[\"sleep\",\"60\"]"), b.get("Cmd"));
            assertEquals("web", b.get("Labels").get("app").asText());
        }

        @Test
        void createPullsAMissingImageAndTriesAgain() {
            answerError(404, "No such image: busybox:1.36");
            engine.answer("{\"status\":\"Pulling from library/busybox\",\"id\":\"1.36\"}\n"
                    + "{\"status\":\"Status: Downloaded newer image for busybox:1.36\"}\n");
            answer(201, "{\"Id\":\"" + ID + "\",\"Warnings\":null}");
            assertEquals(ID, containers.create(ContainerSpec.builder("busybox:1.36").build()));
            assertEquals("", query(next("POST", "/containers/create")));
            RecordedRequest pull = next("POST", "/images/create");
            assertEquals("busybox", pull.getUrl().queryParameter("fromImage"));
            assertEquals("1.36", pull.getUrl().queryParameter("tag"));
            next("POST", "/containers/create");
        }

        @Test
        void createWithPullAlwaysPullsFirstAndSendsThePlatformToBoth() {
            engine.answer("{\"status\":\"Status: Image is up to date for busybox:1.36\"}\n");
            answer(201, "{\"Id\":\"" + ID + "\",\"Warnings\":null}");
            assertEquals(ID, containers.create(ContainerSpec.parse("create --pull always --platform linux/arm64 "
                    + "busybox:1.36")));
            RecordedRequest pull = next("POST", "/images/create");
            assertEquals("busybox", pull.getUrl().queryParameter("fromImage"));
            assertEquals("linux/arm64", pull.getUrl().queryParameter("platform"));
            assertEquals("platform=linux/arm64", query(next("POST", "/containers/create")));
        }

        @Test
        void createWithPullNeverLetsTheMissingImageThrough() {
            answerError(404, "No such image: busybox:1.36");
            NotFoundException e = assertThrows(NotFoundException.class,
                    () -> containers.create(ContainerSpec.parse("create --pull=never busybox:1.36")));
            assertEquals("No such image: busybox:1.36", e.daemonMessage());
            next("POST", "/containers/create");
        }

        @Test
        void createDoesNotPullWhenSomethingElseIsMissing() {
            answerError(404, "network app-net not found");
            NotFoundException e = assertThrows(NotFoundException.class,
                    () -> containers.create(ContainerSpec.builder("busybox").network("app-net").build()));
            assertEquals("network app-net not found", e.daemonMessage());
        }

        @Test
        void listAsksForRunningContainersByDefault() {
            answer(200, "[]");
            assertEquals(List.of(), containers.list());
            assertEquals("", query(next("GET", "/containers/json")));
        }

        @Test
        void listSendsAllLimitSizeAndFiltersAndReadsTheSummaries() throws IOException {
            answer(200, """
                    [{"Id":"8dfafdbc3a40","Names":["/boring_feynman"],"Image":"ubuntu:latest",
                      "ImageID":"d74508fb6632491cea586a1fd7d748dfc5274cd6fdfedee309ecdcbc2bf5cb82",
                      "Command":"echo 1","Created":1367854155,"State":"Exited","Status":"Exit 0",
                      "Ports":[{"PrivatePort":2222,"PublicPort":3333,"Type":"tcp"}],
                      "Labels":{"com.example.vendor":"Acme"},"SizeRw":12288,"SizeRootFs":0,
                      "HostConfig":{"NetworkMode":"default"},"Mounts":[]}]""");
            List<ContainerSummary> list = containers.list(ContainerQuery.all().withLimit(3).withSize()
                    .label("com.example.vendor=Acme").status(ContainerState.EXITED, ContainerState.DEAD));
            RecordedRequest r = next("GET", "/containers/json");
            assertEquals("all", r.getUrl().queryParameterName(0));
            assertEquals("1", r.getUrl().queryParameter("all"));
            assertEquals("3", r.getUrl().queryParameter("limit"));
            assertEquals("1", r.getUrl().queryParameter("size"));
            assertEquals(tree("{\"label\":{\"com.example.vendor=Acme\":true},\"status\":{\"exited\":true,"
                    + "\"dead\":true}}"), tree(r.getUrl().queryParameter("filters")));

            ContainerSummary c = list.get(0);
            assertEquals("boring_feynman", c.name());
            assertEquals(3333, c.ports().get(0).publicPort());
            assertEquals(12288L, c.sizeRw());
            assertEquals("Acme", c.labels().get("com.example.vendor"));
            assertTrue(c.extras().containsKey("HostConfig"));
        }

        @Test
        void latestAsksForOneOfAnyState() {
            answer(200, "[{\"Id\":\"" + ID + "\"}]");
            assertEquals(List.of(ID), containers.ids(ContainerQuery.running().latest()));
            assertEquals("all=1&limit=1", query(next("GET", "/containers/json")));
        }

        @Test
        void idsListRunningContainers() {
            answer(200, "[{\"Id\":\"a\"},{\"Id\":\"b\"}]");
            assertEquals(List.of("a", "b"), containers.ids());
            assertEquals("", query(next("GET", "/containers/json")));
        }

        @Test
        void queryFiltersCanBeGivenWhole() {
            answer(200, "[]");
            containers.list(ContainerQuery.all().withFilters(Filters.of("exited", "0").and("network", "app-net")));
            assertEquals("all=1&filters={\"exited\":{\"0\":true},\"network\":{\"app-net\":true}}",
                    query(next("GET", "/containers/json")));
        }

        @Test
        void inspectReadsTheDetails() {
            answer(200, """
                    {"Id":"%s","Name":"/web","State":{"Status":"running","Running":true,"Pid":1234,"ExitCode":0},
                     "Config":{"Image":"busybox","Tty":false,"Labels":{"app":"web"}},
                     "HostConfig":{"Memory":0,"RestartPolicy":{"Name":"no","MaximumRetryCount":0}},
                     "NetworkSettings":{"Ports":{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"}]}},
                     "Mounts":[]}""".formatted(ID));
            ContainerDetails d = containers.inspect("web");
            assertEquals("", query(next("GET", "/containers/web/json")));
            assertEquals(ID, d.id());
            assertEquals("web", d.shortName());
            assertTrue(d.state().running());
            assertEquals(8080, d.hostPort(80).orElseThrow());
        }

        @Test
        void inspectWithSizeAsksForTheSizes() {
            answer(200, "{\"Id\":\"" + ID + "\",\"SizeRw\":4096,\"SizeRootFs\":1439232}");
            ContainerDetails d = containers.inspectWithSize(ID);
            assertEquals("size=1", query(next("GET", "/containers/" + ID + "/json")));
            assertEquals(4096, ((Number) d.extras().get("SizeRw")).longValue());
            assertEquals(1439232, ((Number) d.extras().get("SizeRootFs")).longValue());
        }

        @Test
        void inspectOfAMissingContainerIsNotFound() {
            answerError(404, "No such container: nope");
            NotFoundException e = assertThrows(NotFoundException.class, () -> containers.inspect("nope"));
            assertEquals("No such container: nope", e.daemonMessage());
        }

        @Test
        void topWithTheDaemonsPsArgumentsOrTheCallers() {
            String answer = """
                    {"Titles":["UID","PID","PPID","C","STIME","TTY","TIME","CMD"],
                     "Processes":[["root","13642","882","0","17:03","pts/0","00:00:00","/bin/bash"],
                                  ["root","13735","13642","0","17:06","pts/0","00:00:00","sleep 10"]]}""";
            answer(200, answer);
            answer(200, answer);
            TopResult top = containers.top(ID);
            assertEquals("", query(next("GET", "/containers/" + ID + "/top")));
            containers.top(ID, "aux");
            assertEquals("ps_args=aux", query(next("GET", "/containers/" + ID + "/top")));

            assertEquals(8, top.titles().size());
            assertEquals("sleep 10", top.rows().get(1).get("CMD"));
            assertThrows(NullPointerException.class, () -> containers.top(ID, null));
        }

        @Test
        void topOfAStoppedContainerIsAConflict() {
            answerError(409, "Container " + ID + " is not running");
            assertThrows(ConflictException.class, () -> containers.top(ID));
        }

        @Test
        void changesReadTheKinds() {
            answer(200, "[{\"Path\":\"/dev\",\"Kind\":0},{\"Path\":\"/dev/kmsg\",\"Kind\":1},"
                    + "{\"Path\":\"/test\",\"Kind\":2}]");
            answer(200, "null");
            List<FilesystemChange> changes = containers.changes(ID);
            next("GET", "/containers/" + ID + "/changes");
            assertEquals(List.of(FilesystemChange.Kind.MODIFIED, FilesystemChange.Kind.ADDED,
                    FilesystemChange.Kind.DELETED), changes.stream().map(FilesystemChange::change).toList());
            assertEquals("/dev/kmsg", changes.get(1).path());
            assertEquals(List.of(), containers.changes(ID), "no change: the daemon answers null");
        }
    }

    // ---- logs ---------------------------------------------------------------------------------------------------

    @Nested
    class LogsCalls {
        @Test
        void logsAskBothStreamsAndReadTheLinesOfAMultiplexedStream() throws IOException {
            answerInspect(false);
            answerFrames(Frames.of().out("one\ntw").out("o\n").err("oops\n"));
            List<LogLine> lines;
            try (Stream<LogLine> s = containers.logs(ID).lines()) {
                lines = s.toList();
            }
            next("GET", "/containers/" + ID + "/json");
            assertEquals("stdout=1&stderr=1&follow=0&timestamps=0", query(next("GET", "/containers/" + ID + "/logs")));
            assertEquals(List.of("one", "two", "oops"), lines.stream().map(LogLine::text).toList());
            assertEquals(LogLine.Source.STDERR, lines.get(2).source());
        }

        @Test
        void logsSendEveryOption() throws IOException {
            answerInspect(false);
            answerFrames(Frames.of().err("2024-01-02T03:04:05.000000006Z boom\n"));
            Instant since = Instant.parse("2024-01-02T03:00:00Z");
            Instant until = Instant.parse("2024-01-02T04:00:00.5Z");
            List<LogLine> lines;
            try (Stream<LogLine> s = containers.logs(ID).stderrOnly().follow().timestamps().tail(10).since(since)
                    .until(until).lines()) {
                lines = s.toList();
            }
            next("GET", "/containers/" + ID + "/json");
            assertEquals("stdout=0&stderr=1&follow=1&timestamps=1&tail=10&since=1704164400.000000000"
                    + "&until=1704168000.500000000", query(next("GET", "/containers/" + ID + "/logs")));
            assertEquals("boom", lines.get(0).text());
            assertEquals(Instant.parse("2024-01-02T03:04:05.000000006Z"), lines.get(0).timestamp());
        }

        @Test
        void aTtyContainersLogsAreRawAndStreamGivesTheBytes() throws IOException {
            answerInspect(true);
            engine.answer(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/plain")
                    .body("raw\r\nbytes\r\n").build());
            byte[] bytes;
            try (InputStream in = containers.logs(ID).stdoutOnly().stream()) {
                bytes = in.readAllBytes();
            }
            next("GET", "/containers/" + ID + "/json");
            assertEquals("stdout=1&stderr=0&follow=0&timestamps=0", query(next("GET", "/containers/" + ID + "/logs")));
            assertEquals("raw\r\nbytes\r\n", new String(bytes, StandardCharsets.UTF_8));
        }

        @Test
        void aLogsCallIsAValueThatCanBeReadAgain() throws IOException {
            Logs base = containers.logs(ID).tail(5);
            Logs followed = base.follow();
            for (int i = 0; i < 2; i++) {
                answerInspect(false);
                answerFrames(Frames.of().out("x\n"));
            }
            try (Stream<LogLine> s = base.lines()) {
                assertEquals(1, s.count());
            }
            try (Stream<LogLine> s = followed.lines()) {
                assertEquals(1, s.count());
            }
            next("GET", "/containers/" + ID + "/json");
            assertEquals("stdout=1&stderr=1&follow=0&timestamps=0&tail=5",
                    query(next("GET", "/containers/" + ID + "/logs")));
            next("GET", "/containers/" + ID + "/json");
            assertEquals("stdout=1&stderr=1&follow=1&timestamps=0&tail=5",
                    query(next("GET", "/containers/" + ID + "/logs")));
        }
    }

    // ---- lifecycle ----------------------------------------------------------------------------------------------

    @Nested
    class Lifecycle {
        @Test
        void startAnswersWhetherItStartedIt() {
            answer(204);
            answer(304);
            assertTrue(containers.start(ID));
            assertFalse(containers.start(ID), "304: it was running already");
            assertEquals("", query(next("POST", "/containers/" + ID + "/start")));
            next("POST", "/containers/" + ID + "/start");
        }

        @Test
        void startOfAMissingContainerIsNotFound() {
            answerError(404, "No such container: nope");
            assertThrows(NotFoundException.class, () -> containers.start("nope"));
        }

        @Test
        void stopLeavesTheTimeoutToTheContainerUnlessGiven() {
            answer(204);
            answer(304);
            answer(204);
            assertTrue(containers.stop(ID));
            assertEquals("", query(next("POST", "/containers/" + ID + "/stop")));
            assertFalse(containers.stop(ID, StopOptions.defaults().withTimeout(Duration.ofSeconds(30))),
                    "304: it was not running");
            assertEquals("t=30", query(next("POST", "/containers/" + ID + "/stop")));
            containers.stop(ID, StopOptions.defaults().withTimeout(Duration.ofMillis(1500)));
            assertEquals("t=2", query(next("POST", "/containers/" + ID + "/stop")), "a part of a second counts");
        }

        @Test
        void aStopSignalIsRefusedBelowApi142WithoutAsking() {
            StopOptions sigint = StopOptions.defaults().withSignal("SIGINT");
            ApiVersionException e = assertThrows(ApiVersionException.class, () -> containers.stop(ID, sigint));
            assertTrue(e.getMessage().contains("1.42") && e.getMessage().contains("1.41"), e.getMessage());
            assertThrows(ApiVersionException.class, () -> containers.restart(ID, sigint));
            answer(204);
            containers.pause(ID); // the first request the daemon sees
            next("POST", "/containers/" + ID + "/pause");
        }

        @Test
        void stopAndRestartSendTheSignalFromApi142() {
            try (MockEngine e142 = MockEngine.at("1.42")) {
                Containers c = e142.docker().containers();
                e142.answer(new MockResponse.Builder().code(204).build());
                e142.answer(new MockResponse.Builder().code(204).build());
                StopOptions options = StopOptions.defaults().withSignal("SIGINT").withTimeout(Duration.ZERO);
                assertTrue(c.stop(ID, options));
                c.restart(ID, options);
                RecordedRequest stop = e142.request();
                assertEquals("/v1.42/containers/" + ID + "/stop", stop.getUrl().encodedPath());
                assertEquals("t=0&signal=SIGINT", query(stop));
                RecordedRequest restart = e142.request();
                assertEquals("/v1.42/containers/" + ID + "/restart", restart.getUrl().encodedPath());
                assertEquals("t=0&signal=SIGINT", query(restart));
            }
        }

        @Test
        void restartWithTheContainersTimeoutOrTheCallers() {
            answer(204);
            answer(204);
            containers.restart(ID);
            assertEquals("", query(next("POST", "/containers/" + ID + "/restart")));
            containers.restart(ID, StopOptions.defaults().withTimeout(Duration.ofSeconds(5)));
            assertEquals("t=5", query(next("POST", "/containers/" + ID + "/restart")));
        }

        @Test
        void killSendsSigkillOrTheSignalGiven() {
            answer(204);
            answer(204);
            containers.kill(ID);
            assertEquals("signal=SIGKILL", query(next("POST", "/containers/" + ID + "/kill")));
            containers.kill(ID, "SIGHUP");
            assertEquals("signal=SIGHUP", query(next("POST", "/containers/" + ID + "/kill")));
            assertThrows(IllegalArgumentException.class, () -> containers.kill(ID, " "));
        }

        @Test
        void killOfAStoppedContainerIsAConflict() {
            answerError(409, "Container " + ID + " is not running");
            assertThrows(ConflictException.class, () -> containers.kill(ID));
        }

        @Test
        void pauseUnpauseRenameAndResize() {
            for (int i = 0; i < 4; i++) {
                answer(204);
            }
            containers.pause(ID);
            containers.unpause(ID);
            containers.rename(ID, "web-2");
            containers.resize(ID, 24, 80);
            assertEquals("", query(next("POST", "/containers/" + ID + "/pause")));
            assertEquals("", query(next("POST", "/containers/" + ID + "/unpause")));
            assertEquals("name=web-2", query(next("POST", "/containers/" + ID + "/rename")));
            assertEquals("h=24&w=80", query(next("POST", "/containers/" + ID + "/resize")));
        }

        @Test
        void renameToATakenNameIsAConflict() {
            answerError(409, "Conflict. The container name \\\"/web\\\" is already in use");
            assertThrows(ConflictException.class, () -> containers.rename(ID, "web"));
        }

        @Test
        void updateSendsWhatIsSetInOrderAndAnswersTheWarnings() throws IOException {
            answer(200, "{\"Warnings\":[]}");
            answer(200, "{\"Warnings\":null}");
            assertEquals(List.of(), containers.update(ID, ContainerUpdate.create().cpuShares(512).memorySwap(-1)
                    .pidsLimit(100).restartPolicy(RestartPolicy.onFailure(3)).memory("64m").cpus(1.5)));
            RecordedRequest r = next("POST", "/containers/" + ID + "/update");
            assertEquals("", query(r));
            assertEquals("{\"CpuShares\":512,\"MemorySwap\":-1,\"PidsLimit\":100,\"RestartPolicy\":{\"Name\":"
                    + "\"on-failure\",\"MaximumRetryCount\":3},\"Memory\":67108864,\"NanoCpus\":1500000000}",
                    Json.write(Json.mapper().treeToValue(body(r), Object.class)));
            assertEquals(List.of(), containers.update(ID, ContainerUpdate.create().pidsLimit(-1)));
            assertEquals(tree("{\"PidsLimit\":-1}"), body(next("POST", "/containers/" + ID + "/update")));
            answer(200, "{\"Warnings\":[]}");
            containers.update(ID, ContainerUpdate.create().option("--cpuset-cpus", "0-1").option("-c", "512")
                    .option("--cpus", "0.25").option("--memory-swap", "-1").option("-m", "256m")
                    .memoryReservation("64m").cpuPeriod(100000).cpuQuota(50000).cpuRtPeriod(1000000)
                    .cpuRtRuntime(950000).cpusetMems("0").blkioWeight(300).option("--pids-limit", "100")
                    .option("--restart", "on-failure:2"));
            assertEquals(tree("{\"CpusetCpus\":\"0-1\",\"CpuShares\":512,\"NanoCpus\":250000000,"
                    + "\"MemorySwap\":-1,\"Memory\":268435456,\"MemoryReservation\":67108864,\"CpuPeriod\":100000,"
                    + "\"CpuQuota\":50000,\"CpuRealtimePeriod\":1000000,\"CpuRealtimeRuntime\":950000,"
                    + "\"CpusetMems\":\"0\",\"BlkioWeight\":300,\"PidsLimit\":100,"
                    + "\"RestartPolicy\":{\"Name\":\"on-failure\",\"MaximumRetryCount\":2}}"),
                    body(next("POST", "/containers/" + ID + "/update")));
            IllegalArgumentException noSuchFlag = assertThrows(IllegalArgumentException.class,
                    () -> ContainerUpdate.create().option("--privileged", "true"));
            assertTrue(noSuchFlag.getMessage().contains("docker update has no flag --privileged"));
            assertThrows(IllegalArgumentException.class, () -> ContainerUpdate.create().option("--cpus", "abc"));
            assertThrows(IllegalArgumentException.class, () -> ContainerUpdate.create().blkioWeight(70000));
        }

        @Test
        void waitForAsksTheConditionAndReadsTheExitCode() {
            answer(200, "{\"StatusCode\":0}");
            answer(200, "{\"StatusCode\":137,\"Error\":{\"Message\":\"\"}}");
            answer(200, "{\"StatusCode\":-1,\"Error\":{\"Message\":\"container removed\"}}");
            assertEquals(0, containers.waitFor(ID).statusCode());
            assertEquals("condition=not-running", query(next("POST", "/containers/" + ID + "/wait")));
            WaitResult killed = containers.waitFor(ID, WaitCondition.NEXT_EXIT);
            assertEquals("condition=next-exit", query(next("POST", "/containers/" + ID + "/wait")));
            assertEquals(137, killed.statusCode());
            assertTrue(killed.errorMessage().isEmpty());
            WaitResult removed = containers.waitFor(ID, WaitCondition.REMOVED);
            assertEquals("condition=removed", query(next("POST", "/containers/" + ID + "/wait")));
            assertEquals("container removed", removed.errorMessage().orElseThrow());
        }

        @Test
        void removeSendsOnlyTheFlagsThatAreSet() {
            for (int i = 0; i < 3; i++) {
                answer(204);
            }
            containers.remove(ID);
            assertEquals("", query(next("DELETE", "/containers/" + ID)));
            containers.remove(ID, RemoveOptions.force().withVolumes());
            assertEquals("v=1&force=1", query(next("DELETE", "/containers/" + ID)));
            containers.remove("/web/db", RemoveOptions.defaults().withLink());
            RecordedRequest link = engine.request();
            assertEquals("DELETE " + PREFIX + "/containers/%2Fweb%2Fdb", link.getMethod() + " "
                    + link.getUrl().encodedPath());
            assertEquals("link=1", query(link));
        }

        @Test
        void removeOfARunningContainerWithoutForceIsAConflict() {
            answerError(409, "You cannot remove a running container " + ID
                    + ". Stop the container before attempting removal or force remove");
            ConflictException e = assertThrows(ConflictException.class, () -> containers.remove(ID));
            assertTrue(e.daemonMessage().contains("running container"), e.daemonMessage());
        }

        @Test
        void pruneWithoutOrWithFiltersAndReadsWhatWent() throws IOException {
            String answer = "{\"ContainersDeleted\":[\"8dfafdbc3a40\",\"9cd87474be90\"],\"SpaceReclaimed\":109}";
            answer(200, answer);
            answer(200, "{\"ContainersDeleted\":null,\"SpaceReclaimed\":0}");
            PruneResult all = containers.prune();
            assertEquals("", query(next("POST", "/containers/prune")));
            assertEquals(List.of("8dfafdbc3a40", "9cd87474be90"), all.deleted());
            assertEquals(109, all.spaceReclaimed());

            PruneResult none = containers.prune(Filters.label("app=web").and("until", "24h"));
            RecordedRequest r = next("POST", "/containers/prune");
            assertEquals(tree("{\"label\":{\"app=web\":true},\"until\":{\"24h\":true}}"),
                    tree(r.getUrl().queryParameter("filters")));
            assertEquals(List.of(), none.deleted());
        }
    }

    // ---- exec ---------------------------------------------------------------------------------------------------

    @Nested
    class Exec {
        private static final String INSPECT = """
                {"CanRemove":false,"ContainerID":"b53ee82b53a40c7dca428523e34f741f3abc51d9f297a14ff874bf761b995126",
                 "DetachKeys":"","ExitCode":%s,"ID":"%s","OpenStderr":true,"OpenStdin":%s,"OpenStdout":true,
                 "ProcessConfig":{"arguments":["-c","exit 2"],"entrypoint":"sh","privileged":false,"tty":%s,
                                  "user":"1000"},
                 "Running":%s,"Pid":42000}""";

        private String inspect(boolean running, Integer exitCode, boolean tty) {
            return INSPECT.formatted(exitCode, EXEC, false, tty, running);
        }

        @Test
        void execCreateSendsOnlyWhatIsSet() throws IOException {
            answer(201, "{\"Id\":\"" + EXEC + "\"}");
            answer(201, "{\"Id\":\"" + EXEC + "\"}");
            assertEquals(EXEC, containers.execCreate(ID, ExecOptions.of("date")));
            assertEquals(tree("{\"AttachStdin\":false,\"AttachStdout\":true,\"AttachStderr\":true,\"Tty\":false,"
                    + "\"Cmd\":[\"date\"]}"), body(next("POST", "/containers/" + ID + "/exec")));

            containers.execCreate(ID, ExecOptions.of("sh", "-c", "env").withStdin().withTty().withEnv("FOO=bar")
                    .withEnv("BAZ=quux").withUser("1000:1000").withWorkingDir("/srv").withPrivileged()
                    .withDetachKeys("ctrl-x"));
            assertEquals(tree("{\"AttachStdin\":true,\"AttachStdout\":true,\"AttachStderr\":true,\"Tty\":true,"
                    + "\"Cmd\":[\"sh\",\"-c\",\"env\"],\"Env\":[\"FOO=bar\",\"BAZ=quux\"],\"User\":\"1000:1000\","
                    + "\"WorkingDir\":\"/srv\",\"Privileged\":true,\"DetachKeys\":\"ctrl-x\"}"),
                    body(next("POST", "/containers/" + ID + "/exec")));
        }

        @Test
        void execCreateInAStoppedContainerIsAConflict() {
            answerError(409, "Container " + ID + " is not running");
            assertThrows(ConflictException.class, () -> containers.execCreate(ID, ExecOptions.of("date")));
        }

        @Test
        void execInspectReadsTheSpecsExample() {
            answer(200, INSPECT.formatted(2, EXEC, true, true, false).replace("\"Pid\":42000", "\"Pid\":42000,"
                    + "\"FutureField\":1"));
            ExecDetails e = containers.execInspect(EXEC);
            next("GET", "/exec/" + EXEC + "/json");
            assertEquals(EXEC, e.id());
            assertFalse(e.running());
            assertEquals(2L, e.exitCode());
            assertEquals("sh", e.processConfig().entrypoint());
            assertEquals(List.of("-c", "exit 2"), e.processConfig().arguments());
            assertEquals("1000", e.processConfig().user());
            assertTrue(e.processConfig().tty());
            assertFalse(e.processConfig().privileged());
            assertTrue(e.openStdin() && e.openStdout() && e.openStderr());
            assertEquals("b53ee82b53a40c7dca428523e34f741f3abc51d9f297a14ff874bf761b995126", e.containerId());
            assertEquals(42000, e.pid());
            assertFalse(e.canRemove());
            assertEquals("", e.detachKeys());
            assertEquals(1, e.extras().get("FutureField"));
        }

        @Test
        void aRunningExecHasNoExitCode() {
            answer(200, inspect(true, null, false));
            ExecDetails e = containers.execInspect(EXEC);
            assertTrue(e.running());
            assertNull(e.exitCode());
        }

        @Test
        void execInspectOfAMissingExecIsNotFound() {
            answerError(404, "No such exec instance: " + EXEC);
            assertThrows(NotFoundException.class, () -> containers.execInspect(EXEC));
        }

        @Test
        void execRunsCreateStartAndInspectAndSplitsTheOutput() throws IOException {
            answer(201, "{\"Id\":\"" + EXEC + "\"}");
            answerFrames(Frames.of().out("out\n").err("err\n").out("more\n"));
            answer(200, inspect(false, 2, false));
            ProcessResult r = containers.exec(ID, "sh", "-c", "exit 2");
            assertEquals(new ProcessResult(2, "out\nmore\n", "err\n"), r);
            next("POST", "/containers/" + ID + "/exec");
            RecordedRequest start = next("POST", "/exec/" + EXEC + "/start");
            assertEquals(tree("{\"Detach\":false,\"Tty\":false}"), body(start));
            next("GET", "/exec/" + EXEC + "/json");
        }

        @Test
        void execWithATtyReadsRawOutputAndWaitsForTheExit() throws IOException {
            answer(201, "{\"Id\":\"" + EXEC + "\"}");
            engine.answer(new MockResponse.Builder().code(200).body("tty\r\n").build());
            answer(200, inspect(true, null, true));
            answer(200, inspect(false, 0, true));
            ProcessResult r = containers.exec(ID, ExecOptions.of("tty").withTty());
            assertEquals(new ProcessResult(0, "tty\r\n", ""), r);
            next("POST", "/containers/" + ID + "/exec");
            assertEquals(tree("{\"Detach\":false,\"Tty\":true}"), body(next("POST", "/exec/" + EXEC + "/start")));
            next("GET", "/exec/" + EXEC + "/json");
            next("GET", "/exec/" + EXEC + "/json");
        }

        @Test
        void execStartAsksTheTtyFirstAndGivesTheOutputInOrder() throws IOException {
            answer(200, inspect(false, null, false));
            answerFrames(Frames.of().out("a").err("b").out("c"));
            String output;
            try (InputStream in = containers.execStart(EXEC)) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertEquals("abc", output);
            next("GET", "/exec/" + EXEC + "/json");
            assertEquals(tree("{\"Detach\":false,\"Tty\":false}"), body(next("POST", "/exec/" + EXEC + "/start")));
        }

        @Test
        void execStartDetachedReturnsAtOnce() throws IOException {
            answer(200);
            containers.execStartDetached(EXEC);
            RecordedRequest r = next("POST", "/exec/" + EXEC + "/start");
            assertEquals(tree("{\"Detach\":true,\"Tty\":false}"), body(r));
            assertNull(r.getHeaders().get("Upgrade"));
        }

        @Test
        void execResizeSendsRowsAndColumns() {
            answer(201);
            containers.execResize(EXEC, 40, 120);
            assertEquals("h=40&w=120", query(next("POST", "/exec/" + EXEC + "/resize")));
        }

        @Test
        void execInteractiveUpgradesAndTheProcessSeesEofWhileItsOutputIsRead() throws IOException {
            answer(201, "{\"Id\":\"" + EXEC + "\"}");
            List<String> received = new ArrayList<>();
            answerUpgrade(socket -> {
                try (BufferedSource in = Okio.buffer(socket.getSource());
                     BufferedSink out = Okio.buffer(socket.getSink())) {
                    received.add(in.readUtf8()); // to EOF: the client closed its stdin
                    Buffer frames = new Buffer();
                    frames.readFrom(Frames.of().out("HELLO\n").err("bye\n").stream(64));
                    out.writeAll(frames);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            answer(200, inspect(false, 0, false));
            answer(201);
            try (Session s = containers.execInteractive(ID, ExecOptions.of("tr", "a-z", "A-Z"))) {
                s.stdin().write("hello\n".getBytes(StandardCharsets.UTF_8));
                s.stdin().close();
                assertEquals("HELLO\n", new String(s.stdout().readAllBytes(), StandardCharsets.UTF_8));
                assertEquals("bye\n", new String(s.stderr().readAllBytes(), StandardCharsets.UTF_8));
                assertEquals(0, s.exitCode());
                s.resize(24, 80);
            }
            assertEquals(List.of("hello\n"), received);
            assertTrue(body(next("POST", "/containers/" + ID + "/exec")).get("AttachStdin").asBoolean(),
                    "a session always has a stdin");
            RecordedRequest start = next("POST", "/exec/" + EXEC + "/start");
            assertUpgradeAsked(start);
            assertEquals(tree("{\"Detach\":false,\"Tty\":false}"), body(start));
            next("GET", "/exec/" + EXEC + "/json");
            assertEquals("h=24&w=80", query(next("POST", "/exec/" + EXEC + "/resize")));
        }
    }

    // ---- attach and run -----------------------------------------------------------------------------------------

    @Nested
    class Attach {
        @Test
        void attachAsksTheTtyThenUpgradesWithAllThreeStreams() throws IOException {
            answerInspect(true);
            answerUpgrade(socket -> {
                try (BufferedSource in = Okio.buffer(socket.getSource());
                     BufferedSink out = Okio.buffer(socket.getSink())) {
                    out.writeUtf8("echo: " + in.readUtf8());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            answer(200);
            answer(200, "{\"StatusCode\":0}");
            try (Session s = containers.attach(ID)) {
                assertTrue(s.isTty());
                s.stdin().write("ls\n".getBytes(StandardCharsets.UTF_8));
                s.stdin().close();
                assertEquals("echo: ls\n", new String(s.output().readAllBytes(), StandardCharsets.UTF_8));
                s.resize(50, 132);
                assertEquals(0, s.exitCode());
            }
            next("GET", "/containers/" + ID + "/json");
            RecordedRequest attach = next("POST", "/containers/" + ID + "/attach");
            assertEquals("stream=1&stdin=1&stdout=1&stderr=1", query(attach));
            assertUpgradeAsked(attach);
            assertEquals("h=50&w=132", query(next("POST", "/containers/" + ID + "/resize")));
            assertEquals("condition=not-running", query(next("POST", "/containers/" + ID + "/wait")));
        }

        @Test
        void attachWithOptionsReplaysTheLogsOfTheStreamsChosen() throws IOException {
            answerInspect(false);
            answerUpgrade(socket -> {
                try (BufferedSink out = Okio.buffer(socket.getSink())) {
                    out.write(Frames.of().out("earlier\n").stream(64).readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try (Session s = containers.attach(ID, AttachOptions.noStdin().withLogs().withDetachKeys("ctrl-x"))) {
                assertFalse(s.isTty());
                assertEquals("earlier\n", new String(s.output().readAllBytes(), StandardCharsets.UTF_8));
            }
            next("GET", "/containers/" + ID + "/json");
            RecordedRequest attach = next("POST", "/containers/" + ID + "/attach");
            assertEquals("detachKeys=ctrl-x&logs=1&stream=1&stdout=1&stderr=1", query(attach));
            assertUpgradeAsked(attach);
            assertEquals("AttachOptions[streams=[STDERR], logs=false]",
                    AttachOptions.defaults().withStreams(AttachStream.STDERR).toString());
            assertThrows(IllegalArgumentException.class, () -> AttachOptions.defaults().withStreams());
        }

        @Test
        void runCreatesStartsAndInspects() {
            answer(201, "{\"Id\":\"" + ID + "\",\"Warnings\":[]}");
            answer(204);
            answer(200, "{\"Id\":\"" + ID + "\",\"State\":{\"Running\":true}}");
            ContainerDetails d = containers.run(ContainerSpec.builder("busybox").build());
            assertTrue(d.state().running());
            next("POST", "/containers/create");
            next("POST", "/containers/" + ID + "/start");
            next("GET", "/containers/" + ID + "/json");
        }

        @Test
        void runAndWaitAsksTheWaitAndAttachesBeforeTheStart() throws IOException {
            answer(201, "{\"Id\":\"" + ID + "\",\"Warnings\":[]}");
            answer(200, "{\"StatusCode\":3}");
            answerFrames(Frames.of().out("to out\n").err("to err\n"));
            answer(204);
            ProcessResult r = containers.runAndWait(ContainerSpec.builder("busybox").cmd("sh", "-c", "exit 3")
                    .build());
            assertEquals(new ProcessResult(3, "to out\n", "to err\n"), r);
            next("POST", "/containers/create");
            assertEquals("condition=next-exit", query(next("POST", "/containers/" + ID + "/wait")));
            RecordedRequest attach = next("POST", "/containers/" + ID + "/attach");
            assertEquals("stream=1&stdout=1&stderr=1", query(attach));
            assertUpgradeAsked(attach);
            next("POST", "/containers/" + ID + "/start");
        }

        @Test
        void runAndWaitWithRmWaitsForTheRemoval() {
            answer(201, "{\"Id\":\"" + ID + "\",\"Warnings\":[]}");
            answer(200, "{\"StatusCode\":0}");
            engine.answer(new MockResponse.Builder().code(200).body("").build());
            answer(204);
            containers.runAndWait(ContainerSpec.builder("busybox").autoRemove().build());
            next("POST", "/containers/create");
            assertEquals("condition=removed", query(next("POST", "/containers/" + ID + "/wait")));
        }

        /** The daemon's automatic removal failed (its wait says so): --rm still leaves nothing behind. */
        @Test
        void runAndWaitWithRmRemovesAgainWhenTheDaemonsRemovalFailed() {
            answer(201, "{\"Id\":\"" + ID + "\",\"Warnings\":[]}");
            answer(200, "{\"StatusCode\":0,\"Error\":{\"Message\":\"unlinkat merged: device or resource busy\"}}");
            engine.answer(new MockResponse.Builder().code(200).body("").build());
            answer(204);
            answer(204);
            ProcessResult r = containers.runAndWait(ContainerSpec.builder("busybox").autoRemove().build());
            assertEquals(0, r.exitCode());
            next("POST", "/containers/create");
            next("POST", "/containers/" + ID + "/wait");
            next("POST", "/containers/" + ID + "/attach");
            next("POST", "/containers/" + ID + "/start");
            assertEquals("v=1&force=1", query(next("DELETE", "/containers/" + ID)));
        }

        @Test
        void runAndWaitWithRmFailsWithBothMessagesWhenTheContainerCannotBeRemoved() {
            answer(201, "{\"Id\":\"" + ID + "\",\"Warnings\":[]}");
            answer(200, "{\"StatusCode\":0,\"Error\":{\"Message\":\"unlinkat merged: device or resource busy\"}}");
            engine.answer(new MockResponse.Builder().code(200).body("").build());
            answer(204);
            answer(500, "{\"message\":\"still busy\"}");
            ServerErrorException e = assertThrows(ServerErrorException.class,
                    () -> containers.runAndWait(ContainerSpec.builder("busybox").autoRemove().build()));
            assertTrue(e.getMessage().contains("device or resource busy"), e.getMessage());
            assertTrue(e.getMessage().contains("still busy"), e.getMessage());
        }

        @Test
        void runAndWaitFailsWhenTheWaitFailed() throws IOException {
            answer(201, "{\"Id\":\"" + ID + "\",\"Warnings\":[]}");
            answer(200, "{\"StatusCode\":-1,\"Error\":{\"Message\":\"context canceled\"}}");
            answerFrames(Frames.of().out("partial\n"));
            answer(204);
            ServerErrorException e = assertThrows(ServerErrorException.class,
                    () -> containers.runAndWait(ContainerSpec.builder("busybox").build()));
            assertTrue(e.getMessage().contains("context canceled"), e.getMessage());
        }
    }

    // ---- stats and export ---------------------------------------------------------------------------------------

    @Nested
    class StatsAndExport {
        private static final String STATS = """
                {"read":"2015-01-08T22:57:31.547920715Z","preread":"2015-01-08T22:57:30.547920715Z",
                 "pids_stats":{"current":3},"networks":{"eth0":{"rx_bytes":5338,"tx_bytes":648}},
                 "memory_stats":{"stats":{"inactive_file":4096},"usage":6537216,
                                 "limit":67108864},
                 "cpu_stats":{"cpu_usage":{"percpu_usage":[8646879,24472255,36438778,30657443],
                              "usage_in_usermode":50000000,"total_usage":100215355,"usage_in_kernelmode":30000000},
                              "system_cpu_usage":739306590000000,"online_cpus":4},
                 "precpu_stats":{"cpu_usage":{"total_usage":100093996},"system_cpu_usage":9492140000000,
                                 "online_cpus":4}}""".replace("\n", "");

        @Test
        void statsAsksOneSample() {
            answer(200, STATS);
            ContainerStats s = containers.stats(ID);
            assertEquals("stream=0", query(next("GET", "/containers/" + ID + "/stats")));
            assertEquals(6537216 - 4096, s.memoryUsage());
            assertEquals(67108864, s.memoryLimit());
        }

        @Test
        void statsStreamReadsOneSampleALine() {
            engine.answer(STATS + "\n" + STATS + "\n");
            List<ContainerStats> all;
            try (Stream<ContainerStats> s = containers.statsStream(ID)) {
                all = s.toList();
            }
            assertEquals("stream=1", query(next("GET", "/containers/" + ID + "/stats")));
            assertEquals(2, all.size());
        }

        @Test
        void exportStreamsTheTarOrWritesItToAFile(@TempDir Path dir) throws IOException {
            byte[] tar = tar("etc/hostname", "web\n");
            engine.answer(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/x-tar")
                    .body(new Buffer().write(tar)).build());
            engine.answer(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/x-tar")
                    .body(new Buffer().write(tar)).build());
            try (InputStream in = containers.export(ID)) {
                assertEquals(tar.length, in.readAllBytes().length);
            }
            next("GET", "/containers/" + ID + "/export");
            Path file = dir.resolve("web.tar");
            containers.export(ID, file);
            assertArrayEquals(tar, Files.readAllBytes(file));
            next("GET", "/containers/" + ID + "/export");
        }
    }

    // ---- docker cp ----------------------------------------------------------------------------------------------

    @Nested
    class Archive {
        private ContainerFiles files() {
            return engine.docker().files();
        }

        private static String stat(String json) {
            return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void statReadsTheHeaderOfAHead() {
            engine.answer(new MockResponse.Builder().code(200).addHeader("X-Docker-Container-Path-Stat",
                    stat("{\"name\":\"www\",\"size\":4096,\"mode\":2147484141,\"mtime\":\"2024-01-02T03:04:05Z\","
                            + "\"linkTarget\":\"\"}")).build());
            PathStat s = files().stat(ID, "/var/www");
            RecordedRequest r = next("HEAD", "/containers/" + ID + "/archive");
            assertEquals("path=/var/www", query(r));
            assertEquals("www", s.name());
            assertTrue(s.isDirectory());
            assertEquals(0755, s.permissions());
        }

        @Test
        void statOfAMissingPathNamesIt() {
            engine.answer(new MockResponse.Builder().code(404).build());
            NotFoundException e = assertThrows(NotFoundException.class, () -> files().stat(ID, "/nope"));
            assertTrue(e.getMessage().contains(ID + ":/nope"), e.getMessage());
        }

        @Test
        void readStreamsTheTarOfThePath() throws IOException {
            byte[] tar = tar("hostname", "web\n");
            engine.answer(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/x-tar")
                    .body(new Buffer().write(tar)).build());
            try (InputStream in = files().read(ID, "/etc/hostname")) {
                assertArrayEquals(tar, in.readAllBytes());
            }
            assertEquals("path=/etc/hostname", query(next("GET", "/containers/" + ID + "/archive")));
        }

        @Test
        void writePutsTheTarAsDockerCpDoesUnlessToldOtherwise() {
            byte[] tar = {1, 2, 3};
            answer(200);
            answer(200);
            files().write(ID, "/srv", new ByteArrayInputStream(tar));
            RecordedRequest r = next("PUT", "/containers/" + ID + "/archive");
            assertEquals("path=/srv&noOverwriteDirNonDir=1", query(r));
            assertEquals("application/x-tar", r.getHeaders().get("Content-Type"));
            assertArrayEquals(tar, r.getBody().toByteArray());

            files().write(ID, "/srv", new ByteArrayInputStream(tar),
                    CopyOptions.defaults().withOverwriteDirNonDir().withCopyUidGid());
            assertEquals("path=/srv&copyUIDGID=1", query(next("PUT", "/containers/" + ID + "/archive")));
        }

        @Test
        void writeIntoAFileIsABadRequest() {
            answerError(400, "extraction point is not a directory");
            assertThrows(dev.berth.errors.BadRequestException.class,
                    () -> files().write(ID, "/etc/hostname", new ByteArrayInputStream(new byte[0])));
        }

        @Test
        void copyInSendsTheLocalFileAsATarUnderItsName(@TempDir Path dir) throws IOException {
            Path index = Files.writeString(dir.resolve("index.html"), "<h1>hi</h1>");
            answer(200);
            answer(200);
            files().copyIn(index, ID, "/var/www");
            RecordedRequest r = next("PUT", "/containers/" + ID + "/archive");
            assertEquals("path=/var/www&noOverwriteDirNonDir=1", query(r));
            assertEquals("application/x-tar", r.getHeaders().get("Content-Type"));
            byte[] sent = r.getBody().toByteArray();
            try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(sent))) {
                TarArchiveEntry e = in.getNextEntry();
                assertEquals("index.html", e.getName());
                assertEquals("<h1>hi</h1>", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            files().copyIn(index, ID, "/var/www", CopyOptions.defaults().withCopyUidGid());
            assertEquals("path=/var/www&noOverwriteDirNonDir=1&copyUIDGID=1",
                    query(next("PUT", "/containers/" + ID + "/archive")));
        }

        @Test
        void copyInOfAMissingLocalPathFailsBeforeAsking(@TempDir Path dir) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> files().copyIn(dir.resolve("nope"), ID, "/srv"));
            assertTrue(e.getMessage().contains("nope"), e.getMessage());
            answer(204);
            containers.pause(ID); // the first request the daemon sees
            next("POST", "/containers/" + ID + "/pause");
        }

        @Test
        void copyOutExtractsWhatTheDaemonSends(@TempDir Path dir) throws IOException {
            byte[] tar = new TestTar().dir("www").file("www/index.html", "<h1>hi</h1>").bytes();
            engine.answer(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/x-tar")
                    .body(new Buffer().write(tar)).build());
            files().copyOut(ID, "/var/www", dir.resolve("out"));
            assertEquals("path=/var/www", query(next("GET", "/containers/" + ID + "/archive")));
            assertEquals("<h1>hi</h1>", Files.readString(dir.resolve("out/www/index.html")));
        }
    }
}
