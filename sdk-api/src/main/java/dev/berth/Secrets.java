package dev.berth;

import dev.berth.errors.VersionConflictException;
import dev.berth.internal.SwarmObjects;
import dev.berth.model.SecretDetails;
import dev.berth.transport.Transport;
import java.util.List;
import java.util.Map;

/**
 * Swarm secrets: {@code docker secret create}, {@code inspect}, {@code ls}, {@code rm}, and label updates. The data
 * goes to the managers once, at create, and reaches only the tasks given the secret (as
 * {@code /run/secrets/NAME}); no call returns it, and nothing here logs or prints it. Needs a manager.
 *
 * <pre>{@code
 * String id = swarm.secrets().create("db-password", password, Map.of("env", "prod"));
 * swarm.services().create(ServiceSpec.builder("app:1").secret(id, "db-password", "db-password").build());
 * }</pre>
 */
public final class Secrets {
    private final SwarmObjects<SecretDetails> objects;

    Secrets(Transport transport) {
        this.objects = new SwarmObjects<>(transport, "/secrets", SecretDetails.class);
    }

    /**
     * {@code docker secret create} without labels: returns the new secret's id.
     *
     * @param name the secret's name
     * @param data the secret, at most 500 KiB
     * @return the new secret's id
     * @throws dev.berth.errors.ConflictException when the name is taken
     */
    public String create(String name, byte[] data) {
        return create(name, data, Map.of());
    }

    /**
     * {@code docker secret create}: returns the new secret's id.
     *
     * @param name the secret's name
     * @param data the secret, at most 500 KiB; sent base64-encoded
     * @param labels the secret's labels ({@code --label})
     * @return the new secret's id
     * @throws dev.berth.errors.ConflictException when the name is taken
     */
    public String create(String name, byte[] data, Map<String, String> labels) {
        return objects.create(name, data, labels);
    }

    /**
     * {@code docker secret inspect}: everything but the data.
     *
     * @param id the secret's id or name
     * @return the secret's spec (without its data), version and times
     * @throws dev.berth.errors.NotFoundException when there is no such secret
     */
    public SecretDetails inspect(String id) {
        return objects.inspect(id);
    }

    /**
     * {@code docker secret ls}: every secret.
     *
     * @return every secret, without data
     */
    public List<SecretDetails> list() {
        return list(Filters.none());
    }

    /**
     * {@code docker secret ls --filter ...}.
     *
     * @param filters {@code id}, {@code label}, {@code name}, {@code names}
     * @return the matching secrets, without data
     */
    public List<SecretDetails> list(Filters filters) {
        return objects.list(filters.asMap());
    }

    /**
     * Replaces the secret's labels, the only thing that can change; the data cannot.
     *
     * @param id the secret's id or name
     * @param version the {@code Version.Index} the change was computed from
     * @param labels the labels from now on (all of them)
     * @throws VersionConflictException when the secret changed since {@code version}
     */
    public void update(String id, long version, Map<String, String> labels) {
        objects.update(id, version, labels);
    }

    /**
     * {@code docker secret rm}.
     *
     * @param id the secret's id or name
     * @throws dev.berth.errors.NotFoundException when there is no such secret
     * @throws dev.berth.errors.BadRequestException when a service uses it (engine 20.10 answers 400)
     */
    public void remove(String id) {
        objects.remove(id);
    }
}
