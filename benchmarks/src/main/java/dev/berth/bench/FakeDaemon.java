package dev.berth.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for a Docker daemon when none is at hand: HTTP/1.1 with keep-alive on a Unix socket (JDK
 * {@link UnixDomainSocketAddress}, a thread per connection), fixed canned answers shaped as Engine 28.5 (API 1.51)
 * sends them. It knows {@code GET|HEAD /_ping}, {@code GET /version}, {@code GET /containers/json} (ten containers)
 * and {@code GET /containers/{id}/json} (any id), each with or without a {@code /v1.xx} prefix; anything else is a 404
 * with the daemon's error body. It measures the clients, not a daemon: its answers cost next to nothing, always the
 * same bytes. Run it in its own JVM, so that a cold start measures only the client:
 *
 * <pre>{@code
 * java -cp <benchmark classpath> dev.berth.bench.FakeDaemon /tmp/berth-fake.sock &
 * DOCKER_HOST=unix:///tmp/berth-fake.sock BENCH_FAKE=1 java -cp ... dev.berth.bench.ColdStartBenchmark
 * scripts/bench.sh --fake coldstart        # the same: starts it, points DOCKER_HOST at it, stops it after
 * }</pre>
 *
 * <p>The benchmarks know they talk to it from {@code BENCH_FAKE=1} ({@link Bench#fake()}): they then create no
 * container and inspect {@link #CONTAINER_ID}.
 */
public final class FakeDaemon {
    /** The container the benchmarks inspect on the fake daemon (any id is answered with the same body). */
    static final String CONTAINER_ID = "3f4e4a8b9c2d1e0f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f";
    private static final Pattern VERSION_PREFIX = Pattern.compile("^/v\\d+\\.\\d+(?=/)");
    private static final Pattern INSPECT = Pattern.compile("^/containers/([^/?]+)/json(\\?.*)?$");

    private final byte[] ping;
    private final byte[] pingHead;
    private final byte[] version;
    private final byte[] list;
    private final byte[] inspect;
    private final byte[] notFound;

    private FakeDaemon() {
        String pingHeaders = "Api-Version: 1.51\r\nBuilder-Version: 2\r\nCache-Control: no-cache, no-store,"
                + " must-revalidate\r\nDocker-Experimental: false\r\nOstype: linux\r\nPragma: no-cache\r\n"
                + "Server: Docker/28.5.2 (linux)\r\nSwarm: inactive\r\n";
        ping = answer(200, pingHeaders + "Content-Type: text/plain; charset=utf-8\r\n", "OK", true);
        pingHead = answer(200, pingHeaders + "Content-Type: text/plain; charset=utf-8\r\n", "OK", false);
        version = json(200, VERSION);
        list = json(200, containerList(10));
        inspect = json(200, INSPECT_BODY.replace("@ID@", CONTAINER_ID));
        notFound = json(404, "{\"message\":\"page not found\"}\n");
    }

    /**
     * Serves until killed.
     *
     * @param args the socket's path (default {@code /tmp/berth-fake.sock}); an existing file there is replaced
     */
    public static void main(String[] args) throws IOException {
        Path socket = Path.of(args.length > 0 ? args[0] : "/tmp/berth-fake.sock");
        Files.deleteIfExists(socket);
        FakeDaemon daemon = new FakeDaemon();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket), 512);
            socket.toFile().deleteOnExit();
            System.err.println("fake daemon listening on unix://" + socket);
            while (true) {
                SocketChannel ch = server.accept();
                Thread t = new Thread(() -> daemon.serve(ch), "fake-daemon-conn");
                t.setDaemon(true);
                t.start();
            }
        }
    }

    /** Answers the requests of one connection until the client closes it. */
    private void serve(SocketChannel ch) {
        try (ch; InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 8192);
             OutputStream out = Channels.newOutputStream(ch)) {
            StringBuilder line = new StringBuilder();
            while (true) {
                String requestLine = readLine(in, line);
                if (requestLine == null) {
                    return;
                }
                if (requestLine.isEmpty()) {
                    continue;
                }
                long length = 0;
                boolean close = false;
                for (String h; !(h = readLine(in, line)).isEmpty(); ) {
                    String lower = h.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Long.parseLong(h.substring(15).trim());
                    } else if (lower.startsWith("connection:") && lower.contains("close")) {
                        close = true;
                    }
                }
                in.skipNBytes(length);
                String[] parts = requestLine.split(" ");
                out.write(route(parts[0], parts.length > 1 ? parts[1] : "/"));
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away mid-request: nothing to answer
        }
    }

    private byte[] route(String method, String target) {
        Matcher m = VERSION_PREFIX.matcher(target);
        String path = m.find() ? target.substring(m.end()) : target;
        boolean head = method.equals("HEAD");
        if (!method.equals("GET") && !head) {
            return notFound;
        }
        if (path.equals("/_ping") || path.startsWith("/_ping?")) {
            return head ? pingHead : ping;
        }
        if (path.equals("/version")) {
            return version;
        }
        if (path.equals("/containers/json") || path.startsWith("/containers/json?")) {
            return list;
        }
        if (INSPECT.matcher(path).matches()) {
            return inspect;
        }
        return notFound;
    }

    /** One line without its CRLF, or null at the end of the stream before any byte. */
    private static String readLine(InputStream in, StringBuilder sb) throws IOException {
        sb.setLength(0);
        for (int b; (b = in.read()) >= 0; ) {
            if (b == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) b);
        }
        if (sb.length() == 0) {
            return null;
        }
        throw new IOException("connection closed mid-line");
    }

    private static byte[] json(int status, String body) {
        return answer(status, "Api-Version: 1.51\r\nContent-Type: application/json\r\nDocker-Experimental: false\r\n"
                + "Ostype: linux\r\nServer: Docker/28.5.2 (linux)\r\n", body, true);
    }

    private static byte[] answer(int status, String headers, String body, boolean withBody) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String reason = status == 200 ? "OK" : "Not Found";
        String head = "HTTP/1.1 " + status + " " + reason + "\r\n" + headers
                + "Date: Mon, 01 Dec 2025 12:00:00 GMT\r\nContent-Length: " + b.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        if (!withBody) {
            return h;
        }
        byte[] all = new byte[h.length + b.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return all;
    }

    /** {@code n} containers as Engine 28 lists them with {@code all=1}: running and exited, ports, a mount. */
    private static String containerList(int n) {
        StringJoiner all = new StringJoiner(",", "[", "]\n");
        String[] images = {"nginx:1.27", "postgres:16", "redis:7", "busybox:1.36", "traefik:v3.1"};
        for (int i = 0; i < n; i++) {
            String id = String.format(Locale.ROOT, "%02x", i) + CONTAINER_ID.substring(2);
            boolean running = i % 3 != 2;
            all.add(SUMMARY.replace("@ID@", id)
                    .replace("@NAME@", "app-" + (i + 1))
                    .replace("@IMAGE@", images[i % images.length])
                    .replace("@CREATED@", Long.toString(1764590400L - 3600L * i))
                    .replace("@STATE@", running ? "running" : "exited")
                    .replace("@STATUS@", running ? "Up " + (i + 2) + " hours" : "Exited (0) 3 hours ago")
                    .replace("@PORT@", Integer.toString(8080 + i))
                    .replace("@IP@", running ? "172.17.0." + (i + 2) : "")
                    .replace("@MAC@", running ? "02:42:ac:11:00:" + String.format(Locale.ROOT, "%02x", i + 2) : ""));
        }
        return all.toString();
    }

    private static final String SUMMARY = """
            {"Id":"@ID@","Names":["/@NAME@"],"Image":"@IMAGE@",\
            "ImageID":"sha256:72297848456d5d37d1262630108ab308d3e9ec7ed1c3286a32fe09856619a782",\
            "ImageManifestDescriptor":{"mediaType":"application/vnd.oci.image.manifest.v1+json",\
            "digest":"sha256:c0537ff6a5218ef531ece93d4984efc99bbf3f7497c0a7726c88e2bb7584dc96","size":424,\
            "platform":{"architecture":"amd64","os":"linux"}},\
            "Command":"/docker-entrypoint.sh nginx -g 'daemon off;'","Created":@CREATED@,\
            "Ports":[{"IP":"0.0.0.0","PrivatePort":80,"PublicPort":@PORT@,"Type":"tcp"},\
            {"IP":"::","PrivatePort":80,"PublicPort":@PORT@,"Type":"tcp"}],\
            "Labels":{"com.docker.compose.project":"shop","com.docker.compose.service":"@NAME@",\
            "com.docker.compose.version":"2.29.7","com.example.vendor":"Acme"},\
            "State":"@STATE@","Status":"@STATUS@","HostConfig":{"NetworkMode":"bridge"},\
            "NetworkSettings":{"Networks":{"bridge":{"IPAMConfig":null,"Links":null,"Aliases":null,\
            "MacAddress":"@MAC@","DriverOpts":null,"GwPriority":0,\
            "NetworkID":"7ea29fc1412292a2d7bba362f9253545fecdfa8ce9a6e37dd10ba8bee7129812",\
            "EndpointID":"2cdc4edb1ded3631c81f57966563e5c8525b81121bb3706a9a9a3ae102711f3f",\
            "Gateway":"172.17.0.1","IPAddress":"@IP@","IPPrefixLen":16,"IPv6Gateway":"",\
            "GlobalIPv6Address":"","GlobalIPv6PrefixLen":0,"DNSNames":null}}},\
            "Mounts":[{"Type":"volume","Name":"@NAME@-data",\
            "Source":"/var/lib/docker/volumes/@NAME@-data/_data","Destination":"/data","Driver":"local",\
            "Mode":"z","RW":true,"Propagation":""}]}""";

    private static final String VERSION = """
            {"Platform":{"Name":"Docker Engine - Community (Berth fake daemon)"},"Components":[{"Name":"Engine",\
            "Version":"28.5.2","Details":{"ApiVersion":"1.51","Arch":"amd64","BuildTime":"2025-11-05T14:43:21.000000000+00:00",\
            "Experimental":"false","GitCommit":"89c5e8f","GoVersion":"go1.24.9","KernelVersion":"6.1.0-40-amd64",\
            "MinAPIVersion":"1.24","Os":"linux"}}],"Version":"28.5.2","ApiVersion":"1.51","MinAPIVersion":"1.24",\
            "GitCommit":"89c5e8f","GoVersion":"go1.24.9","Os":"linux","Arch":"amd64","KernelVersion":"6.1.0-40-amd64",\
            "BuildTime":"2025-11-05T14:43:21.000000000+00:00"}
            """;

    private static final String INSPECT_BODY = """
            {"Id":"@ID@","Created":"2025-12-01T11:02:44.123456789Z","Path":"/docker-entrypoint.sh",\
            "Args":["nginx","-g","daemon off;"],"State":{"Status":"running","Running":true,"Paused":false,\
            "Restarting":false,"OOMKilled":false,"Dead":false,"Pid":41236,"ExitCode":0,"Error":"",\
            "StartedAt":"2025-12-01T11:02:45.012345678Z","FinishedAt":"0001-01-01T00:00:00Z",\
            "Health":{"Status":"healthy","FailingStreak":0,"Log":[{"Start":"2025-12-01T11:59:30.000111222Z",\
            "End":"2025-12-01T11:59:30.050111222Z","ExitCode":0,"Output":"ok\\n"}]}},\
            "Image":"sha256:72297848456d5d37d1262630108ab308d3e9ec7ed1c3286a32fe09856619a782",\
            "ResolvConfPath":"/var/lib/docker/containers/@ID@/resolv.conf",\
            "HostnamePath":"/var/lib/docker/containers/@ID@/hostname",\
            "HostsPath":"/var/lib/docker/containers/@ID@/hosts",\
            "LogPath":"/var/lib/docker/containers/@ID@/@ID@-json.log",\
            "Name":"/app-1","RestartCount":0,"Driver":"overlay2","Platform":"linux","MountLabel":"",\
            "ProcessLabel":"","AppArmorProfile":"docker-default","ExecIDs":null,\
            "HostConfig":{"Binds":null,"ContainerIDFile":"","LogConfig":{"Type":"json-file","Config":{}},\
            "NetworkMode":"bridge","PortBindings":{"80/tcp":[{"HostIp":"","HostPort":"8080"}]},\
            "RestartPolicy":{"Name":"unless-stopped","MaximumRetryCount":0},"AutoRemove":false,\
            "VolumeDriver":"","VolumesFrom":null,"ConsoleSize":[0,0],"CapAdd":null,"CapDrop":null,\
            "CgroupnsMode":"private","Dns":[],"DnsOptions":[],"DnsSearch":[],"ExtraHosts":null,"GroupAdd":null,\
            "IpcMode":"private","Cgroup":"","Links":null,"OomScoreAdj":0,"PidMode":"","Privileged":false,\
            "PublishAllPorts":false,"ReadonlyRootfs":false,"SecurityOpt":null,"UTSMode":"","UsernsMode":"",\
            "ShmSize":67108864,"Runtime":"runc","Isolation":"","CpuShares":0,"Memory":268435456,"NanoCpus":500000000,\
            "CgroupParent":"","BlkioWeight":0,"BlkioWeightDevice":[],"BlkioDeviceReadBps":[],\
            "BlkioDeviceWriteBps":[],"BlkioDeviceReadIOps":[],"BlkioDeviceWriteIOps":[],"CpuPeriod":0,\
            "CpuQuota":0,"CpuRealtimePeriod":0,"CpuRealtimeRuntime":0,"CpusetCpus":"","CpusetMems":"",\
            "Devices":[],"DeviceCgroupRules":null,"DeviceRequests":null,"MemoryReservation":0,"MemorySwap":536870912,\
            "MemorySwappiness":null,"OomKillDisable":null,"PidsLimit":null,"Ulimits":[],"CpuCount":0,\
            "CpuPercent":0,"IOMaximumIOps":0,"IOMaximumBandwidth":0,\
            "Mounts":[{"Type":"volume","Source":"app-1-data","Target":"/data"}],\
            "MaskedPaths":["/proc/asound","/proc/acpi","/proc/interrupts","/proc/kcore","/proc/keys",\
            "/proc/latency_stats","/proc/timer_list","/proc/timer_stats","/proc/sched_debug","/proc/scsi",\
            "/sys/firmware","/sys/devices/virtual/powercap"],\
            "ReadonlyPaths":["/proc/bus","/proc/fs","/proc/irq","/proc/sys","/proc/sysrq-trigger"]},\
            "GraphDriver":{"Data":{"ID":"@ID@",\
            "LowerDir":"/var/lib/docker/overlay2/8f1c0e7a9b2d4c6e-init/diff:/var/lib/docker/overlay2/\
            a1b2c3d4e5f60718293a4b5c6d7e8f90/diff:/var/lib/docker/overlay2/0f9e8d7c6b5a49382716/diff",\
            "MergedDir":"/var/lib/docker/overlay2/8f1c0e7a9b2d4c6e/merged",\
            "UpperDir":"/var/lib/docker/overlay2/8f1c0e7a9b2d4c6e/diff",\
            "WorkDir":"/var/lib/docker/overlay2/8f1c0e7a9b2d4c6e/work"},"Name":"overlay2"},\
            "Mounts":[{"Type":"volume","Name":"app-1-data","Source":"/var/lib/docker/volumes/app-1-data/_data",\
            "Destination":"/data","Driver":"local","Mode":"z","RW":true,"Propagation":""}],\
            "Config":{"Hostname":"3f4e4a8b9c2d","Domainname":"","User":"","AttachStdin":false,\
            "AttachStdout":true,"AttachStderr":true,"ExposedPorts":{"80/tcp":{}},"Tty":false,"OpenStdin":false,\
            "StdinOnce":false,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",\
            "NGINX_VERSION=1.27.3","NJS_VERSION=0.8.7","NJS_RELEASE=1~bookworm","PKG_RELEASE=1~bookworm",\
            "DYNPKG_RELEASE=1~bookworm"],"Cmd":["nginx","-g","daemon off;"],\
            "Healthcheck":{"Test":["CMD-SHELL","curl -fs http://localhost/ || exit 1"],"Interval":30000000000,\
            "Timeout":5000000000,"Retries":3},"Image":"nginx:1.27","Volumes":{"/data":{}},"WorkingDir":"",\
            "Entrypoint":["/docker-entrypoint.sh"],"OnBuild":null,"Labels":{"com.docker.compose.project":"shop",\
            "com.docker.compose.service":"web","com.docker.compose.version":"2.29.7",\
            "maintainer":"NGINX Docker Maintainers <docker-maint@nginx.com>"},"StopSignal":"SIGQUIT"},\
            "NetworkSettings":{"SandboxID":"b7d1f0c2a3e4958677a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0",\
            "SandboxKey":"/var/run/docker/netns/b7d1f0c2a3e4","Ports":{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"},\
            {"HostIp":"::","HostPort":"8080"}]},"HairpinMode":false,"LinkLocalIPv6Address":"",\
            "LinkLocalIPv6PrefixLen":0,"SecondaryIPAddresses":null,"SecondaryIPv6Addresses":null,\
            "EndpointID":"2cdc4edb1ded3631c81f57966563e5c8525b81121bb3706a9a9a3ae102711f3f","Gateway":"172.17.0.1",\
            "GlobalIPv6Address":"","GlobalIPv6PrefixLen":0,"IPAddress":"172.17.0.2","IPPrefixLen":16,\
            "IPv6Gateway":"","MacAddress":"02:42:ac:11:00:02","Networks":{"bridge":{"IPAMConfig":null,\
            "Links":null,"Aliases":null,"MacAddress":"02:42:ac:11:00:02","DriverOpts":null,"GwPriority":0,\
            "NetworkID":"7ea29fc1412292a2d7bba362f9253545fecdfa8ce9a6e37dd10ba8bee7129812",\
            "EndpointID":"2cdc4edb1ded3631c81f57966563e5c8525b81121bb3706a9a9a3ae102711f3f",\
            "Gateway":"172.17.0.1","IPAddress":"172.17.0.2","IPPrefixLen":16,"IPv6Gateway":"",\
            "GlobalIPv6Address":"","GlobalIPv6PrefixLen":0,"DNSNames":null}}}}
            """;
}
