package dev.attache.acl.state;

import dev.attache.acl.AclException;
import dev.attache.acl.token.AclToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The token checks that are not about links: caller-chosen IDs, expiration, and the immutable fields of an update
 * (consul-behavior.md §4.2, §4.5), in Consul's order and with its messages.
 */
final class TokenValidation {
    /** The shortest allowed lifetime of an expiring token (Consul's {@code acl.token_min_expiration_ttl}). */
    static final long MIN_EXPIRATION_NANOS = Duration.ofMinutes(1).toNanos();
    /** The longest allowed lifetime: effectively unlimited, as Consul's default. */
    static final long MAX_EXPIRATION_NANOS = Long.MAX_VALUE;

    /** Go's zero {@code time.Time}, which Consul treats as "no expiration time". */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");
    /** Secrets that name a root policy ({@code acl.RootAuthorizer}). */
    private static final Set<String> ROOT_SECRETS = Set.of("allow", "deny", "manage");

    private TokenValidation() {
    }

    /** Checks an AccessorID for a new token: format and reserved prefix when caller-chosen, then uniqueness. */
    static void newAccessorId(String accessorId, boolean given, AclTables tables) {
        if (accessorId == null || accessorId.isEmpty()) {
            throw AclException.invalid("Missing ACL Token AccessorID");
        }
        if (given) {
            idFormat(accessorId).ifPresent(e -> {
                throw AclException.invalid("Invalid Token: AccessorID - " + e);
            });
        }
        if (tables.tokenIdInUse(accessorId)) {
            throw AclException.invalid("Invalid Token: AccessorID is already in use");
        }
    }

    /** Checks a SecretID for a new token, like {@link #newAccessorId}. */
    static void newSecretId(String secretId, boolean given, AclTables tables) {
        if (secretId == null || secretId.isEmpty()) {
            throw AclException.invalid("Missing ACL Token SecretID");
        }
        if (given) {
            idFormat(secretId).ifPresent(e -> {
                throw AclException.invalid("Invalid Token: SecretID - " + e);
            });
        }
        if (tables.tokenIdInUse(secretId)) {
            throw AclException.invalid("Invalid Token: SecretID is already in use");
        }
    }

    /** Consul's {@code validateTokenID}: the reserved prefix is checked before the UUID format. */
    private static Optional<String> idFormat(String id) {
        if (Uuids.isReserved(id)) {
            return Optional.of("UUIDs with the prefix \"" + Uuids.RESERVED_PREFIX + "\" are reserved");
        }
        return Uuids.isUuid(id) ? Optional.empty() : Optional.of("not a valid UUID");
    }

    /** The expiration time given (null when absent or Go's zero time). */
    static Instant given(Instant expirationTime) {
        return expirationTime == null || expirationTime.equals(GO_ZERO_TIME) ? null : expirationTime;
    }

    /**
     * The expiration time of a new token created at {@code now}: from the TTL or the given time, checked against
     * the allowed window. Null when the token never expires.
     */
    static Instant newExpiration(Instant now, Instant expirationTime, Duration ttl) {
        Instant expires = given(expirationTime);
        long ttlNanos = ttl == null ? 0 : GoFormat.saturatedNanos(ttl);
        if (ttlNanos < 0) {
            throw AclException.invalid("Token Expiration TTL '" + GoFormat.durationNanos(ttlNanos)
                    + "' should be > 0");
        } else if (ttlNanos > 0) {
            if (expires != null) {
                throw AclException.invalid("Token Expiration TTL and Expiration Time cannot both be set");
            }
            expires = now.plusNanos(ttlNanos);
        }
        if (expires != null) {
            checkWindow(now, expires);
        }
        return expires;
    }

    /** The allowed lifetime of a token created at {@code createTime}. */
    static void checkWindow(Instant createTime, Instant expires) {
        if (expires.isBefore(createTime)) {
            throw AclException.invalid("ExpirationTime cannot be before CreateTime");
        }
        long expiresIn = GoFormat.between(createTime, expires);
        if (expiresIn > MAX_EXPIRATION_NANOS) {
            throw AclException.invalid("ExpirationTime cannot be more than " + GoFormat.durationNanos(
                    MAX_EXPIRATION_NANOS) + " in the future (was " + GoFormat.durationNanos(expiresIn) + ")");
        }
        if (expiresIn < MIN_EXPIRATION_NANOS) {
            throw AclException.invalid("ExpirationTime cannot be less than " + GoFormat.durationNanos(
                    MIN_EXPIRATION_NANOS) + " in the future (was " + GoFormat.durationNanos(expiresIn) + ")");
        }
    }

    /**
     * The checks of an update before its links, in Consul's order; returns the existing token. The SecretID,
     * locality and expiration of the update must match it (absent SecretID and expiration mean "keep").
     */
    static AclToken update(Instant now, String accessorId, TokenSpec spec, AclTables tables) {
        if (!Uuids.isUuid(accessorId)) {
            throw AclException.invalid("AccessorID is not a valid UUID");
        }
        if (ROOT_SECRETS.contains(spec.secretId())) {
            throw AclException.permissionDenied("Permission denied: Cannot modify root ACL");
        }
        AclToken existing = tables.token(accessorId).filter(t -> !t.expiredAt(now)).orElseThrow(
                () -> AclException.invalid("Cannot find token " + GoFormat.quote(accessorId)));
        if (!spec.secretId().isEmpty() && !existing.secretId().equals(spec.secretId())) {
            throw AclException.invalid("Changing a token's SecretID is not permitted");
        }
        if (spec.local() != existing.local()) {
            throw AclException.invalid("Cannot toggle local mode of " + accessorId);
        }
        long ttlNanos = spec.expirationTtl() == null ? 0 : GoFormat.saturatedNanos(spec.expirationTtl());
        Instant expires = given(spec.expirationTime());
        if (ttlNanos != 0 || (expires != null && !Objects.equals(expires, existing.expirationTime()))) {
            throw AclException.invalid("Cannot change expiration time of " + accessorId);
        }
        return existing;
    }
}
