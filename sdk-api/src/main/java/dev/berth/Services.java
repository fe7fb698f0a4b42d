package dev.berth;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.errors.VersionConflictException;
import dev.berth.internal.Demultiplexer;
import dev.berth.internal.LogLines;
import dev.berth.internal.VersionGuard;
import dev.berth.model.LogLine;
import dev.berth.model.ServiceDetails;
import dev.berth.model.ServiceSpec;
import dev.berth.model.TaskDetails;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.ApiResponse;
import dev.berth.transport.Json;
import dev.berth.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Swarm services: {@code docker service create}, {@code inspect}, {@code ls}, {@code update}, {@code scale},
 * {@code rollback}, {@code logs}, {@code rm}. Needs a manager; elsewhere calls raise
 * {@link dev.berth.errors.ServiceUnavailableException} ("This node is not a swarm manager...").
 *
 * <pre>{@code
 * Services services = docker.swarm().services();
 * String id = services.create(ServiceSpec.builder("demo/busybox:1").name("web")
 *         .cmd("httpd", "-f", "-p", "80").replicas(3).publish(8080, 80).build());
 * services.awaitRunningTasks(id, 3, Duration.ofSeconds(60));
 * services.scale(id, 5);
 * services.update(id, spec -> spec.toBuilder().env("MODE", "prod").build());
 * services.rollback(id);
 * services.remove(id);
 * }</pre>
 *
 * <p>Updates name the {@code Version.Index} they were computed from; a stale one raises
 * {@link VersionConflictException}. Swarm changes services by itself too (it allocates published ports just after
 * create, and records an update's progress), so a version read a moment ago may already be stale: prefer
 * {@link #update(String, UnaryOperator)}, which reads, changes and retries.
 */
public final class Services {
    private static final JavaType LIST =
            Json.typeFactory().constructCollectionType(List.class, ServiceDetails.class);

    /** How many times a read-modify-write is tried before a version conflict is given up on. */
    static final int ATTEMPTS = 5;

    private final Transport transport;
    private final Tasks tasks;

    Services(Transport transport, Tasks tasks) {
        this.transport = transport;
        this.tasks = tasks;
    }

    // ---- create and read -------------------------------------------------------------------------------------

    /**
     * {@code docker service create} of a public image: returns the new service's id. The service starts converging
     * at once; see {@link #awaitRunningTasks}.
     *
     * @param spec the service's name, task template, mode, ports, networks and rollout settings
     * @return the new service's id
     * @throws dev.berth.errors.ConflictException when the name is taken
     * @throws dev.berth.errors.BadRequestException when the daemon rejects the spec
     */
    public String create(ServiceSpec spec) {
        return create(spec, ServiceCreateOptions.defaults());
    }

    /**
     * {@code docker service create --with-registry-auth}: as {@link #create(ServiceSpec)}, with the credentials the
     * nodes pull a private image with.
     *
     * @param spec the service's name, task template, mode, ports, networks and rollout settings
     * @param options the registry credentials
     * @return the new service's id
     * @throws dev.berth.errors.ConflictException when the name is taken
     * @throws dev.berth.errors.BadRequestException when the daemon rejects the spec
     */
    public String create(ServiceSpec spec, ServiceCreateOptions options) {
        return transport.json(ApiRequest.post("/services/create").registryAuth(options.registryAuth().toHeader())
                .json(spec).build(), JsonNode.class).path("ID").asText();
    }

    /**
     * {@code docker service inspect}.
     *
     * @param id the service's id or name
     * @return the service, with its spec, previous spec, version and endpoint
     * @throws dev.berth.errors.NotFoundException when there is no such service
     */
    public ServiceDetails inspect(String id) {
        return transport.json(ApiRequest.get("/services/{id}", id).query("insertDefaults", false).build(),
                ServiceDetails.class);
    }

    /**
     * {@code docker service ls}: every service, with running and desired task counts.
     *
     * @return the services
     */
    public List<ServiceDetails> list() {
        return list(Filters.none());
    }

    /**
     * {@code docker service ls --filter ...}, with running and desired task counts in
     * {@link ServiceDetails#serviceStatus()}.
     *
     * @param filters {@code id}, {@code label}, {@code mode} ({@code replicated}, {@code global}), {@code name}
     * @return the matching services
     */
    public List<ServiceDetails> list(Filters filters) {
        return transport.json(ApiRequest.get("/services").filters(filters.asMap()).query("status", true).build(),
                LIST);
    }

    // ---- update ----------------------------------------------------------------------------------------------

    /**
     * {@code docker service update}: replaces the service's spec with {@code spec}, which the daemon rolls out as
     * the spec's update config says. Derive {@code spec} from {@link ServiceDetails#spec()} of the inspect that
     * gave {@code version}, so nothing else changes.
     *
     * @param id the service's id or name
     * @param version the {@code Version.Index} the spec was computed from
     * @param spec the whole new spec
     * @return the daemon's warnings, usually none
     * @throws VersionConflictException when the service changed since {@code version}
     */
    public List<String> update(String id, long version, ServiceSpec spec) {
        return update(id, version, spec, ServiceUpdateOptions.defaults());
    }

    /**
     * {@code docker service update --with-registry-auth}: as {@link #update(String, long, ServiceSpec)}, with
     * credentials for a private image (for example a new one).
     *
     * @param id the service's id or name
     * @param version the {@code Version.Index} the spec was computed from
     * @param spec the whole new spec
     * @param options the registry credentials
     * @return the daemon's warnings, usually none
     * @throws VersionConflictException when the service changed since {@code version}
     */
    public List<String> update(String id, long version, ServiceSpec spec, ServiceUpdateOptions options) {
        return sendUpdate(ApiRequest.post("/services/{id}/update", id).query("version", version)
                .registryAuth(options.registryAuth().map(AuthConfig::toHeader).orElse(null)).json(spec));
    }

    /**
     * {@code docker service update} as read-modify-write: reads the service, applies {@code change} to its spec,
     * and sends the result with the version read. When the service changed in between (swarm itself changes a
     * service, for example when it allocates its published ports just after create, or records an update's
     * progress), it reads again and reapplies {@code change}, up to 5 times.
     *
     * <pre>{@code
     * services.update("web", spec -> spec.toBuilder().env("MODE", "prod").build());
     * }</pre>
     *
     * @param id the service's id or name
     * @param change the new spec from the current one; it may run more than once
     * @return the daemon's warnings, usually none
     * @throws VersionConflictException when every attempt met a newer version
     */
    public List<String> update(String id, UnaryOperator<ServiceSpec> change) {
        return retrying(() -> {
            ServiceDetails s = inspect(id);
            return update(s.id(), s.versionIndex(), change.apply(s.spec()));
        });
    }

    /**
     * {@code docker service scale ID=N}: the current spec with {@code replicas} tasks, as
     * {@link #update(String, UnaryOperator)} sends it.
     *
     * @param id the service's id or name
     * @param replicas how many tasks should run
     * @throws IllegalStateException when the service is global
     * @throws VersionConflictException when every attempt met a newer version
     */
    public void scale(String id, long replicas) {
        update(id, spec -> {
            if (spec.global()) {
                throw new IllegalStateException("service " + spec.name().orElse(id)
                        + " is global; only replicated services scale");
            }
            return spec.toBuilder().replicas(replicas).build();
        });
    }

    /**
     * {@code docker service rollback}: back to {@link ServiceDetails#previousSpec()}, rolled out as the rollback
     * config says. The daemon swaps the two specs, so a second rollback undoes the first. Retries on a version
     * conflict as {@link #update(String, UnaryOperator)} does.
     *
     * @param id the service's id or name
     * @return the daemon's warnings, usually none
     * @throws dev.berth.errors.BadRequestException when there is no previous spec
     * @throws VersionConflictException when every attempt met a newer version
     */
    public List<String> rollback(String id) {
        return retrying(() -> {
            ServiceDetails s = inspect(id);
            return sendUpdate(ApiRequest.post("/services/{id}/update", s.id()).query("version", s.versionIndex())
                    .query("rollback", "previous").json(s.spec()));
        });
    }

    /** Runs a read-modify-write again while it meets a newer version, up to {@link #ATTEMPTS} times in all. */
    static <T> T retrying(Supplier<T> readModifyWrite) {
        for (int attempt = 1; ; attempt++) {
            try {
                return readModifyWrite.get();
            } catch (VersionConflictException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private List<String> sendUpdate(ApiRequest.Builder request) {
        JsonNode r = VersionGuard.guard(() -> transport.json(request.build(), JsonNode.class));
        List<String> warnings = new ArrayList<>();
        if (r != null) {
            r.path("Warnings").forEach(w -> warnings.add(w.asText()));
        }
        return List.copyOf(warnings);
    }

    /**
     * {@code docker service rm}: the service and, as its tasks shut down, their containers.
     *
     * @param id the service's id or name
     * @throws dev.berth.errors.NotFoundException when there is no such service
     */
    public void remove(String id) {
        transport.send(ApiRequest.delete("/services/{id}", id).build()).discard();
    }

    // ---- logs and tasks --------------------------------------------------------------------------------------

    /**
     * {@code docker service logs}: the output of all the service's tasks logged so far, stdout and stderr, as whole
     * lines; then the stream ends. Close it (try-with-resources).
     *
     * @param id the service's id or name
     * @return the lines; close the stream when done
     * @throws dev.berth.errors.NotFoundException when there is no such service
     */
    public Stream<LogLine> logs(String id) {
        return logs(id, ServiceLogsOptions.defaults());
    }

    /**
     * {@code docker service logs [-f] [--tail N] [-t] [--since T]}: the output of all the service's tasks, as whole
     * lines. Close the stream to end a follow early; without follow it ends after the output logged so far. A
     * negative tail is refused by {@link ServiceLogsOptions#withTail(int)}, as for container logs; no tail is all.
     *
     * @param id the service's id or name
     * @param options follow, tail, timestamps, since
     * @return the lines; close the stream when done
     * @throws dev.berth.errors.NotFoundException when there is no such service
     */
    public Stream<LogLine> logs(String id, ServiceLogsOptions options) {
        boolean tty = inspect(id).spec().tty();
        ApiRequest.Builder b = ApiRequest.get("/services/{id}/logs", id).query("stdout", options.stdout())
                .query("stderr", options.stderr()).query("follow", options.isFollow())
                .query("timestamps", options.isTimestamps()).query("tail", options.tail())
                .queryTime("since", options.since());
        if (options.isFollow()) {
            b.streaming();
        }
        ApiResponse r = transport.send(b.build());
        return new LogLines(Demultiplexer.frames(r.body(), tty, r.request()), tty, options.isTimestamps()).stream();
    }

    /**
     * Waits until exactly {@code n} of the service's tasks run, and no other task is meant to: the condition of a
     * finished create, scale or update. Polls the task list, faster at first.
     *
     * @param id the service's id or name
     * @param n how many tasks must run
     * @param timeout how long to wait
     * @return the running tasks, by slot
     * @throws IllegalStateException on timeout, listing every task meant to run with its state and error
     */
    public List<TaskDetails> awaitRunningTasks(String id, int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Filters filters = Filters.of("service", id).and("desired-state", "running");
        for (long delay = 50; ; delay = Math.min(delay * 2, 500)) {
            List<TaskDetails> desired = tasks.list(filters);
            List<TaskDetails> running = new ArrayList<>();
            for (TaskDetails t : desired) {
                if (t.isRunning()) {
                    running.add(t);
                }
            }
            if (running.size() == n && desired.size() == n) {
                running.sort((a, b) -> Integer.compare(a.slot() == null ? 0 : a.slot(), b.slot() == null ? 0
                        : b.slot()));
                return running;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("service " + id + ": " + running.size() + " of " + n
                        + " tasks running after " + timeout + " (" + desired.size() + " meant to run): "
                        + describe(desired));
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for service " + id, e);
            }
        }
    }

    private static String describe(List<TaskDetails> tasks) {
        if (tasks.isEmpty()) {
            return "no tasks";
        }
        StringJoiner j = new StringJoiner("; ");
        for (TaskDetails t : tasks) {
            TaskDetails.Status s = t.status();
            String msg = s == null ? "" : (s.message() == null ? "" : " \"" + s.message() + "\"")
                    + (s.err() == null || s.err().isEmpty() ? "" : " error: " + s.err());
            j.add("task " + t.id() + (t.slot() == null ? "" : " slot " + t.slot()) + " " + t.state() + msg);
        }
        return j.toString();
    }
}
