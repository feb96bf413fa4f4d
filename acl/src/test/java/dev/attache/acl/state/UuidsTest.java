package dev.attache.acl.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UuidsTest {

    static Stream<Arguments> parseErrors() {
        return Stream.of(
                Arguments.of(Named.of("valid", "6a1253d2-1785-24fd-91c2-f8e78c745511"), null),
                Arguments.of(Named.of("valid upper case", "6A1253D2-1785-24FD-91C2-F8E78C745511"), null),
                Arguments.of(Named.of("short", "abc"), "uuid string is wrong length"),
                Arguments.of(Named.of("empty", ""), "uuid string is wrong length"),
                Arguments.of(Named.of("hyphen misplaced", "6a1253d21-785-24fd-91c2-f8e78c745511"),
                        "uuid is improperly formatted"),
                Arguments.of(Named.of("non-hex", "6a1253d2-1785-24fd-91c2-f8e78c74551x"),
                        "encoding/hex: invalid byte: U+0078 'x'"),
                Arguments.of(Named.of("non-ascii counts bytes", "6a1253d2-1785-24fd-91c2-f8e78c7455\u00e9"),
                        "encoding/hex: invalid byte: U+00C3 '\u00c3'"),
                Arguments.of(Named.of("unprintable byte", "6a1253d2-1785-24fd-91c2-f8e78c74551\u0007"),
                        "encoding/hex: invalid byte: U+0007"));
    }

    @ParameterizedTest
    @MethodSource("parseErrors")
    void parseErrorMatchesGoUuid(String id, String expected) {
        assertThat(Uuids.parseError(id).orElse(null)).isEqualTo(expected);
    }

    static Stream<Arguments> tokenIndexErrors() {
        return Stream.of(
                Arguments.of(Named.of("too short", "node-read"), "UUID must be 36 characters"),
                Arguments.of(Named.of("five hyphens", "6a1253d2-1785-24fd-91c2-f8e78c74-511"),
                        "UUID should have maximum of 4 \"-\"; got 5"),
                Arguments.of(Named.of("three hyphens", "6a1253d2-1785-24fd-91c2af8e78c745511"),
                        "UUID (without hyphens) must be even length"),
                Arguments.of(Named.of("non-hex", "xxxxxxxx-1785-24fd-91c2-f8e78c745511"),
                        "invalid UUID: encoding/hex: invalid byte: U+0078 'x'"),
                Arguments.of(Named.of("36 hex digits", "6a1253d2178524fd91c2f8e78c7455116a12"), null));
    }

    @ParameterizedTest
    @MethodSource("tokenIndexErrors")
    void tokenIndexErrorMatchesConsulTokenIndex(String id, String expected) {
        assertThat(Uuids.tokenIndexError(id).orElse(null)).isEqualTo(expected);
    }

    @Test
    void memdbIndexWordsItsErrorsDifferently() {
        assertThat(Uuids.idIndexError("6a1253d2-1785-24fd-91c2af8e78c745511"))
                .contains("Input (without hyphens) must be even length");
        assertThat(Uuids.idIndexError("xxxxxxxx-1785-24fd-91c2-f8e78c745511"))
                .contains("Invalid UUID: encoding/hex: invalid byte: U+0078 'x'");
        assertThat(Uuids.idIndexError("short")).contains("UUID must be 36 characters");
    }

    @Test
    void indexKeyIgnoresCaseAndHyphenPlacement() {
        assertThat(Uuids.indexKey("6A1253D2-1785-24FD-91C2-F8E78C745511"))
                .isEqualTo(Uuids.indexKey("6a1253d21785-24fd-91c2-f8e78c745511-"))
                .contains("6a1253d2178524fd91c2f8e78c745511");
        assertThat(Uuids.indexKey("short")).isEmpty();
    }

    @Test
    void reservedPrefixCoversBuiltinIds() {
        assertThat(Uuids.isReserved("00000000-0000-0000-0000-000000000002")).isTrue();
        assertThat(Uuids.isReserved("00000000-0000-0000-0000-000000000100")).isFalse();
    }
}
