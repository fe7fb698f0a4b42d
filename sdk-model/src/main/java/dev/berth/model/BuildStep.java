package dev.berth.model;

/**
 * One step of a BuildKit build (a vertex of its graph), as {@code docker build --progress=plain} numbers and names it.
 *
 * <pre>{@code
 * // #5 [2/3] RUN make
 * step.number();  // 5
 * step.name();    // "[2/3] RUN make"
 * }</pre>
 *
 * @param number the step's number in the order BuildKit first reported it, from 1 (the {@code #5} of plain progress)
 * @param name the step as BuildKit names it, such as {@code [2/3] RUN make} or
 *        {@code [internal] load build definition from Dockerfile}
 * @param digest the vertex digest BuildKit identifies the step by ({@code sha256:...})
 */
public record BuildStep(int number, String name, String digest) {

    /** {@code #number name}. */
    @Override
    public String toString() {
        return "#" + number + " " + name;
    }
}
