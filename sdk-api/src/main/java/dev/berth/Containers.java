package dev.berth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JavaType;
import dev.berth.errors.ApiVersionException;
import dev.berth.errors.DockerException;
import dev.berth.errors.NotFoundException;
import dev.berth.errors.ServerErrorException;
import dev.berth.internal.Demultiplexer;
import dev.berth.model.ContainerDetails;
import dev.berth.model.ContainerSpec;
import dev.berth.model.ContainerStats;
import dev.berth.model.ContainerSummary;
import dev.berth.model.ExecDetails;
import dev.berth.model.FilesystemChange;
import dev.berth.model.ProcessResult;
import dev.berth.model.PruneResult;
import dev.berth.model.TopResult;
import dev.berth.model.WaitResult;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.ApiResponse;
import dev.berth.transport.ApiVersion;
import dev.berth.transport.HijackedConnection;
import dev.berth.transport.Json;
import dev.berth.transport.JsonStream;
import dev.berth.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
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
 * try (Stream<LogLine> lines = c.logs(web.id()).tail(5).lines()) {
 *     lines.forEach(System.out::println);
 * }
 * c.stop(web.id(), StopOptions.defaults().withTimeout(Duration.ofSeconds(5)));
 * c.remove(web.id());
 * }</pre>
 */
public final class Containers {
    private static final JavaType SUMMARIES =
            Json.typeFactory().constructCollectionType(List.class, ContainerSummary.class);
    private static final JavaType WAIT_RESULT = Json.typeFactory().constructType(WaitResult.class);
    private static final JavaType CHANGES =
            Json.typeFactory().constructCollectionType(List.class, FilesystemChange.class);
    /** The first API with {@code signal} on stop and restart (Engine 23). */
    private static final ApiVersion STOP_SIGNAL = ApiVersion.of(1, 42);

    private final Transport transport;
    /** The client's images area, asked for only when a run must pull. */
    private final Supplier<Images> images;

    Containers(Transport transport, Supplier<Images> images) {
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
     * @param spec the image, command and {@code docker run} options
     * @return the started container, inspected
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
     *
     * @param spec the image, command and {@code docker run} options
     * @return the exit code, stdout and stderr of the container's process
     */
    public ProcessResult runAndWait(ContainerSpec spec) {
        String id = create(spec);
        // As the CLI: wait is asked before the start (its answer comes when the container exits, or is removed
        // with --rm), and the output is attached before the start, so nothing is missed.
        WaitCondition condition = spec.autoRemove() ? WaitCondition.REMOVED : WaitCondition.NEXT_EXIT;
        try (ApiResponse exit = transport.send(ApiRequest.post("/containers/{id}/wait", id)
                .query("condition", condition.value()).streaming().build());
             HijackedConnection c = transport.upgrade(ApiRequest.post("/containers/{id}/attach", id)
                .query("stream", true).query("stdout", true).query("stderr", true).build())) {
            start(id);
            byte[][] output = new Demultiplexer(Demultiplexer.frames(c.output(), spec.tty(), c.request())).readAll();
            WaitResult w = exit.readJson(WAIT_RESULT);
            w.errorMessage().ifPresent(message -> waitFailed(id, spec, message, exit.request()));
            return new ProcessResult(w.statusCode(), text(output[0]), text(output[1]));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the output of container " + id, e);
        }
    }

    /**
     * The wait answered with an error. With {@code --rm} that is the daemon's automatic removal failing (seen with
     * the containerd image store): the container stays behind, exited. {@code --rm} promises it is gone, so it is
     * removed once more, as {@code docker rm -f -v} would; only when that fails too does the call fail, with both
     * messages. Without {@code --rm} the wait itself failed: the exit code cannot be trusted.
     */
    private void waitFailed(String id, ContainerSpec spec, String message, String request) {
        if (!spec.autoRemove()) {
            throw new ServerErrorException("waiting for container " + id + ": " + message, request);
        }
        try {
            remove(id, RemoveOptions.force().withVolumes());
        } catch (NotFoundException gone) {
            // removed after all
        } catch (DockerException e) {
            throw new ServerErrorException("the daemon could not remove container " + id + " (--rm): " + message
                    + "; removing it again: " + e.daemonMessage(), request);
        }
    }

    /**
     * {@code docker create}: returns the new container's id. The spec's {@code --pull} decides about the image as
     * the CLI does: {@code missing} (the default) pulls it when the daemon does not have it, {@code always} pulls
     * before creating, {@code never} lets the daemon's 404 through; {@code --platform} goes to the pull and the
     * create.
     *
     * @param spec the image, command and {@code docker create} options
     * @return the new container's id
     * @throws NotFoundException when the image is missing and cannot be pulled, or {@code --pull=never}
     */
    public String create(ContainerSpec spec) {
        String pull = spec.option("--pull").stream().reduce((a, b) -> b).orElse("missing");
        PullOptions pullOptions = spec.platform().map(PullOptions.defaults()::withPlatform)
                .orElse(PullOptions.defaults());
        if (pull.equals("always")) {
            images.get().pull(spec.image(), pullOptions, e -> { });
        }
        ApiRequest request = ApiRequest.post("/containers/create").query("name", spec.name().orElse(null))
                .query("platform", spec.platform().orElse(null)).json(spec.toCreateBody()).build();
        try {
            return transport.json(request, Answer.class).id();
        } catch (NotFoundException e) {
            // --pull=missing (the CLI's default): pull once when the image is missing, then create again
            if (!pull.equals("missing") || !e.daemonMessage().toLowerCase(Locale.ROOT).contains("no such image")) {
                throw e;
            }
            images.get().pull(spec.image(), pullOptions, e2 -> { });
            return transport.json(request, Answer.class).id();
        }
    }

    // ---- reading --------------------------------------------------------------------------------------------

    /**
     * {@code docker ps}: the running containers, the most recently created first.
     *
     * @return the running containers
     */
    public List<ContainerSummary> list() {
        return list(ContainerQuery.running());
    }

    /**
     * {@code docker ps}: the containers the query selects, the most recently created first.
     *
     * @param query {@code -a}, {@code -s}, {@code -n} and the filters
     * @return the matching containers
     */
    public List<ContainerSummary> list(ContainerQuery query) {
        ApiRequest.Builder b = ApiRequest.get("/containers/json").query("all", query.includeStopped() ? true : null)
                .query("limit", query.limit() > 0 ? query.limit() : null).query("size", query.size() ? true : null)
                .filters(query.filters().asMap());
        return transport.json(b.build(), SUMMARIES);
    }

    /**
     * {@code docker ps -q}: the ids of the running containers.
     *
     * @return the running containers' full ids
     */
    public List<String> ids() {
        return ids(ContainerQuery.running());
    }

    /**
     * {@code docker ps -q}: the ids of the containers the query selects.
     *
     * @param query {@code -a}, {@code -n} and the filters
     * @return the matching containers' full ids
     */
    public List<String> ids(ContainerQuery query) {
        return list(query).stream().map(ContainerSummary::id).collect(Collectors.toList());
    }

    /**
     * {@code docker inspect}.
     *
     * @param id the container's id, id prefix or name
     * @return the container's state, config, host config, mounts and network settings
     * @throws NotFoundException when there is no such container
     */
    public ContainerDetails inspect(String id) {
        return transport.json(ApiRequest.get("/containers/{id}/json", id).build(), ContainerDetails.class);
    }

    /**
     * {@code docker inspect -s}: with the sizes of the writable layer and root filesystem in the extras
     * ({@code SizeRw}, {@code SizeRootFs}).
     *
     * @param id the container's id, id prefix or name
     * @return the container, with its sizes in {@link ContainerDetails#extras()}
     * @throws NotFoundException when there is no such container
     */
    public ContainerDetails inspectWithSize(String id) {
        return transport.json(ApiRequest.get("/containers/{id}/json", id).query("size", true).build(),
                ContainerDetails.class);
    }

    /**
     * {@code docker top}: the container's processes, as {@code ps -ef} lists them.
     *
     * @param id the container's id or name
     * @return the processes' column titles and rows
     * @throws dev.berth.errors.ConflictException when the container is not running
     */
    public TopResult top(String id) {
        return transport.json(ApiRequest.get("/containers/{id}/top", id).build(), TopResult.class);
    }

    /**
     * {@code docker top CTR aux}: the container's processes, as {@code ps} lists them with {@code psArgs}.
     *
     * @param id the container's id or name
     * @param psArgs the arguments of {@code ps}, such as {@code aux}
     * @return the processes' column titles and rows
     * @throws dev.berth.errors.ConflictException when the container is not running
     */
    public TopResult top(String id, String psArgs) {
        Objects.requireNonNull(psArgs, "psArgs");
        return transport.json(ApiRequest.get("/containers/{id}/top", id).query("ps_args", psArgs).build(),
                TopResult.class);
    }

    /**
     * {@code docker diff}: what the container's writable layer added, changed and deleted.
     *
     * @param id the container's id or name
     * @return the changed paths with their kind (added, changed, deleted); empty when nothing changed
     */
    public List<FilesystemChange> changes(String id) {
        List<FilesystemChange> list = transport.json(ApiRequest.get("/containers/{id}/changes", id).build(), CHANGES);
        return list == null ? List.of() : list;
    }

    /**
     * {@code docker logs}: set up the call, then read {@link Logs#lines()} or {@link Logs#stream()}.
     *
     * @param id the container's id or name
     * @return the call, with stdout and stderr, no follow, all lines; nothing is sent yet
     */
    public Logs logs(String id) {
        return new Logs(this, id);
    }

    boolean hasTty(String id) {
        ContainerDetails d = inspect(id);
        return d.config() != null && d.config().tty();
    }

    // ---- lifecycle ------------------------------------------------------------------------------------------

    /**
     * {@code docker start}; returns false when it was already running.
     *
     * @param id the container's id or name
     * @return true when it was started, false when it was running already (the daemon's 304)
     * @throws NotFoundException when there is no such container
     */
    public boolean start(String id) {
        return transport.send(ApiRequest.post("/containers/{id}/start", id).build()).discard() != 304;
    }

    /**
     * {@code docker stop}: the container's stop signal, then SIGKILL after its stop timeout. Returns false, without
     * an exception, when the container was not running.
     *
     * @param id the container's id or name
     * @return true when it was stopped, false when it was not running (the daemon's 304)
     * @throws NotFoundException when there is no such container
     */
    public boolean stop(String id) {
        return stop(id, StopOptions.defaults());
    }

    /**
     * {@code docker stop -t -s}: the signal, then SIGKILL after the timeout, as {@code options} say. Returns false,
     * without an exception, when the container was not running.
     *
     * @param id the container's id or name
     * @param options the timeout and the signal
     * @return true when it was stopped, false when it was not running (the daemon's 304)
     * @throws NotFoundException when there is no such container
     * @throws ApiVersionException when {@code options} name a signal and the daemon speaks an API older than 1.42
     */
    public boolean stop(String id, StopOptions options) {
        return transport.send(stopping(ApiRequest.post("/containers/{id}/stop", id), options).streaming().build())
                .discard() != 304;
    }

    /**
     * {@code docker restart}: stopped as {@link #stop(String)} stops it, then started.
     *
     * @param id the container's id or name
     * @throws NotFoundException when there is no such container
     */
    public void restart(String id) {
        restart(id, StopOptions.defaults());
    }

    /**
     * {@code docker restart -t -s}: stopped as {@code options} say, then started.
     *
     * @param id the container's id or name
     * @param options the timeout and the signal
     * @throws NotFoundException when there is no such container
     * @throws ApiVersionException when {@code options} name a signal and the daemon speaks an API older than 1.42
     */
    public void restart(String id, StopOptions options) {
        transport.send(stopping(ApiRequest.post("/containers/{id}/restart", id), options).streaming().build())
                .discard();
    }

    private ApiRequest.Builder stopping(ApiRequest.Builder request, StopOptions options) {
        String signal = options.signal().orElse(null);
        // The CLI refuses -s there too: an older daemon ignores the parameter and would send its default signal.
        if (signal != null && !transport.apiVersion().isAtLeast(STOP_SIGNAL)) {
            throw new ApiVersionException("a stop signal (docker stop -s) needs API " + STOP_SIGNAL
                    + " (Engine 23); the daemon speaks " + transport.apiVersion()
                    + " and would send the container's own stop signal");
        }
        return request.query("t", options.timeoutSeconds()).query("signal", signal);
    }

    /**
     * {@code docker kill}: SIGKILL.
     *
     * @param id the container's id or name
     * @throws dev.berth.errors.ConflictException when the container is not running
     */
    public void kill(String id) {
        kill(id, "SIGKILL");
    }

    /**
     * {@code docker kill -s SIGNAL}: a name such as {@code "SIGHUP"} or {@code "HUP"}, or a number.
     *
     * @param id the container's id or name
     * @param signal such as {@code SIGHUP}, {@code HUP} or {@code 1}
     * @throws dev.berth.errors.ConflictException when the container is not running
     * @throws IllegalArgumentException when the signal is empty
     */
    public void kill(String id, String signal) {
        Objects.requireNonNull(signal, "signal");
        if (signal.isBlank()) {
            throw new IllegalArgumentException("empty signal");
        }
        transport.send(ApiRequest.post("/containers/{id}/kill", id).query("signal", signal).build()).discard();
    }

    /**
     * {@code docker pause}: freezes the container's processes.
     *
     * @param id the container's id or name
     * @throws dev.berth.errors.ConflictException when the container is not running or already paused
     */
    public void pause(String id) {
        transport.send(ApiRequest.post("/containers/{id}/pause", id).build()).discard();
    }

    /**
     * {@code docker unpause}.
     *
     * @param id the container's id or name
     * @throws dev.berth.errors.ConflictException when the container is not paused
     */
    public void unpause(String id) {
        transport.send(ApiRequest.post("/containers/{id}/unpause", id).build()).discard();
    }

    /**
     * {@code docker rename}.
     *
     * @param id the container's id or name
     * @param newName the new name
     * @throws dev.berth.errors.ConflictException when the name is taken
     */
    public void rename(String id, String newName) {
        transport.send(ApiRequest.post("/containers/{id}/rename", id).query("name", newName).build()).discard();
    }

    /**
     * {@code docker update}: new limits or restart policy; returns the daemon's warnings.
     *
     * @param id the container's id or name
     * @param update the limits and restart policy to change
     * @return the daemon's warnings, usually none
     * @throws NotFoundException when there is no such container
     */
    public List<String> update(String id, ContainerUpdate update) {
        return transport.json(ApiRequest.post("/containers/{id}/update", id).json(update.body()).build(),
                Answer.class).warnings();
    }

    /**
     * {@code docker wait}: blocks until the container is not running and returns its exit code (no read timeout
     * applies; returns at once when it is stopped already).
     *
     * @param id the container's id or name
     * @return the exit code, and the error when waiting failed
     * @throws NotFoundException when there is no such container
     */
    public WaitResult waitFor(String id) {
        return waitFor(id, WaitCondition.NOT_RUNNING);
    }

    /**
     * {@code docker wait}, for the condition: blocks until it holds and returns the exit code (no read timeout
     * applies).
     *
     * @param id the container's id or name
     * @param condition {@code not-running}, {@code next-exit} or {@code removed}
     * @return the exit code, and the error when waiting failed
     * @throws NotFoundException when there is no such container
     */
    public WaitResult waitFor(String id, WaitCondition condition) {
        return transport.json(ApiRequest.post("/containers/{id}/wait", id).query("condition", condition.value())
                .streaming().build(), WaitResult.class);
    }

    /**
     * {@code docker rm}: a container that is not running; its anonymous volumes stay.
     *
     * @param id the container's id or name
     * @throws dev.berth.errors.ConflictException when it runs
     * @throws NotFoundException when there is no such container
     */
    public void remove(String id) {
        remove(id, RemoveOptions.defaults());
    }

    /**
     * {@code docker rm -f -v -l}, as {@code options} say.
     *
     * @param id the container's id or name; a link's name with {@code -l}
     * @param options {@code -f}, {@code -v} and {@code -l}
     * @throws dev.berth.errors.ConflictException when it runs and {@code options} do not force
     * @throws NotFoundException when there is no such container
     */
    public void remove(String id, RemoveOptions options) {
        transport.send(ApiRequest.delete("/containers/{id}", id).query("v", options.volumes ? true : null)
                .query("force", options.force ? true : null).query("link", options.link ? true : null).build())
                .discard();
    }

    /**
     * {@code docker container prune}: removes every stopped container.
     *
     * @return the ids of the removed containers and the space freed
     */
    public PruneResult prune() {
        return prune(Filters.none());
    }

    /**
     * {@code docker container prune --filter}: removes the stopped containers that match ({@code until},
     * {@code label}, {@code label!}).
     *
     * @param filters the filters; {@link Filters#none()} for every stopped container
     * @return the ids of the removed containers and the space freed
     */
    public PruneResult prune(Filters filters) {
        return transport.json(ApiRequest.post("/containers/prune").filters(filters.asMap()).build(),
                PruneResult.class);
    }

    /**
     * Sets the container's TTY size, in character cells.
     *
     * @param id the container's id or name
     * @param rows the terminal's height, in characters
     * @param columns the terminal's width, in characters
     */
    public void resize(String id, int rows, int columns) {
        transport.send(ApiRequest.post("/containers/{id}/resize", id).query("h", rows).query("w", columns).build())
                .discard();
    }

    // ---- exec and attach ------------------------------------------------------------------------------------

    /**
     * {@code docker exec}: runs the command and returns its exit code, stdout and stderr.
     *
     * @param id the container's id or name
     * @param cmd the command and its arguments, run without a shell
     * @return the exit code, stdout and stderr
     */
    public ProcessResult exec(String id, String... cmd) {
        return exec(id, ExecOptions.of(cmd));
    }

    /**
     * {@code docker exec} with options (without stdin): waits for the end and returns what it wrote.
     *
     * @param id the container's id or name
     * @param options the command, environment, user, working directory, TTY and privileges
     * @return the exit code, stdout and stderr (with a TTY, all output in stdout)
     * @throws dev.berth.errors.ConflictException when the container is not running
     */
    public ProcessResult exec(String id, ExecOptions options) {
        String exec = execCreate(id, options);
        try (InputStream output = startAttached(exec, options.tty()).body()) {
            byte[][] all = new Demultiplexer(Demultiplexer.frames(output, options.tty(), "exec " + exec)).readAll();
            return new ProcessResult(execExitCode(exec), text(all[0]), text(all[1]));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the output of exec " + exec, e);
        }
    }

    /**
     * Creates an exec instance ({@code POST /containers/{id}/exec}) and returns its id; start it with
     * {@link #execStart} or {@link #execStartDetached}.
     *
     * @param id the container's id or name
     * @param options the command, environment, user, working directory, TTY, stdin and privileges
     * @return the exec's id
     * @throws dev.berth.errors.ConflictException when the container is not running
     */
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
        options.user().ifPresent(user -> body.put("User", user));
        options.workingDir().ifPresent(dir -> body.put("WorkingDir", dir));
        if (options.privileged()) {
            body.put("Privileged", true);
        }
        options.detachKeys().ifPresent(keys -> body.put("DetachKeys", keys));
        return transport.json(ApiRequest.post("/containers/{id}/exec", id).json(body).build(), Answer.class).id();
    }

    /**
     * Starts an exec made by {@link #execCreate} without stdin, as {@code docker exec} does, and returns its output:
     * stdout and stderr in the order they came (with a TTY, the terminal's output). Read it to the end, then ask
     * {@link #execInspect} for the exit code; close it to stop reading early. Asks the daemon first whether the exec
     * has a TTY, since the output's framing depends on it.
     *
     * @param execId the id {@link #execCreate} returned
     * @return the output stream; close it when done
     * @throws NotFoundException when there is no such exec
     */
    public InputStream execStart(String execId) {
        boolean tty = execInspect(execId).processConfig().tty();
        ApiResponse r = startAttached(execId, tty);
        return new Demultiplexer(Demultiplexer.frames(r.body(), tty, r.request())).merged();
    }

    /**
     * Starts an exec made by {@link #execCreate} in the background, as {@code docker exec -d} does; ask
     * {@link #execInspect} whether it still runs and how it ended.
     *
     * @param execId the id {@link #execCreate} returned
     * @throws NotFoundException when there is no such exec
     */
    public void execStartDetached(String execId) {
        transport.send(ApiRequest.post("/exec/{id}/start", execId).json(Map.of("Detach", true, "Tty", false))
                .build()).discard();
    }

    private ApiResponse startAttached(String execId, boolean tty) {
        // Tty here must be the exec's own: the daemon frames the output by this one, not by the exec's.
        return transport.send(ApiRequest.post("/exec/{id}/start", execId).json(Map.of("Detach", false, "Tty", tty))
                .streaming().build());
    }

    /**
     * {@code GET /exec/{id}/json}: whether the exec runs, its exit code, its process.
     *
     * @param execId the id {@link #execCreate} returned
     * @return whether it runs, its exit code (once ended), its process and the container
     * @throws NotFoundException when there is no such exec
     */
    public ExecDetails execInspect(String execId) {
        return transport.json(ApiRequest.get("/exec/{id}/json", execId).build(), ExecDetails.class);
    }

    /**
     * Sets an exec's TTY size, in character cells.
     *
     * @param execId the id {@link #execCreate} returned
     * @param rows the terminal's height, in characters
     * @param columns the terminal's width, in characters
     */
    public void execResize(String execId, int rows, int columns) {
        transport.send(ApiRequest.post("/exec/{id}/resize", execId).query("h", rows).query("w", columns).build())
                .discard();
    }

    /**
     * {@code docker exec -i[t]}: an interactive session with a stdin; see {@link Session}.
     *
     * @param id the container's id or name
     * @param options the command and its settings; a stdin is always attached
     * @return the session; close it when done
     * @throws dev.berth.errors.ConflictException when the container is not running
     */
    public Session execInteractive(String id, ExecOptions options) {
        String exec = execCreate(id, options.stdin() ? options : options.withStdin());
        HijackedConnection c = transport.upgrade(ApiRequest.post("/exec/{id}/start", exec)
                .json(Map.of("Detach", false, "Tty", options.tty())).build());
        return new Session(c, options.tty(), (rows, cols) -> execResize(exec, rows, cols), () -> execExitCode(exec));
    }

    /**
     * {@code docker attach}: the running container's stdin (when it was created with {@code openStdin}), stdout and
     * stderr, from now on.
     *
     * @param id the container's id or name
     * @return the session; close it to detach
     * @throws NotFoundException when there is no such container
     */
    public Session attach(String id) {
        return attach(id, AttachOptions.defaults());
    }

    /**
     * {@code docker attach} with a choice of streams, the output so far replayed first ({@code logs}), or other
     * detach keys.
     *
     * <pre>{@code
     * try (Session s = containers.attach(id, AttachOptions.noStdin().withLogs())) {
     *     s.output().transferTo(System.out);   // what it wrote since it started, then on, until it exits
     * }
     * }</pre>
     *
     * @param id the container's id or name
     * @param options the streams, {@code logs} and the detach keys
     * @return the session; close it to detach
     * @throws NotFoundException when there is no such container
     */
    public Session attach(String id, AttachOptions options) {
        boolean tty = hasTty(id);
        ApiRequest.Builder request = ApiRequest.post("/containers/{id}/attach", id);
        if (options.detachKeys().isPresent()) {
            request.query("detachKeys", options.detachKeys().get());
        }
        if (options.logs()) {
            request.query("logs", true);
        }
        request.query("stream", true);
        for (AttachStream stream : options.streams()) {
            request.query(stream.value(), true);
        }
        HijackedConnection c = transport.upgrade(request.build());
        return new Session(c, tty, (rows, cols) -> resize(id, rows, cols),
                () -> waitFor(id, WaitCondition.NOT_RUNNING).statusCode());
    }

    private long execExitCode(String exec) {
        for (long delay = 1; ; delay = Math.min(delay * 2, 100)) {
            // The output ends a moment before the daemon records the exit: ask until it has.
            ExecDetails state = execInspect(exec);
            if (!state.running()) {
                return state.exitCode() == null ? -1 : state.exitCode();
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

    /**
     * {@code docker stats --no-stream}: one sample, with CPU % computed over the daemon's two readings.
     *
     * @param id the container's id or name
     * @return the sample: CPU, memory, network, block I/O and process counts
     */
    public ContainerStats stats(String id) {
        return transport.json(ApiRequest.get("/containers/{id}/stats", id).query("stream", false).streaming()
                .build(), ContainerStats.class);
    }

    /**
     * {@code docker stats}: a sample about every second until closed or the container stops.
     *
     * @param id the container's id or name
     * @return the stream of samples; close it when done
     */
    public Stream<ContainerStats> statsStream(String id) {
        ApiResponse r = transport.send(ApiRequest.get("/containers/{id}/stats", id).query("stream", true)
                .streaming().build());
        return JsonStream.of(r.body(), ContainerStats.class, r.request()).stream();
    }

    /**
     * {@code docker export}: the container's filesystem as a tar stream; close it when done.
     *
     * @param id the container's id or name
     * @return the tar stream; close it when done
     */
    public InputStream export(String id) {
        return transport.send(ApiRequest.get("/containers/{id}/export", id).streaming().build()).body();
    }

    /**
     * {@code docker export -o}: writes the container's filesystem as a tar file, streaming.
     *
     * @param id the container's id or name
     * @param target the file to write; replaced when it exists
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    public void export(String id, Path target) {
        try (InputStream tar = export(id)) {
            Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("exporting container " + id + " to " + target, e);
        }
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The {@code Id} and {@code Warnings} of the create, exec create and update answers. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Answer(@JsonProperty("Id") String id, @JsonProperty("Warnings") List<String> warnings) {
        Answer {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }
    }
}
