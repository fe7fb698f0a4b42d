package dev.berth.transport.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import javax.net.SocketFactory;

/**
 * Makes TCP sockets over the JDK's {@link SocketChannel} (as {@link ChannelSocket}s) instead of the plain
 * {@code java.net.Socket}: on a platform thread, an interrupt does not end a read blocked in a plain socket, while it
 * ends one in a channel (and a connect, and a write). TLS layers on top as on any socket. {@code TCP_NODELAY} is on,
 * as in Go's client: a request or an attached keystroke leaves at once, and writes are already gathered in the
 * socket's 64 KiB buffer until OkHttp flushes.
 */
public final class TcpSocketFactory extends SocketFactory {
    private final String description;

    /** @param description what messages call the connection, such as {@code tcp://build-box:2376} */
    public TcpSocketFactory(String description) {
        this.description = description;
    }

    /** An unconnected socket; {@code connect} opens the channel to the address OkHttp gives. */
    @Override
    public Socket createSocket() {
        return new ChannelSocket(description, TcpSocketFactory::open);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port));
    }

    private Socket connected(SocketAddress address) throws IOException {
        Socket s = createSocket();
        s.connect(address);
        return s;
    }

    private static ByteChannel open(SocketAddress address, int timeoutMillis) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            // The channel's socket adapter connects with a timeout, and an interrupt ends the wait.
            ch.socket().connect(address, timeoutMillis);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "TcpSocketFactory[" + description + "]";
    }
}
