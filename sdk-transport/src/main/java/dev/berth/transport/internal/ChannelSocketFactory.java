package dev.berth.transport.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * A socket factory whose sockets ignore the host and port they are given and connect to one fixed channel (a
 * socket file or a pipe). OkHttp calls {@link #createSocket()} and then {@code connect}.
 */
public abstract class ChannelSocketFactory extends SocketFactory {

    /** An unconnected socket; {@code connect} opens the channel. */
    @Override
    public abstract Socket createSocket();

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected();
    }

    private Socket connected() throws IOException {
        Socket s = createSocket();
        s.connect(null);
        return s;
    }
}
