package org.vpsconnector.application.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A daemon that accepts every connection, reads nothing and answers nothing, as a hung Docker
 * engine or libvirtd does; closes them all at the end.
 */
public final class SilentServer implements AutoCloseable {
    private final ServerSocketChannel server;
    private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private SilentServer(ServerSocketChannel server) {
        this.server = server;
        this.acceptor = new Thread(this::acceptForEver, "silent-server");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    public static SilentServer onUnixSocket(Path socket) throws IOException {
        return new SilentServer(ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket)));
    }

    public static SilentServer onLoopback() throws IOException {
        return new SilentServer(ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    }

    public int port() throws IOException {
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    /** Connections accepted so far. */
    public int accepted() {
        return connections.size();
    }

    private void acceptForEver() {
        try {
            while (true) {
                connections.add(server.accept());
            }
        } catch (IOException closed) {
            // The test is over.
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        acceptor.join(5_000);
        for (SocketChannel connection : connections) {
            connection.close();
        }
    }
}
