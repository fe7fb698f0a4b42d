package dev.berth.transport.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes sockets over a Windows named pipe such as {@code \\.\pipe\docker_engine}, opened as a file for reading and
 * writing. When every pipe instance is busy the open is retried until the connect timeout.
 *
 * <pre>{@code
 * new OkHttpClient.Builder().socketFactory(new NamedPipeSocketFactory("\\\\.\\pipe\\docker_engine"));
 * }</pre>
 *
 * <p>A pipe handle opened this way is synchronous: a read and a write on it do not overlap, which is fine for
 * request/response calls. Interactive sessions (attach, exec -it) need a TCP or Unix endpoint.
 */
public final class NamedPipeSocketFactory extends ChannelSocketFactory {
    private static final int BUSY_RETRY_MILLIS = 50;
    private final String pipe;

    /** @param pipe the pipe's path, such as {@code \\.\pipe\docker_engine} */
    public NamedPipeSocketFactory(String pipe) {
        this.pipe = pipe;
    }

    @Override
    public Socket createSocket() {
        return new ChannelSocket("npipe://" + pipe.replace('\\', '/'), (ignored, timeout) -> open(timeout));
    }

    private FileChannel open(int connectTimeoutMillis) throws IOException {
        long deadline = System.nanoTime() + Math.max(connectTimeoutMillis, BUSY_RETRY_MILLIS) * 1_000_000L;
        while (true) {
            try {
                return FileChannel.open(Path.of(pipe), StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                throw e;
            } catch (IOException busy) {
                // ERROR_PIPE_BUSY surfaces as a plain IOException: all instances are taken, try again shortly.
                if (System.nanoTime() > deadline) {
                    throw busy;
                }
                try {
                    Thread.sleep(BUSY_RETRY_MILLIS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new FileNotFoundException("interrupted while waiting for " + pipe);
                }
            }
        }
    }
}
