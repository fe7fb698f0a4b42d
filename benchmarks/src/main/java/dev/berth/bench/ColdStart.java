package dev.berth.bench;

import dev.berth.ContainerQuery;
import dev.berth.Docker;

/**
 * What a small program does first with Berth: connect as the CLI would ({@code DOCKER_HOST}), list the containers,
 * print how many. {@link ColdStartBenchmark} launches it in a fresh JVM and times it to that line. Uses nothing but
 * Berth, as an application would; then, for the benchmark, a second line {@code cpu <ms>}: the process's CPU time
 * until the answer (all threads: JIT compilers and GC included), read from the JDK's {@link ProcessHandle}.
 */
public final class ColdStart {
    private ColdStart() {
    }

    /**
     * Prints the number of containers, stopped ones included.
     *
     * @param args none
     */
    public static void main(String[] args) {
        try (Docker docker = Docker.connect()) {
            int n = docker.containers().list(ContainerQuery.all()).size();
            System.out.println(n);
            System.out.println("cpu " + ColdStartBenchmark.processCpuMillis());
        }
    }
}
