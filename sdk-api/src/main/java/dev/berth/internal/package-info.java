/**
 * <b>Internal to Berth: not an API, it may change or go in any release.</b> Helpers of the client that
 * {@code dev.berth} calls, public only for that; the module does not export this package. {@code .dockerignore}
 * matching as the CLI does it ({@link dev.berth.internal.IgnoreRule}, {@link dev.berth.internal.GoRegex},
 * {@link dev.berth.internal.Nfa}), tar extraction ({@link dev.berth.internal.TarExtraction}), BuildKit's progress
 * ({@link dev.berth.internal.BuildProgress}, {@link dev.berth.internal.BuildTrace}), the Dockerfile's external
 * images ({@link dev.berth.internal.DockerfileImages}), stream readers ({@link dev.berth.internal.Demultiplexer},
 * {@link dev.berth.internal.LogLines}) and the options' shared checks and {@code toString}.
 */
package dev.berth.internal;
