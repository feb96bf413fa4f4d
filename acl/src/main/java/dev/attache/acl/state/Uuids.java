package dev.attache.acl.state;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * UUID checks with Consul's exact error texts. Consul checks UUIDs in three places, each with its own wording, and
 * works on bytes (so lengths count UTF-8 bytes):
 * <ul>
 *   <li>{@link #parseError}: {@code uuid.ParseUUID} (hashicorp/go-uuid), used for caller-given IDs;</li>
 *   <li>{@link #tokenIndexError}: the token table's UUID index ({@code failed acl token lookup: index error: ...});</li>
 *   <li>{@link #idIndexError}: go-memdb's {@code UUIDFieldIndex}, the policy and role ID indexes.</li>
 * </ul>
 * Index lookups compare decoded bytes, so they ignore hex case and hyphen placement; {@link #indexKey} gives that
 * comparison key. A null ID is treated as the empty string.
 */
public final class Uuids {
    /** IDs with this prefix are reserved for builtin objects (Consul's {@code ACLReservedIDPrefix}). */
    public static final String RESERVED_PREFIX = "00000000-0000-0000-0000-0000000000";

    private static final int LENGTH = 36;

    private Uuids() {
    }

    /** True when {@code id} is a well-formed UUID ({@code uuid.ParseUUID} accepts it). */
    public static boolean isUuid(String id) {
        return parseError(id).isEmpty();
    }

    public static boolean isReserved(String id) {
        return id != null && id.startsWith(RESERVED_PREFIX);
    }

    /**
     * The error {@code uuid.ParseUUID} gives for {@code id}, e.g. {@code uuid string is wrong length}, or empty
     * when it is a UUID.
     */
    public static Optional<String> parseError(String id) {
        byte[] b = bytes(id);
        if (b.length != LENGTH) {
            return Optional.of("uuid string is wrong length");
        }
        if (b[8] != '-' || b[13] != '-' || b[18] != '-' || b[23] != '-') {
            return Optional.of("uuid is improperly formatted");
        }
        for (int i = 0; i < LENGTH; i++) {
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                continue;
            }
            if (!isHex(b[i])) {
                return Optional.of(invalidByte(b[i]));
            }
        }
        return Optional.empty();
    }

    /**
     * The error of a lookup in the token table's accessor (or policies-link) index, without the caller's prefix:
     * e.g. {@code UUID must be 36 characters} or {@code invalid UUID: encoding/hex: invalid byte: U+0078 'x'}.
     */
    public static Optional<String> tokenIndexError(String id) {
        return indexError(id, "UUID (without hyphens) must be even length", "invalid UUID: ");
    }

    /** The error of a lookup in go-memdb's UUID index (policy and role IDs), e.g. {@code Invalid UUID: ...}. */
    public static Optional<String> idIndexError(String id) {
        return indexError(id, "Input (without hyphens) must be even length", "Invalid UUID: ");
    }

    /**
     * The key a UUID index compares: the hex digits, lower case, without hyphens; empty when the index would
     * refuse {@code id}.
     */
    public static Optional<String> indexKey(String id) {
        if (tokenIndexError(id).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(id.replace("-", "").toLowerCase(Locale.ROOT));
    }

    private static Optional<String> indexError(String id, String oddLength, String hexPrefix) {
        byte[] b = bytes(id);
        if (b.length != LENGTH) {
            return Optional.of("UUID must be 36 characters");
        }
        int hyphens = 0;
        for (byte c : b) {
            if (c == '-') {
                hyphens++;
            }
        }
        if (hyphens > 4) {
            return Optional.of("UUID should have maximum of 4 \"-\"; got " + hyphens);
        }
        if ((LENGTH - hyphens) % 2 != 0) {
            return Optional.of(oddLength);
        }
        for (byte c : b) {
            if (c != '-' && !isHex(c)) {
                return Optional.of(hexPrefix + invalidByte(c));
            }
        }
        return Optional.empty();
    }

    /** A null ID is treated as empty. */
    private static byte[] bytes(String id) {
        return id == null ? new byte[0] : id.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isHex(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Go's {@code hex.InvalidByteError}: {@code encoding/hex: invalid byte: %#U} of the byte as a rune. */
    private static String invalidByte(byte c) {
        int r = c & 0xFF;
        StringBuilder sb = new StringBuilder("encoding/hex: invalid byte: ")
                .append(String.format(Locale.ROOT, "U+%04X", r));
        if (GoFormat.isPrintLatin1(r)) {
            sb.append(" '").append((char) r).append('\'');
        }
        return sb.toString();
    }
}
