package dev.berth;

import com.fasterxml.jackson.databind.JavaType;
import dev.berth.model.TaskDetails;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.Json;
import dev.berth.transport.Transport;
import java.util.List;
import java.util.Map;

/**
 * Swarm tasks: {@code docker service ps} and {@code docker inspect} of a task. Needs a manager; elsewhere calls raise
 * {@link dev.berth.errors.ServiceUnavailableException} ("This node is not a swarm manager...").
 *
 * <pre>{@code
 * List<TaskDetails> running = swarm.tasks().list(Map.of("service", List.of("web"),
 *         "desired-state", List.of("running")));
 * }</pre>
 */
public final class Tasks {
    private static final JavaType LIST =
            Json.mapper().getTypeFactory().constructCollectionType(List.class, TaskDetails.class);

    private final Transport transport;

    Tasks(Transport transport) {
        this.transport = transport;
    }

    /**
     * {@code docker service ps} across services: the tasks the filters select.
     *
     * @param filters {@code service} (name or id), {@code node}, {@code desired-state} ({@code running},
     *        {@code shutdown}, {@code accepted}), {@code id}, {@code name}, {@code label}; empty for all
     */
    public List<TaskDetails> list(Map<String, List<String>> filters) {
        return transport.json(ApiRequest.get("/tasks").filters(filters).build(), LIST);
    }

    /** {@code docker service ps SERVICE}: every task of one service, old ones included. */
    public List<TaskDetails> ofService(String service) {
        return list(Map.of("service", List.of(service)));
    }

    /**
     * {@code docker inspect TASK}.
     *
     * @throws dev.berth.errors.NotFoundException when there is no such task
     */
    public TaskDetails inspect(String id) {
        return transport.json(ApiRequest.get("/tasks/{id}", id).build(), TaskDetails.class);
    }
}
