package dev.attache.cluster;

import static dev.attache.cluster.TestAgents.lanAddress;
import static dev.attache.cluster.TestAgents.wanAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Joins to an address where something other than a member of the pool listens: another datacenter's LAN pool, the
 * other pool of this datacenter, a server's RPC port, a service that speaks another protocol. Each fails at once
 * (a Consul join to such an address fails in its push/pull) and says what was found there, where a push/pull to it
 * would wait out the join's 10 s and report a read timeout.
 */
class WrongAddressJoinTest {

    /** Well under the join's 10 s budget. */
    private static final Duration AT_ONCE = Duration.ofSeconds(4);

    @RegisterExtension
    final TestAgents agents = new TestAgents();

    @Test
    void aJoinToAnAgentOfAnotherDatacentersLanPoolFailsSayingSo() {
        List<AgentCluster> two = twoServers("t1", "dc2");
        AgentCluster s1 = two.get(0);
        String address = lanAddress(two.get(1));

        assertJoinFails(s1.lan(), address, "1 error occurred:\n\t* Failed to join " + address
                + ": the agent at " + address + " is not in the LAN pool of datacenter 'dc1' "
                + "(it closed the connection at the gossip handshake: an agent of another datacenter, "
                + "or not a gossip port)\n\n");
        assertJoinFails(s1.wan().orElseThrow(), address, "1 error occurred:\n\t* Failed to join " + address
                + ": the agent at " + address + " is not in the WAN pool "
                + "(it closed the connection at the gossip handshake: a LAN port of another datacenter, "
                + "or not a gossip port)\n\n");
        assertThat(two.get(1).lan().members()).extracting(Member::name).containsExactly("t1");
    }

    @Test
    void aLanJoinToAWanPortAndAWanJoinToALanPortNameThePoolFoundThere() {
        List<AgentCluster> two = twoServers("s2", "dc1");
        AgentCluster s1 = two.get(0);
        AgentCluster s2 = two.get(1);

        assertJoinFails(s1.lan(), wanAddress(s2), "1 error occurred:\n\t* Failed to join " + wanAddress(s2)
                + ": the agent at " + wanAddress(s2) + " is in the WAN pool, not in the LAN pool of datacenter "
                + "'dc1'\n\n");
        assertJoinFails(s1.wan().orElseThrow(), lanAddress(s2), "1 error occurred:\n\t* Failed to join "
                + lanAddress(s2) + ": the agent at " + lanAddress(s2) + " is in the LAN pool of datacenter 'dc1', "
                + "not in the WAN pool\n\n");
        // Both pools still work.
        s1.lan().join(lanAddress(s2)).orTimeout(10, TimeUnit.SECONDS).join();
        s1.wan().orElseThrow().join(wanAddress(s2)).orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(s1.lan().members()).extracting(Member::name).containsExactly("s1", "s2");
        assertThat(s1.wan().orElseThrow().members()).extracting(Member::name).containsExactly("s1.dc1", "s2.dc1");
    }

    @Test
    void aJoinToAServersRpcPortSaysItIsNotAGossipPort() {
        AgentCluster server = agents.start(agents.config("s1", true, 1, List.of()));
        AgentCluster client = agents.start(agents.config("c1", false, 0, List.of()));
        String address = "127.0.0.1:" + server.serverPort();
        await("the Raft group listening").atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.serverPort())) {
                return true;
            }
        });

        assertJoinFails(client.lan(), address, "1 error occurred:\n\t* Failed to join " + address + ": "
                + address + " is the server RPC port of an agent of datacenter 'dc1', not a gossip port\n\n");
    }

    @Test
    void aJoinToAServiceOfAnotherProtocolSaysItDoesNotSpeakGossip() throws Exception {
        AgentCluster a = agents.start(agents.config("a", false, 0, List.of()));
        try (ServerSocket http = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answerHttp(http), "fake-http");
            server.setDaemon(true);
            server.start();
            String address = "127.0.0.1:" + http.getLocalPort();

            assertJoinFails(a.lan(), address, "1 error occurred:\n\t* Failed to join " + address
                    + ": the service at " + address + " does not speak the gossip protocol (it answered in HTTP)\n\n");
        }
    }

    /** Server s1 of dc1 and a second server, started apart (no Raft group). */
    private List<AgentCluster> twoServers(String second, String dcOfSecond) {
        return agents.startAll(List.of(
                agents.server("s1", "dc1", List.of(), List.of()),
                agents.server(second, dcOfSecond, List.of(), List.of())));
    }

    private static void assertJoinFails(Membership pool, String address, String message) {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> pool.join(address).get(15, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(JoinException.class)
                .hasMessage(message);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(AT_ONCE);
        assertThat(pool.members()).hasSize(1);
    }

    /** Reads whatever a client sends first and answers it as an HTTP server answers a request it cannot parse. */
    private static void answerHttp(ServerSocket http) {
        while (!http.isClosed()) {
            try (Socket s = http.accept()) {
                InputStream in = s.getInputStream();
                in.read(new byte[64]);
                OutputStream out = s.getOutputStream();
                out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closed) {
                return;
            }
        }
    }
}
