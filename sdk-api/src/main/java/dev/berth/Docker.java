package dev.berth;

import dev.berth.errors.CallCancelledException;
import dev.berth.transport.ApiVersion;
import dev.berth.transport.DockerEnvironment;
import dev.berth.transport.DockerHost;
import dev.berth.transport.Endpoint;
import dev.berth.transport.TlsConfig;
import dev.berth.transport.Timeouts;
import dev.berth.transport.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A client for one Docker daemon. Thread-safe: share one instance; close it when done.
 *
 * <pre>{@code
 * try (Docker docker = Docker.connect()) {               // DOCKER_HOST, contexts, known sockets
 *     System.out.println(docker.system().version().version());
 * }
 *
 * Docker remote = Docker.builder()
 *         .host("tcp://build-box:2376")
 *         .tls(TlsConfig.fromDirectory(Path.of("/certs")))
 *         .connectTimeout(Duration.ofSeconds(3))
 *         .build();
 * }</pre>
 *
 * <p>The API version is negotiated on the first call (one {@code HEAD /_ping}) unless pinned with
 * {@link Builder#apiVersion} or {@code DOCKER_API_VERSION}.
 *
 * <p><b>Stopping calls.</b> Every call stops with {@link CallCancelledException} when the thread running it (or
 * reading its stream) is interrupted, or when its stream or {@link Session} is closed from another thread; its
 * connection is dropped and the client's next call works. For a time limit, or to stop a call that returns no
 * handle (a {@code pull}, a {@code build}, a {@code waitFor}) from another thread, make the call through a view:
 * {@link #withTimeout}, {@link #withDeadline} or {@link #cancellable}, which share this client's connections; closing
 * a view stops the calls in flight through it.
 *
 * <pre>{@code
 * try (Docker pulling = docker.withTimeout(Duration.ofMinutes(5))) {   // another thread may pulling.close()
 *     pulling.images().pull("registry.example/app:1", progress);
 * } catch (CallCancelledException e) {
 *     e.reason();                                                      // DEADLINE, CLOSED or INTERRUPTED
 * }
 * }</pre>
 */
public final class Docker implements AutoCloseable {
    private final Transport transport;
    private final CredentialStore credentials;
    /** What view this is, for {@code toString}: empty for the client itself. */
    private final String view;
    /*
     * The areas are made on first use: each names its model classes in static fields, so making them all up front
     * loads the classes of every area (plugins, swarm, ...) for a program that only lists containers. A race makes
     * an area twice and keeps the first; areas hold no state of their own, only the transport.
     */
    private final AtomicReference<DockerSystem> system = new AtomicReference<>();
    private final AtomicReference<Images> images = new AtomicReference<>();
    private final AtomicReference<Containers> containers = new AtomicReference<>();
    private final AtomicReference<ContainerFiles> files = new AtomicReference<>();
    private final AtomicReference<Registries> registries = new AtomicReference<>();
    private final AtomicReference<Networks> networks = new AtomicReference<>();
    private final AtomicReference<Volumes> volumes = new AtomicReference<>();
    private final AtomicReference<Swarm> swarm = new AtomicReference<>();
    private final AtomicReference<Plugins> plugins = new AtomicReference<>();

    private Docker(Transport transport, CredentialStore credentials) {
        this(transport, credentials, "");
    }

    private Docker(Transport transport, CredentialStore credentials, String view) {
        this.transport = transport;
        this.credentials = credentials;
        this.view = view;
    }

    /** The area in {@code ref}, made with {@code make} on first use; the first one made wins a race. */
    private static <T> T area(AtomicReference<T> ref, Supplier<T> make) {
        T area = ref.get();
        if (area == null) {
            T made = make.get();
            area = ref.compareAndExchange(null, made);
            if (area == null) {
                area = made;
            }
        }
        return area;
    }

    /**
     * Connects as the {@code docker} CLI would: {@code DOCKER_HOST} (with {@code DOCKER_TLS_VERIFY} and
     * {@code DOCKER_CERT_PATH}), else {@code DOCKER_CONTEXT}, else the current context in {@code config.json}, else
     * the default socket. Nothing is sent until the first call.
     *
     * @return the client; close it when done
     * @throws IllegalArgumentException when the environment names something unusable
     */
    public static Docker connect() {
        return builder().build();
    }

    /**
     * A builder; whatever it leaves unset comes from the environment, as {@link #connect()}.
     *
     * @return a builder with nothing set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Containers: run, ps, inspect, logs, exec, attach, stop, rm, stats, export.
     *
     * @return the containers area, sharing this client's connections
     */
    public Containers containers() {
        return area(containers, () -> new Containers(transport, this::images));
    }

    /**
     * Images: list, inspect, history, tag, rmi, prune, pull, push, commit, import, save, load, build.
     *
     * @return the images area, sharing this client's connections
     */
    public Images images() {
        return area(images, () -> new Images(transport, credentials));
    }

    /**
     * Files in containers: {@code docker cp}, stat, tar in and out.
     *
     * @return the container files area, sharing this client's connections
     */
    public ContainerFiles files() {
        return area(files, () -> new ContainerFiles(transport));
    }

    /**
     * Networks: {@code docker network ls/inspect/create/connect/disconnect/rm/prune}.
     *
     * @return the networks area, sharing this client's connections
     */
    public Networks networks() {
        return area(networks, () -> new Networks(transport));
    }

    /**
     * Volumes: {@code docker volume ls/inspect/create/rm/prune}.
     *
     * @return the volumes area, sharing this client's connections
     */
    public Volumes volumes() {
        return area(volumes, () -> new Volumes(transport));
    }

    /**
     * Swarm: init, join, leave, and its nodes, services, tasks, secrets and configs.
     *
     * @return the swarm area, sharing this client's connections
     */
    public Swarm swarm() {
        return area(swarm, () -> new Swarm(transport));
    }

    /**
     * Plugins: {@code docker plugin ls/inspect/install/enable/disable/set/rm}.
     *
     * @return the plugins area, sharing this client's connections
     */
    public Plugins plugins() {
        return area(plugins, () -> new Plugins(transport));
    }

    /**
     * Registry logins: {@code docker login}, {@code docker logout}.
     *
     * @return the registries area, with this client's credential store
     */
    public Registries registries() {
        return area(registries, () -> new Registries(transport, credentials));
    }

    /**
     * System calls: ping, version, info, events.
     *
     * @return the system area, sharing this client's connections
     */
    public DockerSystem system() {
        return area(system, () -> new DockerSystem(transport));
    }

    /**
     * The endpoint in use and where it came from.
     *
     * @return the daemon's address, TLS material and where they came from
     */
    public Endpoint endpoint() {
        return transport.endpoint();
    }

    /**
     * The API version in use, negotiating it first if needed.
     *
     * @return the version every call uses
     * @throws dev.berth.errors.DockerException when the daemon cannot be reached or is older than API 1.41
     */
    public ApiVersion apiVersion() {
        return transport.apiVersion();
    }

    /**
     * The request pipeline underneath, for calls Berth does not wrap yet.
     *
     * @return the transport this client's calls go through
     */
    public Transport transport() {
        return transport;
    }

    /**
     * A view of this client (same connections, API version and credentials) whose every call must end within
     * {@code timeout} of its start, streams and sessions included: a follow, a pull or a build still running then
     * stops with {@link CallCancelledException} ({@link CallCancelledException.Reason#DEADLINE DEADLINE}). Unlike
     * {@link Builder#callTimeout}, which streams ignore by design, this bounds them too. Closing the view stops the
     * calls in flight through it. Views are cheap: make one per task, and views of views (the earliest limit wins).
     *
     * @param timeout how long each call may take, from its start to the end of its answer
     * @return a view sharing this client's connections; closing it leaves this client open
     * @throws IllegalArgumentException when the timeout is not positive
     */
    public Docker withTimeout(Duration timeout) {
        return new Docker(transport.withTimeout(timeout), credentials, view("timeout " + timeout));
    }

    /**
     * A view of this client whose calls must all end by {@code deadline}, measured on the monotonic clock from now
     * on; see {@link #withTimeout}.
     *
     * @param deadline when every call made through the view must have ended
     * @return a view sharing this client's connections; closing it leaves this client open
     */
    public Docker withDeadline(Instant deadline) {
        return new Docker(transport.withDeadline(deadline), credentials, view("deadline " + deadline));
    }

    /**
     * A view of this client with no time limit whose {@link #close()} stops, from any thread, the calls in flight
     * through it: the way to stop a {@code pull}, {@code push}, {@code build}, {@code load} or {@code waitFor} (calls
     * that return no handle to close), or to stop a call from inside its progress consumer.
     *
     * <pre>{@code
     * Docker call = docker.cancellable();
     * executor.submit(() -> call.images().pull(ref, e -> { if (tooSlow(e)) call.close(); }));
     * call.close();   // from anywhere: the pull ends with CallCancelledException (CLOSED)
     * }</pre>
     *
     * @return a view sharing this client's connections; closing it stops its calls and leaves this client open
     */
    public Docker cancellable() {
        return new Docker(transport.cancellable(), credentials, view("cancellable"));
    }

    private String view(String what) {
        return view.isEmpty() ? what : view + ", " + what;
    }

    /**
     * On the client: frees idle connections; open streams stay usable until closed. On a view ({@link #withTimeout},
     * {@link #withDeadline}, {@link #cancellable}): stops the calls in flight through it, their streams and sessions
     * included ({@link CallCancelledException}, {@link CallCancelledException.Reason#CLOSED CLOSED}), and refuses
     * later ones; the client and its other views go on.
     */
    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "Docker[" + transport.endpoint() + (view.isEmpty() ? "" : ", view: " + view) + "]";
    }

    /**
     * Sets up a {@link Docker} client. Explicit settings win over the environment.
     *
     * <pre>{@code
     * Docker docker = Docker.builder().host("unix:///run/user/1000/docker.sock").apiVersion("1.41").build();
     * }</pre>
     */
    public static final class Builder {
        private DockerHost host;
        private TlsConfig tls;
        private ApiVersion version;
        private DockerEnvironment environment = null;
        private Duration connectTimeout = Timeouts.DEFAULT.connect();
        private Duration readTimeout = Timeouts.DEFAULT.read();
        private Duration callTimeout = Timeouts.DEFAULT.call();
        private CredentialStore credentials;

        private Builder() {
        }

        /**
         * The daemon's address in {@code DOCKER_HOST} form: {@code unix://}, {@code tcp://}, {@code npipe://},
         * {@code ssh://}.
         *
         * @param address such as {@code unix:///var/run/docker.sock} or {@code tcp://10.0.0.5:2376}
         * @return this builder
         * @throws dev.berth.errors.InvalidDockerHostException when the address cannot be used
         */
        public Builder host(String address) {
            this.host = DockerHost.parse(address);
            return this;
        }

        /**
         * The daemon's address.
         *
         * @param host the daemon's address
         * @return this builder
         */
        public Builder host(DockerHost host) {
            this.host = host;
            return this;
        }

        /**
         * TLS material for a {@code tcp://} host; see {@link TlsConfig}.
         *
         * @param tls the CA, client certificate and key
         * @return this builder
         */
        public Builder tls(TlsConfig tls) {
            this.tls = tls;
            return this;
        }

        /**
         * TLS from a folder holding {@code ca.pem}, {@code cert.pem} and {@code key.pem}.
         *
         * @param certDirectory a folder such as {@code DOCKER_CERT_PATH}; missing files are skipped
         * @return this builder
         * @throws java.io.UncheckedIOException when a file exists but cannot be read
         */
        public Builder tls(Path certDirectory) {
            return tls(TlsConfig.fromDirectory(certDirectory));
        }

        /**
         * Pins the API version (no negotiation), such as {@code "1.41"}.
         *
         * @param version {@code MAJOR.MINOR}, such as {@code 1.41}
         * @return this builder
         * @throws IllegalArgumentException when the text is not a version
         */
        public Builder apiVersion(String version) {
            this.version = ApiVersion.parse(version);
            return this;
        }

        /**
         * Where environment variables and the home folder come from (tests give their own).
         *
         * @param environment the variables and home folder to read
         * @return this builder
         */
        public Builder environment(DockerEnvironment environment) {
            this.environment = environment;
            return this;
        }

        /**
         * Where registry credentials come from (default: as the CLI, from the environment's config folder).
         *
         * @param store the credential store pulls, pushes, builds and logins use
         * @return this builder
         */
        public Builder credentials(CredentialStore store) {
            this.credentials = store;
            return this;
        }

        /**
         * How long connecting may take (default 10 s).
         *
         * @param timeout how long opening a connection may take; zero for no limit
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * How long the daemon may stay silent in a non-streaming answer (default: no limit, as the CLI).
         *
         * @param timeout how long the daemon may stay silent; zero for no limit
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /**
         * How long a whole non-streaming call may take (default: no limit).
         *
         * @param timeout how long a whole non-streaming call may take; zero for no limit
         * @return this builder
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = timeout;
            return this;
        }

        /**
         * The client. Nothing is sent yet.
         *
         * @return the client; close it when done
         * @throws IllegalArgumentException when the host, TLS material or environment is unusable
         */
        public Docker build() {
            Endpoint endpoint;
            if (host != null) {
                ApiVersion pinned = version != null ? version : env().pinnedVersion();
                endpoint = new Endpoint(host, tls, pinned, "builder", List.of());
            } else {
                Endpoint found = env().resolve();
                endpoint = new Endpoint(found.host(), tls != null ? tls : found.tls(),
                        version != null ? version : found.pinnedVersion(), found.source(), found.tried());
            }
            CredentialStore store = credentials != null ? credentials
                    : new CredentialStore(env().configDir(), env().variables());
            return new Docker(new Transport(endpoint, new Timeouts(connectTimeout, readTimeout, callTimeout)), store);
        }

        private DockerEnvironment env() {
            return environment != null ? environment : DockerEnvironment.system();
        }
    }
}
