package dev.berth.examples;

import dev.berth.ContainerQuery;
import dev.berth.Containers;
import dev.berth.Docker;
import dev.berth.RemoveOptions;
import dev.berth.StopOptions;
import dev.berth.model.ContainerDetails;
import dev.berth.model.ContainerSpec;
import dev.berth.model.Healthcheck;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A rolling deployment with health checks: N replicas of a web server (busybox {@code httpd} serving an
 * {@code index.html} that names its version) go from version 1 to 2 to 3, one replica at a time. Each new replica
 * starts with a health check ({@code wget -q -O- http://localhost/}); only when {@code docker inspect} says
 * {@code healthy} is the old replica stopped and removed. When a new replica never becomes healthy, it is removed and
 * the replicas already replaced go back to the previous version.
 *
 * <pre>{@code
 * mvn -q -pl examples exec:java -Dexec.mainClass=dev.berth.examples.RollingDeploy -Dexec.args="2 3"
 * }</pre>
 *
 * Arguments: the number of replicas (default 3), a version to ship broken, without its page (default 0: none), an
 * image with busybox (default {@code BERTH_TEST_IMAGE}, else {@code busybox}). The containers carry
 * {@code dev.berth.example=rolling-deploy} and are removed at the end.
 */
public final class RollingDeploy {
    private final Containers containers;
    private final String image;
    private final String app = "rolling-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> replicas = new ArrayList<>();     // container ids, by slot

    private RollingDeploy(Containers containers, String image) {
        this.containers = containers;
        this.image = image;
    }

    /**
     * Runs the deployment.
     *
     * @param args replicas, broken version, image (all optional)
     */
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int broken = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        String image = args.length > 2 ? args[2] : System.getenv().getOrDefault("BERTH_TEST_IMAGE", "busybox");
        try (Docker docker = Docker.connect()) {
            RollingDeploy deploy = new RollingDeploy(docker.containers(), image);
            try {
                for (int slot = 0; slot < count; slot++) {
                    deploy.replicas.add(deploy.start(1, slot, false).orElseThrow());
                }
                deploy.report(1);
                for (int version = 2, current = 1; version <= 3; version++) {
                    step("rollout", "version " + version + (version == broken ? " (shipped without its page)" : ""));
                    if (!deploy.rollout(version, version == broken, current)) {
                        break;
                    }
                    current = version;
                }
            } finally {
                docker.containers().ids(ContainerQuery.all().label("app=" + deploy.app))
                        .forEach(id -> docker.containers().remove(id, RemoveOptions.force()));
                step("cleanup", "removed the replicas of " + deploy.app);
            }
        }
    }

    /** Replaces every replica by one of {@code version}; on a failure, goes back to {@code previous}. */
    private boolean rollout(int version, boolean broken, int previous) throws Exception {
        for (int slot = 0; slot < replicas.size(); slot++) {
            if (!replace(slot, version, broken)) {
                for (int done = 0; done < slot; done++) {
                    replace(done, previous, false);
                }
                System.out.println("rolled back to version " + previous);
                report(previous);
                return false;
            }
        }
        report(version);
        return true;
    }

    private boolean replace(int slot, int version, boolean broken) throws Exception {
        String old = replicas.get(slot);
        Optional<String> fresh = start(version, slot, broken);
        if (fresh.isEmpty()) {
            return false;
        }
        containers.stop(old, StopOptions.defaults().withTimeout(Duration.ofSeconds(5)));
        containers.remove(old);
        replicas.set(slot, fresh.get());
        step("replace", "slot " + slot + ": version " + version + " is healthy; the old replica is stopped, removed");
        return true;
    }

    /** Starts a replica, writes its page with exec, and waits for the health check; empty when it stays unhealthy. */
    private Optional<String> start(int version, int slot, boolean broken) throws Exception {
        String name = app + "-v" + version + "-" + slot + "-" + UUID.randomUUID().toString().substring(0, 4);
        ContainerDetails c = containers.run(ContainerSpec.builder(image).name(name)
                .labels(Map.of("dev.berth.example", "rolling-deploy", "app", app, "version", "" + version))
                .init().publish("127.0.0.1::80").cmd("sh", "-c", "mkdir -p /www && exec httpd -f -p 80 -h /www")
                .healthcheck(Healthcheck.cmd("wget", "-q", "-O-", "http://localhost/")
                        .withInterval(Duration.ofMillis(500)).withTimeout(Duration.ofSeconds(2)).withRetries(3))
                .build());
        if (!broken) {
            containers.exec(c.id(), "sh", "-c", "mkdir -p /www && echo 'version " + version + "' > /www/index.html");
        }
        for (long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos(); System.nanoTime() < deadline; ) {
            ContainerDetails.Health health = containers.inspect(c.id()).state().health();
            String status = health == null ? "none" : health.status();
            if ("healthy".equals(status)) {
                step("started", name + " on 127.0.0.1:" + c.hostPort(80).orElseThrow() + ", healthy");
                return Optional.of(c.id());
            }
            if ("unhealthy".equals(status)) {
                break;
            }
            Thread.sleep(250);
        }
        step("failed", name + " never became healthy; removing it");
        containers.remove(c.id(), RemoveOptions.force());
        return Optional.empty();
    }

    /** Asks every replica for its page through its published port. */
    private void report(int expected) throws Exception {
        TreeSet<String> pages = new TreeSet<>();
        HttpClient http = HttpClient.newHttpClient();
        for (String id : replicas) {
            int port = containers.inspect(id).hostPort(80).orElseThrow();
            pages.add(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().trim());
        }
        String served = pages.size() == 1 ? pages.first() : pages.toString();
        step("serving", served + " on " + replicas.size() + " replicas" + (served.equals("version " + expected)
                ? "" : " (expected version " + expected + ")"));
    }

    private static void step(String name, String what) {
        System.out.printf("%-9s %s%n", name, what);
    }
}
