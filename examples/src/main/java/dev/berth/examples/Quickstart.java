package dev.berth.examples;

import dev.berth.Containers;
import dev.berth.Docker;
import dev.berth.RemoveOptions;
import dev.berth.StopOptions;
import dev.berth.model.ContainerDetails;
import dev.berth.model.ContainerSpec;
import dev.berth.model.SystemInfo;
import dev.berth.model.Version;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Connects to the daemon the way the {@code docker} CLI finds it, prints what {@code docker version} and
 * {@code docker info} would, then runs a small web server in a container, asks it for a page through its published
 * port, runs a command in it, reads its logs, and removes it.
 *
 * <pre>{@code
 * bash scripts/example.sh                      # or: mvn -q -pl examples exec:java -Dexec.args=IMAGE
 * }</pre>
 *
 * The image (argument, else {@code BERTH_TEST_IMAGE}, else {@code busybox}) needs busybox's {@code httpd}.
 */
public final class Quickstart {
    private Quickstart() {
    }

    /**
     * Runs the example.
     *
     * @param args an image with busybox in it (optional)
     */
    public static void main(String[] args) throws Exception {
        String image = args.length > 0 ? args[0] : System.getenv().getOrDefault("BERTH_TEST_IMAGE", "busybox");
        try (Docker docker = Docker.connect()) {
            System.out.println("Endpoint:    " + docker.endpoint());
            System.out.println("API version: " + docker.apiVersion() + " (negotiated)");
            Version v = docker.system().version();
            System.out.println("Engine:      " + v.version() + " on " + v.os() + "/" + v.arch());
            SystemInfo info = docker.system().info();
            System.out.println("Host:        " + info.name() + ", " + info.cpus() + " CPUs, "
                    + info.memTotal() / (1 << 20) + " MiB, " + info.containers() + " containers");

            Containers containers = docker.containers();
            ContainerDetails web = containers.run(ContainerSpec.builder(image)
                    .cmd("httpd", "-f", "-p", "80", "-h", "/etc")
                    .publish("127.0.0.1::80")                  // a random host port, as -p 127.0.0.1::80
                    .memory("32m")
                    .label("dev.berth.example", "quickstart")
                    .build());
            try {
                int port = web.hostPort(80).orElseThrow();
                System.out.println("Running:     " + web.shortName() + " (" + web.id().substring(0, 12)
                        + "), port 80 published on 127.0.0.1:" + port);
                HttpResponse<String> page = get(port);
                System.out.println("HTTP GET:    /hostname -> " + page.statusCode() + " " + page.body().trim()
                        + " (served by httpd in the container)");
                System.out.println("exec uname:  " + containers.exec(web.id(), "uname", "-r").stdout().trim());
                containers.exec(web.id(), "sh", "-c", "echo hello from the container log > /proc/1/fd/1");
                containers.logs(web.id()).tail(1).lines().forEach(l -> System.out.println("logs:        " + l));
            } finally {
                boolean stopped = containers.stop(web.id(), StopOptions.defaults().withTimeout(Duration.ofSeconds(2)));
                containers.remove(web.id(), RemoveOptions.force());
                System.out.println("Stopped:     " + stopped + ", removed");
            }
        }
    }

    private static HttpResponse<String> get(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int attempt = 0; ; attempt++) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hostname")).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                if (attempt > 50) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
