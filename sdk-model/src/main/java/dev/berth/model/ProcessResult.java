package dev.berth.model;

/**
 * What a finished process left: its exit code and everything it wrote. Returned by {@code exec} and by an attached
 * {@code run}.
 *
 * <pre>{@code
 * ProcessResult r = docker.containers().exec(id, "ls", "/www");
 * if (r.exitCode() == 0) System.out.print(r.stdout());
 * }</pre>
 *
 * @param exitCode the process's exit status
 * @param stdout what it wrote to standard output (with a TTY: all its output)
 * @param stderr what it wrote to standard error (empty with a TTY)
 */
public record ProcessResult(long exitCode, String stdout, String stderr) {

    /** {@return whether the process exited with status 0} */
    public boolean succeeded() {
        return exitCode == 0;
    }
}
