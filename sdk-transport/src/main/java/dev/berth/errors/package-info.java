/**
 * Every exception Berth throws, all unchecked, all under {@link dev.berth.errors.DockerException}, which carries the
 * HTTP status, the daemon's message and the failed request.
 *
 * <p>An error answer becomes the exception of its status: 400 {@link dev.berth.errors.BadRequestException}, 401
 * {@link dev.berth.errors.UnauthorizedException}, 403 {@link dev.berth.errors.ForbiddenException}, 404
 * {@link dev.berth.errors.NotFoundException}, 409 {@link dev.berth.errors.ConflictException}, 500
 * {@link dev.berth.errors.ServerErrorException}, 503 {@link dev.berth.errors.ServiceUnavailableException}; any other
 * status a plain {@code DockerException}. A swarm update against a stale version is a
 * {@link dev.berth.errors.VersionConflictException} (a 409). A daemon that cannot be reached is a
 * {@link dev.berth.errors.DaemonUnreachableException} ({@link dev.berth.errors.TlsHandshakeException} when the TLS
 * handshake failed); one whose API version is too old, for Berth or for a call, an
 * {@link dev.berth.errors.ApiVersionException}; an error inside a stream is a
 * {@link dev.berth.errors.StreamException} ({@link dev.berth.errors.BuildFailedException} for a build); a call
 * stopped on the caller's side is a {@link dev.berth.errors.CallCancelledException}.
 *
 * <p>Failures on the caller's side have status 0 and no request: an unusable host address
 * ({@link dev.berth.errors.InvalidDockerHostException}), registry credentials
 * ({@link dev.berth.errors.CredentialsException}), a {@code .dockerignore} line
 * ({@link dev.berth.errors.InvalidIgnorePatternException}), an archive entry refused on extraction
 * ({@link dev.berth.errors.UnsafeArchiveException}). Invalid arguments to builders and options are
 * {@link IllegalArgumentException}s, as everywhere in Java.
 */
@NullMarked
package dev.berth.errors;

import org.jspecify.annotations.NullMarked;
