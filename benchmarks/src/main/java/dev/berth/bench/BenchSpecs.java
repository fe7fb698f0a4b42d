package dev.berth.bench;

import dev.berth.Docker;
import dev.berth.RemoveOptions;
import dev.berth.model.ContainerSpec;
import dev.berth.errors.ConflictException;
import dev.berth.errors.NotFoundException;
import java.util.Collection;

/**
 * The containers the benchmarks create: the test bed's small image, labelled {@code dev.berth.test=bench}, their
 * removal, and the check that nobody removed them meanwhile. The integration tests' clean-up removes every container
 * labelled {@code dev.berth.test}, ours included, when they run on the same engine at the same time. Apart from
 * {@link Bench} so that loading that one loads no Berth class.
 */
final class BenchSpecs {
    private BenchSpecs() {
    }

    /** A container of {@link Bench#image()} running {@code cmd}, with the benchmark label. */
    static ContainerSpec spec(String... cmd) {
        return ContainerSpec.builder(Bench.image()).cmd(cmd).label(Bench.LABEL, Bench.LABEL_VALUE).build();
    }

    /** Removes the container (forced) unless someone else already did: that must not hide why a benchmark ended. */
    static void remove(Docker docker, String id) {
        try {
            docker.containers().remove(id, RemoveOptions.force());
        } catch (NotFoundException | ConflictException e) {
            System.err.println("container " + id + " was already removed by someone else");
        }
    }

    /**
     * Fails the run when one of the containers is gone: figures measured while someone else removed them (errors,
     * short streams) say nothing about the client, so {@code scripts/bench.sh report} runs the benchmark again.
     */
    static void requirePresent(Docker docker, Collection<String> ids) {
        for (String id : ids) {
            try {
                docker.containers().inspect(id);
            } catch (NotFoundException e) {
                throw new IllegalStateException("container " + id + " was removed by someone else during the "
                        + "benchmark (the integration tests remove every container labelled " + Bench.LABEL + ")", e);
            }
        }
    }
}
