package dev.berth;

import dev.berth.model.Event;
import dev.berth.model.PingResult;
import dev.berth.model.SystemInfo;
import dev.berth.model.Version;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.ApiResponse;
import dev.berth.transport.JsonStream;
import dev.berth.transport.Transport;
import java.util.stream.Stream;

/**
 * The daemon itself: {@code docker version}, {@code docker info}, and a ping.
 *
 * <pre>{@code
 * docker.system().ping().apiVersion();   // "1.41"
 * docker.system().info().containers();
 * }</pre>
 */
public final class DockerSystem {
    private final Transport transport;

    DockerSystem(Transport transport) {
        this.transport = transport;
    }

    /**
     * Pings the daemon ({@code GET /_ping}) and returns what its headers tell.
     *
     * @throws dev.berth.transport.DaemonUnreachableException when nothing answers
     */
    public PingResult ping() {
        try (ApiResponse r = transport.send(ApiRequest.get("/_ping").build())) {
            PingResult result = new PingResult(r.header("Api-Version"), r.header("Ostype"),
                    "true".equalsIgnoreCase(r.header("Docker-Experimental")), r.header("Builder-Version"),
                    r.header("Swarm"));
            r.discard();
            return result;
        }
    }

    /** {@code docker version}: the engine's version, API versions and parts. */
    public Version version() {
        return transport.json(ApiRequest.get("/version").build(), Version.class);
    }

    /**
     * {@code docker events}: a closeable, pull-based stream; it ends by itself at the query's {@code until}, else
     * when closed (from any thread).
     */
    public Stream<Event> events(EventQuery query) {
        ApiResponse r = transport.send(ApiRequest.get("/events").queryTime("since", query.since())
                .queryTime("until", query.until()).filters(query.filters()).streaming().build());
        return JsonStream.of(r.body(), Event.class, r.request()).stream();
    }


    /** {@code docker info}: counts, storage driver, kernel, Swarm state and more. */
    public SystemInfo info() {
        return transport.json(ApiRequest.get("/info").build(), SystemInfo.class);
    }
}
