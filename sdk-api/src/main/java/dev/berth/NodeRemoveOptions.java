package dev.berth;

/**
 * How {@link Nodes#remove(String, NodeRemoveOptions)} removes ({@code docker node rm [--force]}).
 *
 * @param forced remove the node even when it is up ({@code --force})
 */
public record NodeRemoveOptions(boolean forced) {

    /** {@return remove only a node that is down} */
    public static NodeRemoveOptions defaults() {
        return new NodeRemoveOptions(false);
    }

    /** {@return remove the node even when it is up ({@code --force})} */
    public static NodeRemoveOptions force() {
        return new NodeRemoveOptions(true);
    }
}
