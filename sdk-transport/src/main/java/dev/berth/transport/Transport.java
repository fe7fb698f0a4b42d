package dev.berth.transport;

import com.fasterxml.jackson.databind.JavaType;
import dev.berth.errors.ApiVersionException;
import dev.berth.errors.CallCancelledException.Reason;
import dev.berth.errors.CallCancelledException;
import dev.berth.errors.DaemonUnreachableException;
import dev.berth.errors.DockerException;
import dev.berth.errors.TlsHandshakeException;
import dev.berth.transport.internal.CallScope;
import dev.berth.transport.internal.ErrorMapper;
import dev.berth.transport.internal.Exchange;
import dev.berth.transport.internal.Http1Calls;
import dev.berth.transport.internal.HttpCall;
import dev.berth.transport.internal.HttpCalls;
import dev.berth.transport.internal.OkHttpCalls;
import dev.berth.transport.internal.OutgoingRequest;
import dev.berth.transport.internal.PathSegments;
import dev.berth.transport.internal.InFlightCall;
import dev.berth.transport.internal.NamedPipeSocketFactory;
import dev.berth.transport.internal.SshSocketFactory;
import dev.berth.transport.internal.TcpSocketFactory;
import dev.berth.transport.internal.UnixSocketFactory;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.SocketFactory;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one request pipeline: turns an {@link ApiRequest} into HTTP/1.1 on the endpoint's connection, negotiates the
 * API version on first use, maps error answers to typed exceptions, and hands the body back as JSON, a stream, or a
 * hijacked duplex connection. Thread-safe; one per client.
 *
 * <pre>{@code
 * try (Transport t = new Transport(DockerEnvironment.system().resolve(), Timeouts.DEFAULT)) {
 *     Map<?, ?> info = t.json(ApiRequest.get("/info").build(), Map.class);
 * }
 * }</pre>
 *
 * <p><b>Stopping a call.</b> Every call, its answer's stream and its session included, stops when the thread running
 * or reading it is interrupted, and when its stream or session is closed (from any thread); a view made with
 * {@link #withTimeout}, {@link #withDeadline} or {@link #cancellable} adds a time limit and a {@link #close()} that
 * stops the calls made through it. A stopped call throws {@link CallCancelledException}, and its connection is
 * dropped, never reused. A call started on an interrupted thread is not sent.
 */
public final class Transport implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    private static final String USER_AGENT = "Berth/0.1";
    /** The Host header the Go client sends on sockets and pipes. */
    static final String SOCKET_HOST = "api.moby.localhost";

    private final Endpoint endpoint;
    /** The daemon's address, as errors name it. */
    private final String endpointName;
    /** Sends the calls: {@link Http1Calls} for plain endpoints, {@link OkHttpCalls} for TLS. */
    private final HttpCalls calls;
    private final String basePath;
    /** The headers every request carries (User-Agent, Accept-Encoding, Host), names and values alternating. */
    private final List<String> baseHeaders;
    /** The transport this one is a view of (itself when it is none): it holds the pool and the API version. */
    private final Transport root;
    /** The view's limits and calls; absent ({@code null}) on the transport itself. */
    private final CallScope scope;
    /** Not {@code synchronized}: the negotiation it guards is a call, which may block. */
    private final ReentrantLock versionLock = new ReentrantLock();
    private volatile ApiVersion version;
    private volatile String versionPrefix;

    /**
     * @param endpoint where the daemon is
     * @param timeouts connect, read and call limits
     * @throws IllegalArgumentException when the endpoint cannot be used (unusable TLS material)
     */
    public Transport(Endpoint endpoint, Timeouts timeouts) {
        this.endpoint = endpoint;
        this.endpointName = endpoint.host().toString();
        DockerHost host = endpoint.host();
        String hostHeader = SOCKET_HOST;
        switch (host.scheme()) {
            case UNIX:
                calls = plain(new UnixSocketFactory(Path.of(host.path())), null, timeouts, true);
                break;
            case NPIPE:
                // a pipe has no timed read to check a pooled connection with
                calls = plain(new NamedPipeSocketFactory(host.path()), null, timeouts, false);
                break;
            case TCP:
                int port = endpoint.isTls() ? host.effectiveTlsPort() : host.effectivePort();
                hostHeader = host.authority(port);
                if (endpoint.isTls()) {
                    TlsConfig.Context tls = endpoint.tls().toContext();
                    calls = new OkHttpCalls(hostHeader, tls.sslContext().getSocketFactory(),
                            tls.trustManager(), timeouts.connect(), timeouts.read(), timeouts.call());
                } else {
                    calls = plain(new TcpSocketFactory(host.toString()), new InetSocketAddress(host.host(), port),
                            timeouts, true);
                }
                break;
            case SSH:
                // ssh ... docker system dial-stdio: the remote CLI relays to its daemon, HTTP runs over the pipes.
                calls = plain(new SshSocketFactory(host, timeouts.connect(), List.of()), null, timeouts, true);
                break;
            default:
                throw new IllegalArgumentException("unsupported Docker host: " + host);
        }
        this.basePath = host.basePath();
        this.baseHeaders = List.of("Host", hostHeader, "User-Agent", USER_AGENT, "Accept-Encoding", "identity");
        this.root = this;
        this.scope = null;
        if (endpoint.pinnedVersion() != null) {
            setVersion(endpoint.pinnedVersion());
        }
    }

    private static HttpCalls plain(SocketFactory sockets, @Nullable SocketAddress address, Timeouts timeouts,
            boolean checkable) {
        return new Http1Calls(sockets, address, timeouts.connect(), timeouts.read(), timeouts.call(), checkable);
    }

    /** A view of {@code of}: the same pool, endpoint and API version, with calls in {@code scope}. */
    private Transport(Transport of, CallScope scope) {
        this.endpoint = of.endpoint;
        this.endpointName = of.endpointName;
        this.calls = of.calls;
        this.basePath = of.basePath;
        this.baseHeaders = of.baseHeaders;
        this.root = of.root;
        this.scope = scope;
    }

    /**
     * A view of this transport (same connections, same API version) whose every call must end within
     * {@code timeout} of its start, streams and sessions included, unlike the read and call timeouts, which streams
     * ignore. A call still running then is stopped with {@link CallCancelledException} ({@link Reason#DEADLINE}).
     * Closing the view stops the calls in flight through it. Views are cheap: make one per task.
     *
     * @param timeout how long each call may take, from its start to the end of its answer
     * @return a view sharing this transport's connections; closing it leaves this transport open
     * @throws IllegalArgumentException when the timeout is not positive
     */
    public Transport withTimeout(Duration timeout) {
        return new Transport(this, CallScope.timeout(scope, timeout));
    }

    /**
     * A view of this transport whose calls must all end by {@code deadline} (on the monotonic clock: a change of
     * the wall clock after this call does not move it); see {@link #withTimeout}.
     *
     * @param deadline when every call made through the view must have ended
     * @return a view sharing this transport's connections; closing it leaves this transport open
     */
    public Transport withDeadline(Instant deadline) {
        return new Transport(this, CallScope.deadline(scope, deadline));
    }

    /**
     * A view of this transport with no time limit of its own, whose {@link #close()} stops, from any thread, the
     * calls in flight through it (and through views made from it).
     *
     * @return a view sharing this transport's connections; closing it stops its calls and leaves this transport open
     */
    public Transport cancellable() {
        return new Transport(this, CallScope.unlimited(scope));
    }

    /** {@return the endpoint this transport talks to} */
    public Endpoint endpoint() {
        return endpoint;
    }

    /**
     * The API version in use: the pinned one, or on first call min(daemon's, {@link ApiVersion#LATEST}), asked once
     * with {@code HEAD /_ping}.
     *
     * @return the version every call's {@code /vX.Y} prefix names
     * @throws DockerException when the daemon cannot be reached or is older than {@link ApiVersion#FLOOR}
     */
    public ApiVersion apiVersion() {
        ApiVersion v = root.version;
        if (v != null) {
            return v;
        }
        ReentrantLock lock = root.versionLock;
        try {
            lock.lockInterruptibly(); // another thread may be negotiating, and blocked: this one can still leave
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallCancelledException(Reason.INTERRUPTED, "while waiting for the API version", "HEAD /_ping",
                    e);
        }
        try {
            if (root.version == null) {
                root.setVersion(negotiate()); // through this view, under its limits
            }
            return root.version;
        } finally {
            lock.unlock();
        }
    }

    private void setVersion(ApiVersion v) {
        versionPrefix = "/v" + v;
        version = v;
    }

    private ApiVersion negotiate() {
        String daemon;
        try (ApiResponse head = execute(ApiRequest.head("/_ping").build(), null)) {
            daemon = head.header("Api-Version");
        } catch (DaemonUnreachableException | CallCancelledException e) {
            throw e;
        } catch (DockerException e) {
            if (e.status() == 0 && e.getCause() instanceof InterruptedIOException) {
                // A timeout, not a daemon that refuses HEAD: asking again with GET would only wait as long again.
                throw e;
            }
            daemon = null;
        }
        if (daemon == null) {
            try (ApiResponse get = execute(ApiRequest.get("/_ping").build(), null)) {
                daemon = get.header("Api-Version");
            }
        }
        if (daemon == null) {
            LOG.warn("{} sent no Api-Version header; using API {}", endpoint.host(), ApiVersion.FLOOR);
            return ApiVersion.FLOOR;
        }
        ApiVersion daemonVersion = ApiVersion.parse(daemon);
        if (!daemonVersion.isAtLeast(ApiVersion.FLOOR)) {
            throw new ApiVersionException("the daemon at " + endpoint.host() + " speaks API " + daemonVersion
                    + ", older than " + ApiVersion.FLOOR + ", the oldest Berth supports (Docker Engine 20.10)");
        }
        ApiVersion chosen = daemonVersion.min(ApiVersion.LATEST);
        LOG.debug("{}: daemon API {}, using {}", endpoint.host(), daemonVersion, chosen);
        return chosen;
    }

    /**
     * Sends the request and reads the JSON answer as {@code type}.
     *
     * @param <T> the type read
     * @param request the call
     * @param type the class the answer is read as
     * @return the answer; null when the daemon sent no body or JSON {@code null}
     * @throws DockerException for an error status, an unreachable daemon or a malformed answer
     */
    public <T> @Nullable T json(ApiRequest request, Class<T> type) {
        return json(request, Json.typeFactory().constructType(type));
    }

    /**
     * Sends the request and reads the JSON answer as {@code type} (for generic types such as lists).
     *
     * @param <T> the type read
     * @param request the call
     * @param type the type the answer is read as
     * @return the answer; null when the daemon sent no body or JSON {@code null}
     * @throws DockerException for an error status, an unreachable daemon or a malformed answer
     */
    public <T> @Nullable T json(ApiRequest request, JavaType type) {
        try (ApiResponse response = send(request)) {
            return response.readJson(type);
        }
    }

    /**
     * Sends the request and returns the answer with its body unread, for streams and status checks. The caller
     * closes it; closing before the end cancels the call and frees the socket.
     *
     * @param request the call
     * @return the answer, open; the caller closes it
     * @throws DockerException for an error status (anything but 1xx, 2xx, 304), or when the daemon is unreachable
     */
    public ApiResponse send(ApiRequest request) {
        return execute(request, apiVersionPrefix());
    }

    /**
     * Sends the request with {@code Connection: Upgrade} and {@code Upgrade: tcp} and returns the hijacked
     * connection: the daemon's output to read, and stdin to write and half-close.
     *
     * @param request the call, such as {@code POST /containers/{id}/attach} or {@code POST /exec/{id}/start}
     * @return the connection; the caller closes it
     * @throws DockerException for an error status, or when the daemon is unreachable
     */
    public HijackedConnection upgrade(ApiRequest request) {
        ApiResponse response = execute(request, apiVersionPrefix(), true);
        return HijackedConnection.of(response);
    }

    private String apiVersionPrefix() {
        String p = root.versionPrefix;
        if (p == null) {
            apiVersion();
            p = root.versionPrefix;
        }
        return p;
    }

    private ApiResponse execute(ApiRequest request, String prefix) {
        return execute(request, prefix, false);
    }

    private ApiResponse execute(ApiRequest request, String prefix, boolean upgrade) {
        String described = request.method() + " " + (prefix == null ? "" : prefix) + request.path();
        HttpCall call = calls.newCall(toHttp(request, prefix, upgrade));
        InFlightCall inFlight = InFlightCall.start(call::cancel, described, scope);
        long start = LOG.isDebugEnabled() ? System.nanoTime() : 0;
        Exchange response;
        try {
            response = call.execute();
        } catch (IOException e) {
            inFlight.finish();
            CallCancelledException cancelled = inFlight.cancelled(e);
            throw cancelled != null ? cancelled : failure(e, described);
        } catch (RuntimeException | Error e) {
            inFlight.finish();
            throw e;
        } catch (Exception e) {
            // a checked exception OkHttp's Kotlin let through undeclared: an InterruptedException from a wait
            inFlight.finish();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            CallCancelledException cancelled = inFlight.cancelled(e);
            throw cancelled != null ? cancelled : new DockerException(0, "unexpected failure talking to the Docker"
                    + " daemon at " + endpoint.host() + ": " + e, described, e);
        }
        if (start != 0) {
            LOG.debug("{} -> {} ({} us)", described, response.code(), (System.nanoTime() - start) / 1000);
        }
        int code = response.code();
        if (code >= 400 || code >= 300 && code != 304) {
            try {
                throw ErrorMapper.toException(endpoint, response, described);
            } finally {
                inFlight.finish();
            }
        }
        return new ApiResponse(inFlight, response, described, endpointName);
    }

    private OutgoingRequest toHttp(ApiRequest request, String prefix, boolean upgrade) {
        String path = request.path();
        List<String> q = request.query();
        StringBuilder target = new StringBuilder(basePath.length() + 8 + path.length() + 16 * q.size());
        target.append(basePath);
        if (prefix != null) {
            target.append(prefix);
        }
        target.append(path);
        for (int i = 0; i < q.size(); i += 2) {
            target.append(i == 0 ? '?' : '&');
            PathSegments.appendQueryComponent(target, q.get(i));
            target.append('=');
            PathSegments.appendQueryComponent(target, q.get(i + 1));
        }
        List<String> extra = request.headers();
        List<String> headers = baseHeaders;
        if (!extra.isEmpty()) {
            headers = new ArrayList<>(baseHeaders.size() + extra.size());
            headers.addAll(baseHeaders);
            headers.addAll(extra);
        }
        byte[] content = null;
        String contentType = null;
        if (request.json() != null) {
            content = Json.writeBytes(request.json());
            contentType = "application/json";
        } else if (request.body() != null) {
            contentType = request.contentType();
        }
        return new OutgoingRequest(request.method(), target.toString(), headers, content, request.body(),
                contentType, request.isStreaming() || upgrade, upgrade);
    }

    /** Turns an I/O failure into the exception that says what happened and where. */
    private DockerException failure(IOException e, String request) {
        String where = endpointName;
        if (ErrorMapper.isTlsExpected(e.getMessage())) {
            return ErrorMapper.tlsExpected(endpoint, "it answered: " + e.getMessage(), request, e);
        }
        if (e instanceof SSLException) {
            String hint = String.valueOf(e.getMessage()).contains("plaintext") || String.valueOf(e.getMessage())
                    .contains("Unsupported or unrecognized SSL message")
                    ? " (does the daemon serve plain HTTP on this port?)" : "";
            return new TlsHandshakeException(where, "TLS handshake failed: " + e.getMessage() + hint, request, e);
        }
        boolean connectFailure = e instanceof ConnectException || e instanceof NoRouteToHostException
                || e instanceof UnknownHostException || e instanceof java.nio.file.NoSuchFileException
                || e instanceof SocketException && isConnectMessage(e.getMessage())
                || e instanceof InterruptedIOException
                        && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
        if (connectFailure) {
            StringBuilder detail = new StringBuilder(describe(e));
            detail.append(" (from ").append(endpoint.source()).append(')');
            if (!endpoint.tried().isEmpty()) {
                detail.append("; also tried: ").append(String.join(", ", endpoint.tried()));
                detail.append(". Set DOCKER_HOST or a Docker context to point Berth at your daemon");
            }
            return new DaemonUnreachableException(where, detail.toString(), request, e);
        }
        return new DockerException(0, "I/O error talking to the Docker daemon at " + where + ": " + describe(e),
                request, e);
    }

    private static boolean isConnectMessage(String m) {
        return m != null && (m.contains("No such file") || m.contains("Connection refused")
                || m.contains("connect") || m.contains("Permission denied"));
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /**
     * On the transport itself: closes idle connections; calls in flight finish, streams stay open until closed. On a
     * view: stops the calls in flight through it ({@link CallCancelledException}, {@link Reason#CLOSED}) and
     * refuses later ones; the transport and its other views go on.
     */
    @Override
    public void close() {
        if (scope != null) {
            scope.close();
            return;
        }
        calls.close();
    }

    @Override
    public String toString() {
        ApiVersion v = root.version;
        String limits = scope == null ? "" : scope.describe();
        return "Transport[" + endpoint + (v != null ? ", API " + v : "") + (scope == null ? ""
                : ", view" + (limits.isEmpty() ? "" : " (" + limits + ")")) + "]";
    }
}
