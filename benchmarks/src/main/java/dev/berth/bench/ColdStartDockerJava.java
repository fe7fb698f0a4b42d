package dev.berth.bench;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.time.Duration;

/**
 * {@link ColdStart} with docker-java 3.7.1 (httpclient5): the client for {@code DOCKER_HOST}, the containers
 * listed, their number printed, then the process's CPU time until the answer ({@code cpu <ms>}).
 */
public final class ColdStartDockerJava {
    private ColdStartDockerJava() {
    }

    /**
     * Prints the number of containers, stopped ones included.
     *
     * @param args none
     */
    public static void main(String[] args) throws IOException {
        try (DockerClient docker = Bench.dockerJava(Bench.host(), null, Duration.ofSeconds(45))) {
            int n = docker.listContainersCmd().withShowAll(true).exec().size();
            System.out.println(n);
            System.out.println("cpu " + ColdStartBenchmark.processCpuMillis());
        }
    }
}
