package dev.berth.examples.modular;

import dev.berth.CredentialStore;
import dev.berth.Docker;
import dev.berth.model.ContainerSpec;
import dev.berth.model.ContainerSummary;
import dev.berth.model.NetworkSpec;
import java.nio.file.Path;
import java.util.Map;

/**
 * Pings the daemon at {@code args[0]}, lists its containers, creates a container and a network, printing what came
 * back. Jackson reads the answers into records (the model's, and the client's own private answer records) and writes
 * {@code NetworkSpec} from its private fields: that works only when Berth's modules open those packages to Jackson.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // No credentials: the developer's docker config must not be read by a test.
        try (Docker docker = Docker.builder().host(args[0])
                .credentials(new CredentialStore(Path.of("/nonexistent"), Map.of())).build()) {
            System.out.println("ping " + docker.system().ping().apiVersion());
            for (ContainerSummary c : docker.containers().list()) {
                System.out.println("container " + c.names() + " " + c.image());
            }
            System.out.println("created " + docker.containers().create(ContainerSpec.builder("busybox").build()));
            System.out.println("network " + docker.networks().create(NetworkSpec.builder("app-net")
                    .subnet("10.10.0.0/24").build()));
            System.out.println("module " + Docker.class.getModule().getName());
        }
    }
}
