package dev.berth.transport;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A resolved daemon endpoint: the host, its TLS material and how Berth found it.
 *
 * <pre>{@code
 * Endpoint e = DockerEnvironment.system().resolve();
 * e.host();    // unix:///var/run/docker.sock
 * e.source();  // "DOCKER_HOST", "context 'remote'", "default socket", ...
 * }</pre>
 *
 * @param host where the daemon listens
 * @param tls TLS material for a TCP host, or null for plain HTTP
 * @param pinnedVersion an API version to use without negotiating, or null to negotiate
 * @param source where the host came from, for messages
 * @param tried the other places looked at before this one (for the unreachable-daemon message), maybe empty
 */
public record Endpoint(DockerHost host, @Nullable TlsConfig tls, @Nullable ApiVersion pinnedVersion, String source,
        List<String> tried) {

    /**
     * Checks the host; a null source becomes {@code "explicit"}, a null {@code tried} an empty list.
     *
     * @param host where the daemon listens; required
     * @param tls TLS material for a TCP host; see {@link #tls()}
     * @param pinnedVersion an API version to use without negotiating; see {@link #pinnedVersion()}
     * @param source where the host came from, for messages
     * @param tried the other places looked at before this one
     * @throws IllegalArgumentException when the host is null
     */
    public Endpoint {
        if (host == null) {
            throw new IllegalArgumentException("host is required");
        }
        source = source == null ? "explicit" : source;
        tried = tried == null ? List.of() : List.copyOf(tried);
    }

    /**
     * An endpoint given explicitly, with no TLS and a negotiated version.
     *
     * @param host where the daemon listens
     * @return an endpoint with source {@code "explicit"}
     */
    public static Endpoint of(DockerHost host) {
        return new Endpoint(host, null, null, "explicit", List.of());
    }

    /**
     * Whether calls use TLS.
     *
     * @return true when TLS material is given; the host is then dialled with TLS
     */
    public boolean isTls() {
        return tls != null;
    }

    /** The address as {@code DOCKER_HOST} would spell it. */
    @Override
    public String toString() {
        return host + (tls != null ? " (TLS)" : "") + " from " + source;
    }
}
