package dev.berth.transport.internal;

import java.io.IOException;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Makes sockets that connect to one Unix domain socket file, through the JDK's own {@link UnixDomainSocketAddress}
 * channels (no native code). OkHttp pools and reuses them like TCP connections.
 *
 * <pre>{@code
 * OkHttpClient http = new OkHttpClient.Builder()
 *         .socketFactory(new UnixSocketFactory(Path.of("/var/run/docker.sock")))
 *         .build();
 * }</pre>
 */
public final class UnixSocketFactory extends ChannelSocketFactory {
    private final Path path;

    /** @param path the socket file, such as {@code /var/run/docker.sock} */
    public UnixSocketFactory(Path path) {
        this.path = path;
    }

    @Override
    public Socket createSocket() {
        return new ChannelSocket("unix://" + path, (ignored, timeout) -> {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(path));
                return ch;
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        });
    }
}
