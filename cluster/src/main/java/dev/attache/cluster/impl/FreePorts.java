package dev.attache.cluster.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Picks a port free for both TCP and UDP on an address. Atomix needs a concrete port before it builds, and its
 * messaging (TCP) and unicast gossip (UDP) share the number.
 */
final class FreePorts {

    private static final int ATTEMPTS = 20;

    private FreePorts() {
    }

    static int pick(InetAddress bind) {
        IOException last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.setReuseAddress(false);
                tcp.bind(new InetSocketAddress(bind, 0));
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(bind, port))) {
                    return udp.getLocalPort();
                } catch (IOException udpTaken) {
                    last = udpTaken;
                }
            } catch (IOException e) {
                last = e;
            }
        }
        throw new UncheckedIOException("no free TCP+UDP port on " + bind.getHostAddress(), last);
    }

    /**
     * Fails with {@link dev.attache.cluster.PortInUseException} when a configured port is taken, so that an
     * agent refuses to start (as Consul does) rather than running without a listener. TCP always; UDP too
     * when {@code udp} (the gossip port).
     */
    static void requireFree(InetAddress bind, int port, boolean udp, String listener) {
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.setReuseAddress(true);
            tcp.bind(new InetSocketAddress(bind, port));
        } catch (IOException e) {
            throw new dev.attache.cluster.PortInUseException(listener, JoinTarget.hostPort(bind, port));
        }
        if (udp) {
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(bind, port))) {
                socket.getLocalPort();
            } catch (IOException e) {
                throw new dev.attache.cluster.PortInUseException(listener, JoinTarget.hostPort(bind, port));
            }
        }
    }
}
