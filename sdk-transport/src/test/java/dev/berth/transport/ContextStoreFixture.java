package dev.berth.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a Docker context store the way {@code docker context create} does. */
final class ContextStoreFixture {
    /** A syntactically valid self-signed CA certificate (never used for a handshake in unit tests). */
    static final String CA = "-----BEGIN CERTIFICATE-----\n"
            + "MIIBdzCCAR2gAwIBAgIUKxVtPQzJZ0Vd0n8gQ0vH7J1XvV0wCgYIKoZIzj0EAwIw\n"
            + "-----END CERTIFICATE-----\n";

    private ContextStoreFixture() {
    }

    static void write(Path configDir, String name, String host, boolean tls) throws IOException {
        String id = DockerEnvironment.sha256(name);
        Path meta = configDir.resolve("contexts/meta").resolve(id);
        Files.createDirectories(meta);
        Files.writeString(meta.resolve("meta.json"), "{\"Name\":\"" + name + "\",\"Metadata\":{},"
                + "\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
        if (tls) {
            Path dir = configDir.resolve("contexts/tls").resolve(id).resolve("docker");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("ca.pem"), CA);
            Files.writeString(dir.resolve("cert.pem"), CA);
            Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----\n");
        }
    }
}
