package dev.attache.cluster.impl;

import io.atomix.cluster.messaging.impl.ProtocolVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The opening exchange of Atomix's messaging, which every pool and Raft group of an agent listens with: the client
 * sends its cluster id's hash and its protocol version, a server of the same cluster id answers with the same two
 * fields, and a server of another cluster id closes the connection without a word. A join runs it first to learn
 * what listens at an address: a push/pull sent to anything but a member of its own pool gets no answer and would
 * wait out the whole join budget.
 */
final class MessagingHandshake {

    /**
     * What listens with a cluster id, in the words of a join's error.
     *
     * @param clusterId   the Atomix cluster id
     * @param description what it is: "the LAN pool of datacenter 'dc1'"
     * @param gossip      whether it is a gossip pool (or a server's RPC port)
     * @param strangers   what else mostly refuses its handshake, for a join that finds neither it nor a neighbour
     */
    record Listener(String clusterId, String description, boolean gossip, String strangers) {
        static Listener lan(String datacenter) {
            return new Listener("lan-" + datacenter, "the LAN pool of datacenter '" + datacenter + "'", true,
                    "an agent of another datacenter");
        }

        static Listener wan() {
            return new Listener("wan", "the WAN pool", true, "a LAN port of another datacenter");
        }

        /** Everything an agent of {@code datacenter} listens with: its LAN pool, the WAN pool, its Raft group. */
        static List<Listener> ofAgent(String datacenter) {
            return List.of(lan(datacenter), wan(), raft(datacenter));
        }

        static Listener raft(String datacenter) {
            return new Listener("raft-" + datacenter,
                    "the server RPC port of an agent of datacenter '" + datacenter + "'", false,
                    "a server of another datacenter");
        }
    }

    /** What answered the handshake. */
    enum Answer {
        /** A listener of the cluster id offered. */
        SAME_CLUSTER,
        /** The peer closed the connection without answering: an Atomix listener of another cluster id, mostly. */
        CLOSED,
        /** The peer answered something else: not Atomix's messaging. */
        OTHER_PROTOCOL,
        /** No answer within the read timeout. */
        SILENT
    }

    /** The answer, and the first bytes the peer sent (empty when it closed). */
    record Result(Answer answer, byte[] head) {
        /** Whether the peer's first bytes are an HTTP status line. */
        boolean isHttp() {
            return head.length >= 5 && new String(head, 0, 5, StandardCharsets.US_ASCII).equals("HTTP/");
        }
    }

    private static final int HANDSHAKE_LENGTH = 6; // int preamble + short version, each way

    private MessagingHandshake() {
    }

    /**
     * Connects to {@code address} and offers the handshake of {@code clusterId}.
     *
     * @throws IOException when the connection cannot be made in time, or breaks during the answer
     */
    static Result offer(InetSocketAddress address, String clusterId, Duration connectTimeout, Duration readTimeout)
            throws IOException {
        int preamble = clusterId.hashCode(); // as Atomix's NettyMessagingService derives it
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) Math.max(1, readTimeout.toMillis()));
            // One write, as Atomix's client sends it: its server reads the handshake from the first segment alone.
            socket.setTcpNoDelay(true);
            socket.getOutputStream().write(ByteBuffer.allocate(HANDSHAKE_LENGTH)
                    .putInt(preamble).putShort(ProtocolVersion.latest().version()).array());
            byte[] head;
            try {
                head = readUpTo(socket.getInputStream(), HANDSHAKE_LENGTH);
            } catch (SocketTimeoutException silent) {
                return new Result(Answer.SILENT, new byte[0]);
            }
            if (head.length == 0) {
                return new Result(Answer.CLOSED, head);
            }
            boolean same = head.length == HANDSHAKE_LENGTH && ByteBuffer.wrap(head).getInt() == preamble;
            return new Result(same ? Answer.SAME_CLUSTER : Answer.OTHER_PROTOCOL, head);
        }
    }

    /** Reads until {@code n} bytes or the end of the stream; a reset before any byte counts as the end. */
    private static byte[] readUpTo(InputStream in, int n) throws IOException {
        byte[] buffer = new byte[n];
        int read = 0;
        try {
            while (read < n) {
                int r = in.read(buffer, read, n - read);
                if (r < 0) {
                    break;
                }
                read += r;
            }
        } catch (SocketException reset) {
            if (read > 0) {
                throw reset;
            }
        }
        return Arrays.copyOf(buffer, read);
    }
}
