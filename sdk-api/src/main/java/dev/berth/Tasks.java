package dev.berth;

import com.fasterxml.jackson.databind.JavaType;
import dev.berth.model.TaskDetails;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.Json;
import dev.berth.transport.Transport;
import java.util.List;

/**
 * Swarm tasks: {@code docker service ps} and {@code docker inspect} of a task. Needs a manager; elsewhere calls raise
 * {@link dev.berth.errors.ServiceUnavailableException} ("This node is not a swarm manager...").
 *
 * <pre>{@code
 * List<TaskDetails> running = swarm.tasks().list(Filters.of("service", "web").and("desired-state", "running"));
 * }</pre>
 */
public final class Tasks {
    private static final JavaType LIST =
            Json.typeFactory().constructCollectionType(List.class, TaskDetails.class);

    private final Transport transport;

    Tasks(Transport transport) {
        this.transport = transport;
    }

    /**
     * Every task of every service, old ones included.
     *
     * @return the tasks, as the daemon lists them
     */
    public List<TaskDetails> list() {
        return list(Filters.none());
    }

    /**
     * {@code docker service ps --filter ...} across services: the tasks the filters select.
     *
     * @param filters {@code service} (name or id), {@code node}, {@code desired-state} ({@code running},
     *        {@code shutdown}, {@code accepted}), {@code id}, {@code name}, {@code label}
     * @return the matching tasks
     */
    public List<TaskDetails> list(Filters filters) {
        return transport.json(ApiRequest.get("/tasks").filters(filters.asMap()).build(), LIST);
    }

    /**
     * {@code docker service ps SERVICE}: every task of one service, old ones included.
     *
     * @param service the service's name or id
     * @return the service's tasks, ended ones included
     */
    public List<TaskDetails> ofService(String service) {
        return list(Filters.of("service", service));
    }

    /**
     * {@code docker inspect TASK}.
     *
     * @param id the task's id
     * @return the task, with its status and the container it runs
     * @throws dev.berth.errors.NotFoundException when there is no such task
     */
    public TaskDetails inspect(String id) {
        return transport.json(ApiRequest.get("/tasks/{id}", id).build(), TaskDetails.class);
    }
}
