/**
 * <b>Internal to Berth: not an API, it may change or go in any release.</b> What the transport is built from,
 * public only so that {@code dev.berth.transport} can use it; the module does not export this package. The socket
 * factories OkHttp connects through (Unix sockets, TCP, Windows named pipes, {@code ssh}), the sockets over channels
 * and child processes, the state of a call in flight and of a transport view ({@link
 * dev.berth.transport.internal.InFlightCall}, {@link dev.berth.transport.internal.CallScope}), and the mapping of
 * error answers to exceptions ({@link dev.berth.transport.internal.ErrorMapper}).
 */
package dev.berth.transport.internal;
