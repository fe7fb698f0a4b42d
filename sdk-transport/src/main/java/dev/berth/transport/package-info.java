/**
 * How Berth reaches a daemon and talks to it: where it listens ({@link dev.berth.transport.DockerHost}, found as
 * the CLI finds it by {@link dev.berth.transport.DockerEnvironment}), with which TLS material
 * ({@link dev.berth.transport.TlsConfig}) and timeouts ({@link dev.berth.transport.Timeouts}), and the one request
 * pipeline every call goes through ({@link dev.berth.transport.Transport}).
 *
 * <p>A call is an {@link dev.berth.transport.ApiRequest} (method, path template, query, headers, body); the
 * transport adds the negotiated {@code /vX.Y} prefix ({@link dev.berth.transport.ApiVersion}), sends it, turns an
 * error status into the {@code dev.berth.errors} exception for it, and hands back the answer read as JSON
 * ({@link dev.berth.transport.Json}), an open {@link dev.berth.transport.ApiResponse}, or a hijacked connection
 * ({@link dev.berth.transport.HijackedConnection}) for attach and exec. Streams are read with
 * {@link dev.berth.transport.JsonStream} (progress, events, stats) and {@link dev.berth.transport.FrameReader}
 * (logs, attach). Raw calls for endpoints Berth does not wrap go through {@code docker.transport()}:
 *
 * <pre>{@code
 * Transport t = docker.transport();
 * SystemInfo info = t.json(ApiRequest.get("/info").build(), SystemInfo.class);
 * }</pre>
 */
@NullMarked
package dev.berth.transport;

import org.jspecify.annotations.NullMarked;
