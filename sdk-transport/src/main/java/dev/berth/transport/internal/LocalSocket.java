package dev.berth.transport.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;

/**
 * What a {@link Socket} over something other than TCP (a socket file, a pipe, a child process) shares: the read
 * timeout setting OkHttp uses, TCP options accepted and ignored (as the JDK's Unix channels do), and a loopback
 * address to report. Subclasses provide the streams, connect, half-close and close.
 */
public abstract class LocalSocket extends Socket {
    /** The read timeout in milliseconds; 0 is none. Subclasses honour it when they read. */
    volatile int soTimeoutMillis;
    volatile boolean closed;
    volatile boolean inputShutdown;
    volatile boolean outputShutdown;

    /** Whether {@code connect} has opened the underlying channel, pipe or process. */
    abstract boolean isOpened();

    /** The stream {@link #getInputStream()} hands out. */
    abstract InputStream input();

    /** The stream {@link #getOutputStream()} hands out. */
    abstract OutputStream output();

    @Override
    public boolean isConnected() {
        return isOpened();
    }

    @Override
    public boolean isBound() {
        return isOpened();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isInputShutdown() {
        return inputShutdown;
    }

    @Override
    public boolean isOutputShutdown() {
        return outputShutdown;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        requireOpen();
        return input();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        requireOpen();
        return output();
    }

    void requireOpen() throws SocketException {
        if (closed) {
            throw new SocketException("Socket is closed");
        }
        if (!isOpened()) {
            throw new SocketException("Socket is not connected");
        }
    }

    @Override
    public void connect(SocketAddress ignored) throws IOException {
        connect(ignored, 0);
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout < 0");
        }
        soTimeoutMillis = timeout;
    }

    @Override
    public int getSoTimeout() {
        return soTimeoutMillis;
    }

    @Override
    public void setTcpNoDelay(boolean on) {
    }

    @Override
    public void setKeepAlive(boolean on) {
    }

    @Override
    public void setSendBufferSize(int size) {
    }

    @Override
    public void setReceiveBufferSize(int size) {
    }

    @Override
    public InetAddress getInetAddress() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public int getPort() {
        return 0;
    }

    @Override
    public int getLocalPort() {
        return 0;
    }
}
