package dev.berth.model;

import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /_ping} tells besides "OK": the daemon's API version and, from Engine 23 on, its builder and
 * Swarm state.
 *
 * <pre>{@code
 * PingResult p = docker.system().ping();
 * p.apiVersion();  // "1.41"
 * p.osType();      // "linux"
 * }</pre>
 *
 * @param apiVersion the daemon's newest API version ({@code Api-Version} header)
 * @param osType {@code linux} or {@code windows} ({@code Ostype} header)
 * @param experimental whether experimental features are on ({@code Docker-Experimental} header)
 * @param builderVersion {@code 1} (classic) or {@code 2} (BuildKit); null before Engine 23
 * @param swarm the node's Swarm state such as {@code inactive} or {@code active/manager}; null before Engine 23
 */
public record PingResult(String apiVersion, String osType, boolean experimental, @Nullable String builderVersion,
                         @Nullable String swarm) {
}
