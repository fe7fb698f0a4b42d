package dev.berth.errors;

import org.jspecify.annotations.Nullable;

/**
 * The TLS handshake with the daemon failed: an untrusted server certificate (wrong CA), a host name the certificate
 * does not cover, or a client certificate the daemon refused.
 *
 * <pre>{@code
 * catch (TlsHandshakeException e) { e.endpoint(); } // "tcp://127.0.0.1:2376"
 * }</pre>
 */
public class TlsHandshakeException extends DaemonUnreachableException {
    private static final long serialVersionUID = 1L;

    /**
     * @param endpoint the daemon address
     * @param detail what failed
     * @param request the method and path, or null
     * @param cause the TLS failure
     */
    public TlsHandshakeException(String endpoint, String detail, @Nullable String request, Throwable cause) {
        super(endpoint, detail, request, cause);
    }
}
