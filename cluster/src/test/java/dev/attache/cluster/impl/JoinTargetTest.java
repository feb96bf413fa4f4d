package dev.attache.cluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class JoinTargetTest {

    static Stream<Arguments> addresses() {
        return Stream.of(
                Arguments.of("host only", "10.0.0.1", "10.0.0.1", 8301),
                Arguments.of("host and port", "10.0.0.1:9000", "10.0.0.1", 9000),
                Arguments.of("name and port", "localhost:9000", "localhost", 9000),
                Arguments.of("bracketed v6 with port", "[::1]:9000", "::1", 9000),
                Arguments.of("bracketed v6", "[::1]", "::1", 8301),
                Arguments.of("bare v6", "fe80::1", "fe80::1", 8301));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addresses")
    void parsesConsulJoinAddresses(String name, String input, String host, int port) throws Exception {
        JoinTarget t = JoinTarget.parse(input, 8301);

        assertThat(t.host()).isEqualTo(host);
        assertThat(t.port()).isEqualTo(port);
    }

    @Test
    void rejectsBadPortsAndEmptyAddresses() {
        assertThatThrownBy(() -> JoinTarget.parse("10.0.0.1:99999", 8301))
                .hasMessage("Failed to resolve 10.0.0.1:99999: address 10.0.0.1:99999: invalid port");
        assertThatThrownBy(() -> JoinTarget.parse("", 8301)).hasMessageStartingWith("Failed to resolve ");
    }

    @Test
    void writesConsulsDialFailuresAndMultiErrors() throws Exception {
        String hp = JoinTarget.hostPort(InetAddress.getByName("127.0.0.1"), 9999);
        String v6 = JoinTarget.hostPort(InetAddress.getByName("::1"), 9999);

        assertThat(v6).isEqualTo("[::1]:9999");
        assertThat(JoinTarget.ipLiteral(InetAddress.getByName("fe80:0:0:1:0:0:0:2"))).isEqualTo("fe80:0:0:1::2");
        assertThat(JoinTarget.ipLiteral(InetAddress.getByName("2001:db8::"))).isEqualTo("2001:db8::");
        assertThat(JoinTarget.ipLiteral(InetAddress.getByName("::"))).isEqualTo("::");
        assertThat(JoinTarget.ipLiteral(InetAddress.getByName("1:2:3:4:5:6:0:8"))).isEqualTo("1:2:3:4:5:6:0:8");
        assertThat(JoinTarget.dialFailure(hp, new ConnectException("Connection refused")))
                .isEqualTo("Failed to join 127.0.0.1:9999: dial tcp 127.0.0.1:9999: connect: connection refused");
        assertThat(JoinTarget.dialFailure(hp, new SocketTimeoutException("connect timed out")))
                .isEqualTo("Failed to join 127.0.0.1:9999: dial tcp 127.0.0.1:9999: i/o timeout");
        assertThat(JoinTarget.multiError(List.of("a")))
                .isEqualTo("1 error occurred:\n\t* a\n\n");
        assertThat(JoinTarget.multiError(List.of("a", "b")))
                .isEqualTo("2 errors occurred:\n\t* a\n\t* b\n\n");
    }
}
