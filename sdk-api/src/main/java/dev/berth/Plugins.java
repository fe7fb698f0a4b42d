package dev.berth;

import com.fasterxml.jackson.databind.JavaType;
import dev.berth.model.PluginDetails;
import dev.berth.model.PluginPrivilege;
import dev.berth.model.ProgressEvent;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.ApiResponse;
import dev.berth.transport.Json;
import dev.berth.transport.JsonStream;
import dev.berth.errors.StreamException;
import dev.berth.transport.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@code docker plugin}: ls, inspect, enable, disable, rm, install (privileges, then pull) and set. Every method is
 * one Engine API call through the shared request pipeline; errors are the typed exceptions of
 * {@link dev.berth.errors.DockerException}, carrying the daemon's message. Plugin names may leave out
 * {@code :latest}.
 *
 * <pre>{@code
 * Plugins plugins = docker.plugins();
 * List<PluginPrivilege> asked = plugins.privileges("vieux/sshfs");   // [PluginPrivilege[name=network, ...], ...]
 * plugins.pull("vieux/sshfs", PluginPullOptions.defaults().withAlias("sshfs").withPrivileges(asked),
 *         System.out::println);
 * plugins.set("sshfs", List.of("DEBUG=1"));
 * plugins.enable("sshfs", Duration.ofSeconds(30));
 * plugins.inspect("sshfs").enabled();   // true
 * plugins.remove("sshfs", PluginRemoveOptions.force());
 * }</pre>
 *
 * <p>Installing is {@code docker plugin install} in two calls, as the CLI makes them: {@link #privileges} says
 * what the plugin asks for (host network, mounts, devices, capabilities), and {@link #pull} grants exactly that
 * list. The daemon refuses a pull whose privileges differ from what the plugin asks for.
 */
public final class Plugins {
    private static final JavaType DETAILS =
            Json.typeFactory().constructCollectionType(List.class, PluginDetails.class);
    private static final JavaType PRIVILEGES =
            Json.typeFactory().constructCollectionType(List.class, PluginPrivilege.class);

    /** The CLI's default {@code --timeout} of {@code docker plugin enable}. */
    private static final Duration DEFAULT_ENABLE_TIMEOUT = Duration.ofSeconds(30);

    private final Transport transport;

    Plugins(Transport transport) {
        this.transport = transport;
    }

    /**
     * {@code docker plugin ls}: every installed plugin; see {@link #list(Filters)}.
     *
     * @return every installed plugin, enabled or not
     */
    public List<PluginDetails> list() {
        return list(Filters.none());
    }

    /**
     * {@code docker plugin ls --filter}: such as {@code enable=true} or {@code capability=volumedriver}.
     *
     * @param filters the filters; {@link Filters#none()} for every plugin
     * @return the matching plugins
     */
    public List<PluginDetails> list(Filters filters) {
        List<PluginDetails> list = transport.json(ApiRequest.get("/plugins").filters(filters.asMap()).build(),
                DETAILS);
        return list == null ? List.of() : list;
    }

    /**
     * {@code docker plugin inspect}.
     *
     * @param name the plugin's name or id
     * @return the plugin, with its settings and whether it is enabled
     * @throws dev.berth.errors.NotFoundException when no such plugin is installed
     */
    public PluginDetails inspect(String name) {
        return transport.json(ApiRequest.get("/plugins/{name}/json", name).build(), PluginDetails.class);
    }

    /**
     * {@code docker plugin enable}: starts the plugin, waiting up to 30 seconds for it, as the CLI does.
     *
     * @param name the plugin's name or id
     * @throws dev.berth.errors.NotFoundException when no such plugin is installed
     */
    public void enable(String name) {
        enable(name, DEFAULT_ENABLE_TIMEOUT);
    }

    /**
     * {@code docker plugin enable --timeout}: starts the plugin.
     *
     * @param name the plugin's name or id
     * @param timeout how long the daemon waits for the plugin to start, in whole seconds
     * @throws IllegalArgumentException when the timeout is under a second
     * @throws dev.berth.errors.NotFoundException when no such plugin is installed
     */
    public void enable(String name, Duration timeout) {
        long seconds = timeout.getSeconds();
        if (seconds < 1) {
            throw new IllegalArgumentException("plugin enable timeout must be at least 1s: " + timeout);
        }
        // Always sent: the daemon parses the parameter as a number and refuses the call without it.
        transport.send(ApiRequest.post("/plugins/{name}/enable", name).query("timeout", seconds).build())
                .discard();
    }

    /**
     * {@code docker plugin disable}: stops the plugin.
     *
     * @param name the plugin's name or id
     * @throws dev.berth.errors.NotFoundException when no such plugin is installed
     */
    public void disable(String name) {
        disable(name, PluginDisableOptions.defaults());
    }

    /**
     * {@code docker plugin disable [-f]}: stops the plugin.
     *
     * @param name the plugin's name or id
     * @param options {@code -f} or not
     * @throws dev.berth.errors.NotFoundException when no such plugin is installed
     */
    public void disable(String name, PluginDisableOptions options) {
        transport.send(ApiRequest.post("/plugins/{name}/disable", name)
                .query("force", options.isForce() ? true : null).build()).discard();
    }

    /**
     * {@code docker plugin rm}: removes a disabled plugin.
     *
     * @param name the plugin's name or id
     * @throws dev.berth.errors.NotFoundException when no such plugin is installed
     */
    public void remove(String name) {
        remove(name, PluginRemoveOptions.defaults());
    }

    /**
     * {@code docker plugin rm [-f]}.
     *
     * @param name the plugin's name or id
     * @param options {@code -f} or not
     * @throws dev.berth.errors.NotFoundException when no such plugin is installed
     */
    public void remove(String name, PluginRemoveOptions options) {
        transport.send(ApiRequest.delete("/plugins/{name}", name).query("force", options.isForce() ? true : null)
                .build()).discard();
    }

    /**
     * The privileges a plugin asks for, before installing it ({@code GET /plugins/privileges}). Pass them to
     * {@link PluginPullOptions#withPrivileges} to grant them.
     *
     * @param remote the plugin's reference in its registry; no tag means {@code latest}
     * @return the privileges, in the daemon's order
     */
    public List<PluginPrivilege> privileges(String remote) {
        List<PluginPrivilege> list = transport.json(ApiRequest.get("/plugins/privileges")
                .query("remote", Objects.requireNonNull(remote, "remote")).build(), PRIVILEGES);
        return list == null ? List.of() : list;
    }

    /**
     * {@code docker plugin install} of a plugin that asks for no privileges, pulled without credentials, under its
     * remote reference; see {@link #pull(String, PluginPullOptions, Consumer)}.
     *
     * @param remote the plugin's reference in its registry; no tag means {@code latest}
     * @param progress receives each progress event of the pull
     * @throws StreamException when the registry or daemon reports an error in the stream
     */
    public void pull(String remote, Consumer<ProgressEvent> progress) {
        pull(remote, PluginPullOptions.defaults(), progress);
    }

    /**
     * {@code docker plugin install}: pulls and installs a plugin, under the options' alias, with their credentials,
     * granting their privileges, reporting progress to {@code progress}. The plugin is installed disabled;
     * {@link #enable} starts it.
     *
     * @param remote the plugin's reference in its registry; no tag means {@code latest}
     * @param options the alias, the credentials and the privileges granted
     * @param progress receives each progress event of the pull
     * @throws StreamException when the registry or daemon reports an error in the stream
     */
    public void pull(String remote, PluginPullOptions options, Consumer<ProgressEvent> progress) {
        Objects.requireNonNull(progress, "progress");
        ApiRequest request = ApiRequest.post("/plugins/pull")
                .query("remote", Objects.requireNonNull(remote, "remote"))
                .query("name", options.alias().orElse(null))
                .registryAuth(options.auth().toHeader())
                .json(options.privileges())
                .streaming().build();
        try (ApiResponse r = transport.send(request);
             JsonStream<ProgressEvent> events = JsonStream.of(r.body(), ProgressEvent.class, r.request())) {
            while (events.hasNext()) {
                progress.accept(events.next());
            }
        }
    }

    /**
     * {@code docker plugin set}: changes the plugin's settings, each {@code KEY=value} for an environment variable,
     * {@code source.path}/{@code devices.path} or {@code args}. The plugin must be disabled.
     *
     * @param name the plugin's name or id
     * @param args the settings, as {@code KEY=value}
     * @throws dev.berth.errors.NotFoundException when no such plugin is installed
     */
    public void set(String name, List<String> args) {
        transport.send(ApiRequest.post("/plugins/{name}/set", name).json(List.copyOf(args)).build()).discard();
    }
}
