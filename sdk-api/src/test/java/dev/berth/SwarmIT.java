package dev.berth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.errors.BadRequestException;
import dev.berth.errors.ConflictException;
import dev.berth.errors.DockerException;
import dev.berth.errors.NotFoundException;
import dev.berth.errors.ServiceUnavailableException;
import dev.berth.errors.VersionConflictException;
import dev.berth.model.ConfigDetails;
import dev.berth.model.JoinTokens;
import dev.berth.model.LogLine;
import dev.berth.model.NodeAvailability;
import dev.berth.model.NodeDetails;
import dev.berth.model.NodeRole;
import dev.berth.model.ProcessResult;
import dev.berth.model.SecretDetails;
import dev.berth.model.ServiceDetails;
import dev.berth.model.ServiceSpec;
import dev.berth.model.ServiceSpec.Port;
import dev.berth.model.ServiceSpec.Rollout;
import dev.berth.model.SwarmDetails;
import dev.berth.model.TaskDetails;
import dev.berth.transport.ApiRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Swarm against the real engine, which becomes a one-node swarm for this class only: {@code @BeforeAll} checks that
 * swarm calls fail as they should outside a swarm, then runs {@code swarm init}; {@code @AfterAll} removes what the
 * tests made and leaves the swarm (also from a shutdown hook, should the JVM end first), then checks the engine is
 * back outside any swarm. Every service, secret and config carries the test label.
 */
class SwarmIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Prints its host name once, then idles; exits at once on SIGTERM, so stop-first rollouts do not wait 10 s. */
    private static final String[] REPLICA = {"sh", "-c",
        "trap 'exit 0' TERM; echo replica-$(hostname); while sleep 1; do :; done"};

    private static Docker docker;
    private static Swarm swarm;
    private static RuntimeException inspectBeforeInit;
    private static RuntimeException servicesBeforeInit;
    private static boolean initAttempted;
    private static boolean gwBridgeExisted;
    private static String nodeId;
    private static Thread leaveOnExit;

    @BeforeAll
    static void initSwarm() {
        docker = TestEngine.docker();
        swarm = new Swarm(docker.transport());
        String state = docker.system().info().swarm().localNodeState();
        if (!"inactive".equals(state)) {
            throw new IllegalStateException("the engine at " + TestEngine.dockerHost() + " is already in a swarm"
                    + " (LocalNodeState " + state + "); SwarmIT does not take over a swarm it did not make."
                    + " Leave it first: docker swarm leave --force");
        }
        inspectBeforeInit = failure(() -> swarm.inspect());
        servicesBeforeInit = failure(() -> swarm.services().list());
        gwBridgeExisted = networkExists("docker_gwbridge");
        leaveOnExit = new Thread(SwarmIT::leaveFromShutdownHook, "berth-swarm-leave");
        Runtime.getRuntime().addShutdownHook(leaveOnExit);
        initAttempted = true;
        nodeId = swarm.init(SwarmInitOptions.defaults().withAdvertiseAddr("127.0.0.1")
                .withListenAddr("127.0.0.1:2377"));
    }

    private static RuntimeException failure(Supplier<?> call) {
        try {
            call.get();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    @AfterAll
    static void leaveSwarm() {
        List<Throwable> problems = new ArrayList<>();
        try {
            if (initAttempted) {
                Filters ours = Filters.label(TestEngine.LABEL + "=" + RUN);
                attempt(problems, "removing services", () -> swarm.services().list(ours)
                        .forEach(s -> swarm.services().remove(s.id())));
                attempt(problems, "removing secrets", () -> swarm.secrets().list(ours)
                        .forEach(s -> swarm.secrets().remove(s.id())));
                attempt(problems, "removing configs", () -> swarm.configs().list(ours)
                        .forEach(c -> swarm.configs().remove(c.id())));
                attempt(problems, "leaving the swarm", SwarmIT::leave);
                attempt(problems, "checking the engine left", () -> assertEquals("inactive",
                        docker.system().info().swarm().localNodeState(), "the engine must be out of the swarm"));
                attempt(problems, "removing task containers", SwarmIT::awaitNoTaskContainers);
                if (!gwBridgeExisted) {
                    attempt(problems, "removing docker_gwbridge", () -> {
                        if (networkExists("docker_gwbridge")) {
                            docker.transport().send(ApiRequest.delete("/networks/{id}", "docker_gwbridge").build())
                                    .discard();
                        }
                    });
                }
                try {
                    Runtime.getRuntime().removeShutdownHook(leaveOnExit);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway; leaving twice is harmless
                }
            }
        } finally {
            docker.close();
        }
        if (!problems.isEmpty()) {
            AssertionError e = new AssertionError("cleaning up the swarm failed: " + problems);
            problems.forEach(e::addSuppressed);
            throw e;
        }
    }

    private static void attempt(List<Throwable> problems, String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | AssertionError e) {
            problems.add(new AssertionError(what + ": " + e, e));
        }
    }

    /** Leaves the swarm; being outside one already is fine. */
    private static void leave() {
        try {
            swarm.leave(SwarmLeaveOptions.force());
        } catch (ServiceUnavailableException e) {
            if (!e.daemonMessage().contains("not part of a swarm")) {
                throw e;
            }
        }
    }

    private static void leaveFromShutdownHook() {
        try (Docker d = TestEngine.docker()) {
            new Swarm(d.transport()).leave(SwarmLeaveOptions.force());
        } catch (RuntimeException e) {
            // not in a swarm any more, or the engine is gone: nothing left to do
        }
    }

    /** Waits until the containers of this run's tasks are gone, removing any the swarm left behind. */
    private static void awaitNoTaskContainers() {
        Map<String, List<String>> filters = Map.of("label", List.of(TestEngine.LABEL + "=" + RUN));
        poll(Duration.ofSeconds(30), "task containers to go away", () -> {
            List<?> left = docker.transport().json(ApiRequest.get("/containers/json").query("all", true)
                    .filters(filters).build(), List.class);
            for (Object o : left) {
                String id = (String) ((Map<?, ?>) o).get("Id");
                try {
                    docker.transport().send(ApiRequest.delete("/containers/{id}", id).query("force", true).build())
                            .discard();
                } catch (NotFoundException | ConflictException e) {
                    // already going
                }
            }
            return left.isEmpty() ? Boolean.TRUE : null;
        }, () -> "containers labelled " + TestEngine.LABEL + "=" + RUN + " remain");
    }

    private static boolean networkExists(String name) {
        List<?> networks = docker.transport().json(ApiRequest.get("/networks")
                .filters(Map.of("name", List.of(name))).build(), List.class);
        return networks.stream().anyMatch(n -> name.equals(((Map<?, ?>) n).get("Name")));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static ServiceSpec.Builder service(String name) {
        return ServiceSpec.builder(TestEngine.image()).name(name + "-" + RUN).label(TestEngine.LABEL, RUN)
                .containerLabel(TestEngine.LABEL, RUN).entrypoint(REPLICA);
    }

    private static Map<String, String> labels() {
        return Map.of(TestEngine.LABEL, RUN);
    }

    /** Calls {@code check} until it returns non-null, quickly at first; fails naming {@code seen} at the deadline. */
    private static <T> T poll(Duration timeout, String what, Supplier<T> check, Supplier<String> seen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long delay = 20; ; delay = Math.min(delay * 2, 250)) {
            T result = check.get();
            if (result != null) {
                return result;
            }
            if (System.nanoTime() > deadline) {
                return fail("waited " + timeout + " for " + what + "; saw " + seen.get());
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted waiting for " + what);
            }
        }
    }

    /** The container env of a task, or null when its container is not there (yet, or any more). */
    private static List<String> containerEnv(TaskDetails t) {
        if (t.containerId().isEmpty()) {
            return null;
        }
        try {
            return docker.containers().inspect(t.containerId().get()).config().env();
        } catch (NotFoundException e) {
            return null;
        }
    }

    /**
     * Waits until exactly {@code n} tasks of the service are meant to run, all run, and each one's container env has
     * {@code envEntry}: the end of a rollout.
     */
    private static List<TaskDetails> awaitTasksWithEnv(String service, int n, String envEntry) {
        Filters filters = Filters.of("service", service).and("desired-state", "running");
        List<String> last = new ArrayList<>();
        return poll(TIMEOUT, n + " running tasks with " + envEntry, () -> {
            List<TaskDetails> tasks = swarm.tasks().list(filters);
            last.clear();
            boolean ok = tasks.size() == n;
            for (TaskDetails t : tasks) {
                List<String> env = containerEnv(t);
                last.add(t.id() + " " + t.state() + " env " + env);
                ok &= t.isRunning() && env != null && env.contains(envEntry);
            }
            return ok ? tasks : null;
        }, () -> last.toString());
    }

    // ---- tests -----------------------------------------------------------------------------------------------

    @Test
    void swarmCallsOutsideASwarmSayTheEngineIsNotAManager() {
        for (RuntimeException e : new RuntimeException[] {inspectBeforeInit, servicesBeforeInit}) {
            assertNotNull(e, "a swarm call on an engine outside a swarm must fail");
            ServiceUnavailableException u = assertInstanceOf(ServiceUnavailableException.class, e, e.toString());
            assertEquals(503, u.status());
            String message = u.getMessage().toLowerCase(Locale.ROOT);
            assertTrue(message.contains("swarm") && message.contains("manager"), u.getMessage());
        }
    }

    @Test
    void inspectJoinTokensAndVersionedUpdates() {
        SwarmDetails s = swarm.inspect();
        assertFalse(s.id().isEmpty());
        assertTrue(s.versionIndex() > 0);
        assertTrue(s.spec().raft().snapshotInterval() > 0, "the spec is typed: " + s.spec());
        assertFalse(s.spec().autolock());
        assertTrue(s.extras().containsKey("TLSInfo"), "fields Berth does not model are kept");
        JoinTokens tokens = swarm.joinTokens();
        assertTrue(tokens.worker().startsWith("SWMTKN-1-"), tokens.toString());
        assertTrue(tokens.manager().startsWith("SWMTKN-1-"), tokens.toString());
        assertNotEquals(tokens.worker(), tokens.manager());
        assertFalse(tokens.toString().contains(tokens.worker()), "tokens are masked");
        assertFalse(s.toString().contains(tokens.manager()), "tokens are masked in the details too");

        swarm.update(SwarmUpdate.defaults().rotateWorkerToken()); // read-modify-write: swarm may still be settling
        JoinTokens rotated = swarm.joinTokens();
        assertNotEquals(tokens.worker(), rotated.worker(), "the worker token was rotated");
        assertEquals(tokens.manager(), rotated.manager(), "the manager token was not");

        VersionConflictException stale = assertThrows(VersionConflictException.class,
                () -> swarm.update(s.versionIndex(), SwarmUpdate.defaults().rotateManagerToken()));
        assertTrue(stale.daemonMessage().contains("out of sequence"), stale.daemonMessage());
        assertEquals(rotated.manager(), swarm.joinTokens().manager(), "the refused update changed nothing");

        assertEquals("", swarm.unlockKey(), "autolock is off");
        ConflictException notLocked = assertThrows(ConflictException.class, () -> swarm.unlock("SWMKEY-1-x"));
        assertTrue(notLocked.daemonMessage().contains("not locked"), notLocked.daemonMessage());
    }

    @Test
    void replicatedServiceRunsScalesUpdatesAndRollsBack() {
        Services services = swarm.services();
        String id = services.create(service("berth-scale").env("STAGE", "one").replicas(3)
                .updateConfig(Rollout.parallelism(0)).rollbackConfig(Rollout.parallelism(0)).build());

        List<TaskDetails> three = services.awaitRunningTasks(id, 3, TIMEOUT);
        assertEquals(List.of(1, 2, 3), three.stream().map(TaskDetails::slot).collect(Collectors.toList()));
        for (TaskDetails t : three) {
            assertEquals(id, t.serviceId());
            assertEquals(nodeId, t.nodeId());
            assertTrue(t.containerId().isPresent(), t.toString());
        }
        TaskDetails one = swarm.tasks().inspect(three.get(0).id());
        assertEquals(three.get(0).id(), one.id());
        assertEquals("running", one.status().state());
        ServiceDetails listed = services.list(Filters.label(TestEngine.LABEL + "=" + RUN)).stream()
                .filter(s -> s.id().equals(id)).findFirst().orElseThrow();
        assertEquals(3, listed.serviceStatus().runningTasks());
        assertEquals(3, listed.serviceStatus().desiredTasks());

        services.scale(id, 1);
        assertEquals(1, services.awaitRunningTasks(id, 1, TIMEOUT).size());
        ServiceDetails before = services.inspect(id);
        assertEquals(1, before.spec().replicas().getAsLong());
        assertEquals("one", before.spec().env().get("STAGE"));
        awaitTasksWithEnv(id, 1, "STAGE=one");

        services.update(id, spec -> spec.toBuilder().env("STAGE", "two").build());
        awaitTasksWithEnv(id, 1, "STAGE=two");
        ServiceDetails updated = services.inspect(id);
        assertEquals("two", updated.spec().env().get("STAGE"));
        assertEquals(before.spec(), updated.previousSpec(), "the previous spec is the one replaced");

        services.rollback(id);
        ServiceDetails rolledBack = services.inspect(id);
        assertEquals(before.spec(), rolledBack.spec(), "rollback restores the previous spec");
        assertEquals(updated.spec(), rolledBack.previousSpec());
        awaitTasksWithEnv(id, 1, "STAGE=one");
        assertTrue(rolledBack.updateStatus().state().startsWith("rollback"), rolledBack.updateStatus().toString());
    }

    @Test
    void serviceLogsShowEveryReplica() {
        Services services = swarm.services();
        String id = services.create(service("berth-logs").replicas(3).build());
        Set<String> expected = new HashSet<>();
        for (TaskDetails t : services.awaitRunningTasks(id, 3, TIMEOUT)) {
            expected.add("replica-" + docker.containers().inspect(t.containerId().orElseThrow()).config().hostname());
        }
        assertEquals(3, expected.size(), expected.toString());

        Set<String> followed = new HashSet<>();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (Stream<LogLine> lines = services.logs(id, ServiceLogsOptions.defaults().follow())) {
                Iterator<LogLine> it = lines.iterator();
                while (!followed.containsAll(expected) && it.hasNext()) {
                    LogLine line = it.next();
                    assertEquals(LogLine.Source.STDOUT, line.source(), line.toString());
                    followed.add(line.text());
                }
            }
        }, () -> "followed service logs did not show every replica; saw " + followed + ", wanted " + expected);
        assertEquals(expected, followed);

        try (Stream<LogLine> lines = services.logs(id)) {
            assertEquals(expected, lines.map(LogLine::text).collect(Collectors.toSet()), "logs without follow end");
        }
        assertThrows(NotFoundException.class, () -> services.logs("berth-no-such-service-" + RUN));
    }

    @Test
    void secretsAndConfigsReachTheTasksAsFiles() {
        Secrets secrets = swarm.secrets();
        Configs configs = swarm.configs();
        String secretText = "s3cret-" + RUN;
        String secretName = "berth-secret-" + RUN;
        String secretId = secrets.create(secretName, secretText.getBytes(StandardCharsets.UTF_8), labels());
        SecretDetails secret = secrets.inspect(secretId);
        assertEquals(secretName, secret.name());
        assertEquals(RUN, secret.spec().labels().get(TestEngine.LABEL));
        assertFalse(secret.toString().contains(secretText), secret.toString());
        assertEquals(List.of(secretId), secrets.list(Filters.of("name", secretName)).stream()
                .map(SecretDetails::id).collect(Collectors.toList()));
        assertThrows(ConflictException.class, () -> secrets.create(secretName, new byte[] {1}, labels()));

        secrets.update(secretId, secret.versionIndex(), Map.of(TestEngine.LABEL, RUN, "rotated", "yes"));
        assertEquals("yes", secrets.inspect(secretId).spec().labels().get("rotated"));
        assertThrows(VersionConflictException.class,
                () -> secrets.update(secretId, secret.versionIndex(), labels()));

        String configText = "port=80\nrun=" + RUN + "\n";
        String configName = "berth-config-" + RUN;
        String configId = configs.create(configName, configText.getBytes(StandardCharsets.UTF_8), labels());
        ConfigDetails config = configs.inspect(configId);
        assertEquals(configName, config.name());
        assertArrayEquals(configText.getBytes(StandardCharsets.UTF_8), config.spec().bytes());
        configs.update(configId, config.versionIndex(), Map.of(TestEngine.LABEL, RUN, "v", "2"));
        ConfigDetails relabelled = configs.inspect(configId);
        assertEquals("2", relabelled.spec().labels().get("v"));
        assertArrayEquals(configText.getBytes(StandardCharsets.UTF_8), relabelled.spec().bytes(), "data unchanged");
        assertThrows(VersionConflictException.class,
                () -> configs.update(configId, config.versionIndex(), labels()));

        Services services = swarm.services();
        String id = services.create(service("berth-files").replicas(1)
                .secret(secretId, secretName, "app-secret")
                .config(configId, configName, "/etc/berth/app.conf").build());
        String container = services.awaitRunningTasks(id, 1, TIMEOUT).get(0).containerId().orElseThrow();
        ProcessResult s = docker.containers().exec(container, "cat", "/run/secrets/app-secret");
        assertEquals(0, s.exitCode(), s.stderr());
        assertEquals(secretText, s.stdout());
        ProcessResult c = docker.containers().exec(container, "cat", "/etc/berth/app.conf");
        assertEquals(0, c.exitCode(), c.stderr());
        assertEquals(configText, c.stdout());

        BadRequestException inUse = assertThrows(BadRequestException.class, () -> secrets.remove(secretId));
        assertTrue(inUse.daemonMessage().contains("in use"), inUse.daemonMessage());
        services.remove(id);
        secrets.remove(secretId);
        configs.remove(configId);
        assertThrows(NotFoundException.class, () -> secrets.inspect(secretId));
        assertThrows(NotFoundException.class, () -> configs.inspect(configId));
    }

    @Test
    void staleServiceVersionIsAVersionConflict() {
        Services services = swarm.services();
        String id = services.create(service("berth-stale").replicas(0).publish(Port.ingress(0, 80)).build());
        ServiceDetails s = services.inspect(id);
        services.update(id, spec -> spec.toBuilder().label("step", "1").build());

        VersionConflictException e = assertThrows(VersionConflictException.class,
                () -> services.update(id, s.versionIndex(), s.spec().toBuilder().label("step", "2").build()));
        assertInstanceOf(ConflictException.class, e);
        assertTrue(e.daemonMessage().contains("out of sequence"), e.daemonMessage());
        ServiceDetails now = services.inspect(id);
        assertEquals("1", now.spec().labels().get("step"), "the stale update changed nothing");

        List<Port> published = now.endpoint().ports();
        assertEquals(1, published.size(), now.endpoint().toString());
        assertEquals(80, published.get(0).target());
        assertTrue(published.get(0).published() >= 30000, "the daemon picked a port: " + published);
        assertEquals(Port.PublishMode.INGRESS, published.get(0).mode());

        String global = services.create(service("berth-global").global().build());
        assertTrue(services.inspect(global).spec().global());
        IllegalStateException notScalable = assertThrows(IllegalStateException.class, () -> services.scale(global, 2));
        assertTrue(notScalable.getMessage().contains("global"), notScalable.getMessage());
        services.remove(global);
        assertThrows(NotFoundException.class, () -> services.inspect("berth-no-such-service-" + RUN));
        services.remove(id);
        assertThrows(NotFoundException.class, () -> services.inspect(id));
    }

    @Test
    void theOneNodeIsALeadingManagerAndTakesLabels() {
        Nodes nodes = swarm.nodes();
        List<NodeDetails> all = nodes.list();
        assertEquals(1, all.size(), all.toString());
        NodeDetails node = all.get(0);
        assertEquals(nodeId, node.id());
        assertTrue(node.isManager());
        assertTrue(node.managerStatus().leader());
        assertEquals("ready", node.status().state());
        assertEquals(NodeAvailability.ACTIVE, node.spec().availability());
        assertFalse(node.hostname().isEmpty());
        assertTrue(node.description().resources().nanoCpus() > 0, node.description().toString());
        assertFalse(node.description().engine().engineVersion().isEmpty());
        assertEquals(List.of(nodeId), nodes.list(Filters.of("role", "manager")).stream()
                .map(NodeDetails::id).collect(Collectors.toList()));
        assertEquals(List.of(), nodes.list(Filters.of("role", "worker")));

        nodes.update(nodeId, NodeUpdate.label("berth.run", RUN));
        NodeDetails labelled = nodes.inspect(nodeId);
        assertEquals(RUN, labelled.spec().labels().get("berth.run"));
        assertEquals(NodeRole.MANAGER, labelled.spec().role(), "the rest of the spec is kept");
        assertEquals(NodeAvailability.ACTIVE, labelled.spec().availability());
        assertTrue(labelled.versionIndex() > node.versionIndex());
        assertEquals(List.of(nodeId), nodes.list(Filters.of("node.label", "berth.run=" + RUN)).stream()
                .map(NodeDetails::id).collect(Collectors.toList()));

        assertThrows(VersionConflictException.class, () -> nodes.update(nodeId, node.versionIndex(),
                NodeUpdate.labels(Map.of()).withAvailability(NodeAvailability.PAUSE)));
        assertEquals(NodeAvailability.ACTIVE, nodes.inspect(nodeId).spec().availability(),
                "the stale update changed nothing");
        DockerException lastManager = assertThrows(DockerException.class, () -> nodes.remove(nodeId));
        assertFalse(lastManager.daemonMessage().isEmpty());
        assertThrows(NotFoundException.class, () -> nodes.inspect("berth-no-such-node"));
    }
}
