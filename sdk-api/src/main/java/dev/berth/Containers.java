package dev.berth;

import com.fasterxml.jackson.databind.JavaType;
import dev.berth.model.ContainerDetails;
import dev.berth.model.ContainerSpec;
import dev.berth.model.ContainerStats;
import dev.berth.model.ContainerSummary;
import dev.berth.model.FilesystemChange;
import dev.berth.model.ProcessResult;
import dev.berth.model.PruneResult;
import dev.berth.model.TopResult;
import dev.berth.model.WaitResult;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.ApiResponse;
import dev.berth.transport.FrameReader;
import dev.berth.transport.HijackedConnection;
import dev.berth.transport.Json;
import dev.berth.transport.JsonStream;
import dev.berth.errors.NotFoundException;
import dev.berth.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The container half of the {@code docker} CLI: run, ps, inspect, logs, exec, attach, stop, rm and the rest.
 * Every method is one Engine API call (or a few, as the CLI makes them) through the shared request pipeline; errors
 * are the typed exceptions of {@link dev.berth.errors.DockerException}, carrying the daemon's message.
 *
 * <pre>{@code
 * Containers c = docker.containers();
 * ContainerDetails web = c.run(ContainerSpec.builder("demo/busybox:1").name("web")
 *         .cmd("httpd", "-f", "-p", "80").publish("8080:80").build());
 * c.exec(web.id(), "ls", "/").stdout();
 * c.logs(web.id()).tail(5).lines().forEach(System.out::println);
 * c.stop(web.id(), Duration.ofSeconds(5));
 * c.remove(web.id(), true, false);
 * }</pre>
 */
public final class Containers {
    private static final JavaType SUMMARIES =
            Json.mapper().getTypeFactory().constructCollectionType(List.class, ContainerSummary.class);
    private static final JavaType WAIT_RESULT = Json.mapper().getTypeFactory().constructType(WaitResult.class);
    private static final JavaType CHANGES =
            Json.mapper().getTypeFactory().constructCollectionType(List.class, FilesystemChange.class);

    private final Transport transport;
    private final Images images;

    Containers(Transport transport, Images images) {
        this.transport = transport;
        this.images = images;
    }

    Transport transport() {
        return transport;
    }

    // ---- run and create -------------------------------------------------------------------------------------

    /**
     * {@code docker run -d}: creates the container (pulling the image first when the daemon lacks it), starts it,
     * and returns it as inspected after the start, so published ports, {@code -P}'s random ones included, are known.
     *
     * @throws dev.berth.errors.ConflictException when the name is taken
     */
    public ContainerDetails run(ContainerSpec spec) {
        String id = create(spec);
        start(id);
        return inspect(id);
    }

    /**
     * {@code docker run} in the foreground: creates, attaches, starts, reads all output until the process ends, and
     * returns its exit code and output. Stdin is not connected.
     */
    public ProcessResult runAndWait(ContainerSpec spec) {
        String id = create(spec);
        // As the CLI: wait is asked before the start (its answer comes when the container exits, or is removed
        // with --rm), and the output is attached before the start, so nothing is missed.
        WaitCondition condition = spec.autoRemove() ? WaitCondition.REMOVED : WaitCondition.NEXT_EXIT;
        try (ApiResponse exit = transport.send(ApiRequest.post("/containers/{id}/wait", id)
                .query("condition", condition.apiName()).streaming().build());
             HijackedConnection c = transport.upgrade(ApiRequest.post("/containers/{id}/attach", id)
                .query("stream", true).query("stdout", true).query("stderr", true).build())) {
            start(id);
            byte[][] output = new Demultiplexer(FrameReader.of(c.output(), spec.tty(), c.request())).readAll();
            WaitResult w = exit.readJson(WAIT_RESULT);
            return new ProcessResult(w.statusCode(), text(output[0]), text(output[1]));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the output of container " + id, e);
        }
    }

    /**
     * {@code docker create}: returns the new container's id. When the image is missing it is pulled first, as the
     * CLI does.
     */
    public String create(ContainerSpec spec) {
        ApiRequest request = ApiRequest.post("/containers/create").query("name", spec.name().orElse(null))
                .json(spec.toCreateBody()).build();
        Map<?, ?> created;
        try {
            created = transport.json(request, Map.class);
        } catch (NotFoundException e) {
            if (!e.daemonMessage().toLowerCase(java.util.Locale.ROOT).contains("no such image")) {
                throw e;
            }
            images.pull(spec.image());
            created = transport.json(request, Map.class);
        }
        return (String) created.get("Id");
    }

    // ---- reading --------------------------------------------------------------------------------------------

    /** {@code docker ps}: the containers the query selects. */
    public List<ContainerSummary> list(ContainerQuery query) {
        ApiRequest.Builder b = ApiRequest.get("/containers/json").query("all", query.includeStopped() ? true : null)
                .query("size", query.size() ? true : null).query("limit", query.limit() > 0 ? query.limit() : null)
                .filters(query.filters());
        return transport.json(b.build(), SUMMARIES);
    }

    /** {@code docker ps}: running containers. */
    public List<ContainerSummary> list() {
        return list(ContainerQuery.running());
    }

    /** {@code docker ps -q}: the ids the query selects. */
    public List<String> ids(ContainerQuery query) {
        return list(query).stream().map(ContainerSummary::id).collect(Collectors.toList());
    }

    /** {@code docker inspect}. */
    public ContainerDetails inspect(String id) {
        return transport.json(ApiRequest.get("/containers/{id}/json", id).build(), ContainerDetails.class);
    }

    /** {@code docker inspect -s}: with the sizes of the writable layer and root filesystem in the extras. */
    public ContainerDetails inspectWithSize(String id) {
        return transport.json(ApiRequest.get("/containers/{id}/json", id).query("size", true).build(),
                ContainerDetails.class);
    }

    /** {@code docker top}: the container's processes ({@code psArgs} such as {@code "aux"}, or null). */
    public TopResult top(String id, String psArgs) {
        return transport.json(ApiRequest.get("/containers/{id}/top", id).query("ps_args", psArgs).build(),
                TopResult.class);
    }

    /** {@code docker diff}: what the container's writable layer added, changed and deleted. */
    public List<FilesystemChange> changes(String id) {
        List<FilesystemChange> list = transport.json(ApiRequest.get("/containers/{id}/changes", id).build(), CHANGES);
        return list == null ? List.of() : list;
    }

    /** {@code docker logs}: set up the call, then read {@link Logs#lines()} or {@link Logs#stream()}. */
    public Logs logs(String id) {
        return new Logs(this, id);
    }

    boolean hasTty(String id) {
        ContainerDetails d = inspect(id);
        return d.config() != null && d.config().tty();
    }

    // ---- lifecycle ------------------------------------------------------------------------------------------

    /** {@code docker start}; returns false when it was already running. */
    public boolean start(String id) {
        return transport.send(ApiRequest.post("/containers/{id}/start", id).build()).discard() != 304;
    }

    /**
     * {@code docker stop}: SIGTERM (or the container's stop signal), then SIGKILL after {@code timeout}. Returns
     * false, without an exception, when the container was not running.
     */
    public boolean stop(String id, Duration timeout) {
        return transport.send(ApiRequest.post("/containers/{id}/stop", id).query("t", seconds(timeout))
                .streaming().build()).discard() != 304;
    }

    /** {@code docker restart}, waiting up to {@code timeout} for the stop. */
    public void restart(String id, Duration timeout) {
        transport.send(ApiRequest.post("/containers/{id}/restart", id).query("t", seconds(timeout))
                .streaming().build()).discard();
    }

    /** {@code docker kill -s SIGNAL}; {@code signal} null means SIGKILL. */
    public void kill(String id, String signal) {
        transport.send(ApiRequest.post("/containers/{id}/kill", id).query("signal", signal).build()).discard();
    }

    /** {@code docker pause}. */
    public void pause(String id) {
        transport.send(ApiRequest.post("/containers/{id}/pause", id).build()).discard();
    }

    /** {@code docker unpause}. */
    public void unpause(String id) {
        transport.send(ApiRequest.post("/containers/{id}/unpause", id).build()).discard();
    }

    /** {@code docker rename}. */
    public void rename(String id, String newName) {
        transport.send(ApiRequest.post("/containers/{id}/rename", id).query("name", newName).build()).discard();
    }

    /** {@code docker update}: new limits or restart policy; returns the daemon's warnings. */
    public List<String> update(String id, ContainerUpdate update) {
        Map<?, ?> r = transport.json(ApiRequest.post("/containers/{id}/update", id).json(update.body()).build(),
                Map.class);
        Object warnings = r.get("Warnings");
        return warnings instanceof List<?> l ? l.stream().map(String::valueOf).collect(Collectors.toList())
                : List.of();
    }

    /** {@code docker wait}: blocks until the condition holds and returns the exit code (no read timeout applies). */
    public WaitResult waitFor(String id, WaitCondition condition) {
        return transport.json(ApiRequest.post("/containers/{id}/wait", id).query("condition", condition.apiName())
                .streaming().build(), WaitResult.class);
    }

    /**
     * {@code docker rm}: {@code force} kills a running container first, {@code volumes} removes its anonymous volumes.
     *
     * @throws dev.berth.errors.ConflictException when it runs and {@code force} is false
     */
    public void remove(String id, boolean force, boolean volumes) {
        transport.send(ApiRequest.delete("/containers/{id}", id).query("force", force ? true : null)
                .query("v", volumes ? true : null).build()).discard();
    }

    /** {@code docker container prune}: removes stopped containers matching the filters (such as label). */
    public PruneResult prune(Map<String, List<String>> filters) {
        return transport.json(ApiRequest.post("/containers/prune").filters(filters).build(), PruneResult.class);
    }

    /** Sets the container's TTY size. */
    public void resize(String id, int rows, int columns) {
        transport.send(ApiRequest.post("/containers/{id}/resize", id).query("h", rows).query("w", columns).build())
                .discard();
    }

    // ---- exec and attach ------------------------------------------------------------------------------------

    /** {@code docker exec}: runs the command and returns its exit code, stdout and stderr. */
    public ProcessResult exec(String id, String... cmd) {
        return exec(id, ExecOptions.of(cmd));
    }

    /** {@code docker exec} with options (without stdin): waits for the end and returns what it wrote. */
    public ProcessResult exec(String id, ExecOptions options) {
        String exec = execCreate(id, options);
        try (InputStream output = execStart(exec, options.tty())) {
            byte[][] all = new Demultiplexer(FrameReader.of(output, options.tty(), "exec " + exec)).readAll();
            return new ProcessResult(execExitCode(exec), text(all[0]), text(all[1]));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the output of exec " + exec, e);
        }
    }

    /** Creates an exec instance ({@code POST /containers/{id}/exec}) and returns its id. */
    public String execCreate(String id, ExecOptions options) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("AttachStdin", options.stdin());
        body.put("AttachStdout", true);
        body.put("AttachStderr", true);
        body.put("Tty", options.tty());
        body.put("Cmd", options.cmd());
        if (!options.env().isEmpty()) {
            body.put("Env", options.env());
        }
        if (options.user() != null) {
            body.put("User", options.user());
        }
        if (options.workingDir() != null) {
            body.put("WorkingDir", options.workingDir());
        }
        if (options.privileged()) {
            body.put("Privileged", true);
        }
        Map<?, ?> r = transport.json(ApiRequest.post("/containers/{id}/exec", id).json(body).build(), Map.class);
        return (String) r.get("Id");
    }

    /**
     * Starts an exec without stdin and returns its raw output: multiplexed frames, or raw bytes when {@code tty}
     * (which must match the exec's creation). Read it to the end, then ask {@link #execInspect}; close it to stop
     * reading early.
     */
    public InputStream execStart(String execId, boolean tty) {
        ApiResponse r = transport.send(ApiRequest.post("/exec/{id}/start", execId)
                .json(Map.of("Detach", false, "Tty", tty)).streaming().build());
        return r.body();
    }

    /** {@code GET /exec/{id}/json}: whether it runs, its exit code, its process. */
    public Map<String, Object> execInspect(String execId) {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = transport.json(ApiRequest.get("/exec/{id}/json", execId).build(), Map.class);
        return r;
    }

    /** Sets an exec's TTY size. */
    public void execResize(String execId, int rows, int columns) {
        transport.send(ApiRequest.post("/exec/{id}/resize", execId).query("h", rows).query("w", columns).build())
                .discard();
    }

    /** {@code docker exec -it}: an interactive session; see {@link Session}. */
    public Session execInteractive(String id, ExecOptions options) {
        String exec = execCreate(id, options.stdin() ? options : options.withStdin());
        HijackedConnection c = transport.upgrade(ApiRequest.post("/exec/{id}/start", exec)
                .json(Map.of("Detach", false, "Tty", options.tty())).build());
        return new Session(c, options.tty(), (rows, cols) -> execResize(exec, rows, cols), () -> execExitCode(exec));
    }

    /**
     * {@code docker attach}: the running container's stdin (when it was created with {@code openStdin}), stdout and
     * stderr, from now on.
     */
    public Session attach(String id) {
        boolean tty = hasTty(id);
        HijackedConnection c = transport.upgrade(ApiRequest.post("/containers/{id}/attach", id).query("stream", true)
                .query("stdin", true).query("stdout", true).query("stderr", true).build());
        return new Session(c, tty, (rows, cols) -> resize(id, rows, cols),
                () -> waitFor(id, WaitCondition.NOT_RUNNING).statusCode());
    }

    private long execExitCode(String exec) {
        for (long delay = 1; ; delay = Math.min(delay * 2, 100)) {
            Map<String, Object> state = execInspect(exec);
            if (!Boolean.TRUE.equals(state.get("Running"))) {
                Object code = state.get("ExitCode");
                return code instanceof Number n ? n.longValue() : -1;
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for exec " + exec, e);
            }
        }
    }

    // ---- stats and export -----------------------------------------------------------------------------------

    /** {@code docker stats --no-stream}: one sample, with CPU % computed over the daemon's two readings. */
    public ContainerStats stats(String id) {
        return transport.json(ApiRequest.get("/containers/{id}/stats", id).query("stream", false).streaming()
                .build(), ContainerStats.class);
    }

    /** {@code docker stats}: a sample about every second until closed or the container stops. */
    public Stream<ContainerStats> statsStream(String id) {
        ApiResponse r = transport.send(ApiRequest.get("/containers/{id}/stats", id).query("stream", true)
                .streaming().build());
        return JsonStream.of(r.body(), ContainerStats.class, r.request()).stream();
    }

    /** {@code docker export}: the container's filesystem as a tar stream; close it when done. */
    public InputStream export(String id) {
        return transport.send(ApiRequest.get("/containers/{id}/export", id).streaming().build()).body();
    }

    /** {@code docker export -o}: writes the container's filesystem as a tar file, streaming. */
    public void export(String id, Path target) {
        try (InputStream tar = export(id)) {
            Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("exporting container " + id + " to " + target, e);
        }
    }

    private static Long seconds(Duration d) {
        return d == null ? null : Math.max(0, d.toSeconds());
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
