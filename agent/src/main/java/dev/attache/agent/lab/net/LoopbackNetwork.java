package dev.attache.agent.lab.net;

import dev.attache.agent.lab.LabException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Every agent on 127.0.0.1 with free ports; no isolation, so partitions and packet loss are refused. */
public final class LoopbackNetwork implements LabNetwork {
    private static final String HOST = "127.0.0.1";
    private final String why;

    /** @param why why there is no isolation, for the messages of {@code partition} and {@code loss} */
    public LoopbackNetwork(String why) {
        this.why = why;
    }

    @Override
    public boolean isolated() {
        return false;
    }

    @Override
    public List<Placement> setUp(List<String> nodes) {
        List<AutoCloseable> held = new ArrayList<>();
        try {
            List<Placement> out = new ArrayList<>();
            for (String ignored : nodes) {
                out.add(new Placement(HOST, free(held), free(held), free(held), free(held), null, List.of()));
            }
            return out;
        } finally {
            for (AutoCloseable c : held) {
                try {
                    c.close();
                } catch (Exception e) {
                    // a probe socket; nothing to do
                }
            }
        }
    }

    /** A port free for both TCP and UDP (gossip uses both on one number), held until all are picked. */
    private static int free(List<AutoCloseable> held) {
        InetAddress lo = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                ServerSocket tcp = new ServerSocket();
                tcp.bind(new InetSocketAddress(lo, 0));
                held.add(tcp);
                try {
                    DatagramSocket udp = new DatagramSocket(new InetSocketAddress(lo, tcp.getLocalPort()));
                    held.add(udp);
                    return tcp.getLocalPort();
                } catch (IOException e) {
                    // UDP side taken: try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot pick a free port", e);
            }
        }
        throw LabException.error("cannot find free ports on 127.0.0.1");
    }

    @Override
    public List<String> prefix(String netns) {
        return List.of();
    }

    @Override
    public void partition(List<List<Placement>> groups) {
        throw LabException.error("partition needs root and network namespaces; this lab runs on 127.0.0.1 (" + why
                + ")");
    }

    @Override
    public void heal(List<Placement> all) {
        throw LabException.error("heal needs root and network namespaces; this lab runs on 127.0.0.1 (" + why + ")");
    }

    @Override
    public void loss(Placement node, double percent) {
        throw LabException.error("packet loss needs root and network namespaces; this lab runs on 127.0.0.1 (" + why
                + ")");
    }

    @Override
    public void tearDown() {
        // nothing was made
    }
}
