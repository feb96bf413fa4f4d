package dev.attache.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.acl.AclException;
import dev.attache.cluster.NoLeaderException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorMapperTest {

    static Stream<Arguments> aclKinds() {
        return Stream.of(
                Arguments.of(AclException.Kind.INVALID, 500),
                Arguments.of(AclException.Kind.ACL_NOT_FOUND, 403),
                Arguments.of(AclException.Kind.PERMISSION_DENIED, 403),
                Arguments.of(AclException.Kind.NOT_FOUND, 404),
                Arguments.of(AclException.Kind.DISABLED, 500));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("aclKinds")
    void aclExceptionsMapByKindAndKeepTheirMessage(AclException.Kind kind, int status) {
        ApiException e = ErrorMapper.map(new CompletionException(new AclException(kind, "the text")), "GET /x");
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.getMessage()).isEqualTo("the text");
    }

    @Test
    void noLeaderIs500NoClusterLeader() {
        ApiException e = ErrorMapper.map(new NoLeaderException(), "GET /x");
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.getMessage()).isEqualTo("No cluster leader");
    }

    @Test
    void errorWithHeadersMapsItsCauseAndAddsTheHeaders() {
        ApiException e = ErrorMapper.map(new CompletionException(ErrorWithHeaders.of(
                AclException.aclNotFound("ACL not found"), Map.of("X-Consul-Index", "1"))), "GET /x");
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.getMessage()).isEqualTo("ACL not found");
        assertThat(e.headers()).containsExactly(Map.entry("X-Consul-Index", "1"));
        ApiException generic = ErrorMapper.map(ErrorWithHeaders.of(new IllegalStateException("internal"),
                Map.of("X-A", "b")), "GET /x");
        assertThat(generic.getMessage()).isEqualTo(ErrorMapper.GENERIC_500);
        assertThat(generic.headers()).containsEntry("X-A", "b");
    }
}
