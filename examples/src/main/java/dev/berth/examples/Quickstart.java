package dev.berth.examples;

import dev.berth.Docker;
import dev.berth.model.SystemInfo;
import dev.berth.model.Version;

/**
 * Connects to the daemon the way the {@code docker} CLI finds it, and prints what {@code docker version} and
 * {@code docker info} would.
 *
 * <pre>{@code
 * mvn -q -pl examples -am install -DskipTests && mvn -q -pl examples exec:java
 * }</pre>
 */
public final class Quickstart {
    private Quickstart() {
    }

    /**
     * Runs the example.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        try (Docker docker = Docker.connect()) {
            System.out.println("Endpoint:    " + docker.endpoint());
            System.out.println("Ping:        " + docker.system().ping());
            System.out.println("API version: " + docker.apiVersion() + " (negotiated)");
            Version v = docker.system().version();
            System.out.println("Engine:      " + v.version() + " on " + v.os() + "/" + v.arch()
                    + " (API " + v.minApiVersion() + " to " + v.apiVersion() + ")");
            SystemInfo info = docker.system().info();
            System.out.println("Host:        " + info.name() + ", " + info.operatingSystem() + ", " + info.cpus()
                    + " CPUs, " + info.memTotal() / (1 << 20) + " MiB");
            System.out.println("Containers:  " + info.containers() + " (" + info.containersRunning()
                    + " running), images: " + info.images() + ", storage: " + info.driver());
        }
    }
}
