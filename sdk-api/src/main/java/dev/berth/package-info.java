/**
 * The Berth client: {@link dev.berth.Docker}, one class per Engine API area, and the options of their calls.
 *
 * <pre>{@code
 * try (Docker docker = Docker.connect()) {   // DOCKER_HOST, the current context, or the default socket
 *     ContainerSpec spec = ContainerSpec.builder("demo/busybox:1").cmd("sleep", "60").build();
 *     ContainerDetails c = docker.containers().run(spec);   // docker run -d
 *     docker.containers().stop(c.id());                     // docker stop
 * }
 * }</pre>
 *
 * <p><b>Areas</b> follow the {@code docker} CLI's commands: {@link dev.berth.Containers} ({@code docker run},
 * {@code ps}, {@code exec}, {@code logs}, ...), {@link dev.berth.ContainerFiles} ({@code docker cp}),
 * {@link dev.berth.Images} (including {@code docker build}), {@link dev.berth.Networks}, {@link dev.berth.Volumes},
 * {@link dev.berth.Swarm} with its nodes, services, tasks, secrets and configs, {@link dev.berth.Plugins},
 * {@link dev.berth.Registries} ({@code docker login}) and {@link dev.berth.DockerSystem} ({@code docker info},
 * {@code events}). Each method is one call (or a few, such as {@code run}), names the CLI command or API endpoint it
 * stands for, and throws the {@link dev.berth.errors.DockerException} subclass of the daemon's answer.
 *
 * <p><b>Options</b> are immutable values next to their area, started from a static factory ({@code defaults()}, or
 * one named for the common case) and changed with {@code withX(...)} methods that return a copy; the common case
 * keeps a shorter overload. Filters are {@link dev.berth.Filters} everywhere. Answers are the records of
 * {@code dev.berth.model}.
 *
 * <p><b>Streams</b> (logs, events, stats, pulls, builds, attach and exec sessions) are pulled by the caller's thread
 * and closeable; closing one, interrupting its thread, or the deadline of a {@link dev.berth.Docker#withTimeout}
 * view stops the call with a {@link dev.berth.errors.CallCancelledException}.
 *
 * <p>On the caller's side, {@link dev.berth.CredentialStore} reads and writes registry credentials as the CLI does,
 * {@link dev.berth.DockerIgnore} reads {@code .dockerignore} files, and {@link dev.berth.TarArchives} writes build
 * contexts and extracts archives safely.
 */
@NullMarked
package dev.berth;

import org.jspecify.annotations.NullMarked;
