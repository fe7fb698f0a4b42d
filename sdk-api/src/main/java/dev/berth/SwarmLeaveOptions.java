package dev.berth;

/**
 * How {@link Swarm#leave(SwarmLeaveOptions)} leaves ({@code docker swarm leave [--force]}).
 *
 * @param forced leave even as a manager, which on the last manager loses the swarm ({@code --force})
 */
public record SwarmLeaveOptions(boolean forced) {

    /** {@return leave as a worker does; a manager is refused} */
    public static SwarmLeaveOptions defaults() {
        return new SwarmLeaveOptions(false);
    }

    /** {@return leave even as a manager ({@code --force})} */
    public static SwarmLeaveOptions force() {
        return new SwarmLeaveOptions(true);
    }
}
