package dev.attache.acl.state;

import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Recognizes a create that was already applied: the same command committed a second time because its first answer
 * was lost (the Raft client resubmits a command whose leader died before answering). Such a replay answers what the
 * first application answered and changes nothing.
 *
 * <p>A create carries identifiers drawn at random for that one request (AccessorID and SecretID, or the policy ID)
 * and the time the request was made; an entry with the same identifiers and, for tokens, that same creation time can
 * only come from the same request. A caller who sends the same explicit IDs again makes a new request with a new
 * time, and is refused as in Consul.
 *
 * <p>Other commands have no entry here: updates and deletes are refused or harmless the second time, and a
 * {@link AclCommand.Replicate} applied twice finds every entry already equal and changes nothing.
 */
final class Replays {
    private Replays() {
    }

    static Optional<Object> earlierResult(AclCommand command, AclTables tables) {
        if (command instanceof AclCommand.TokenCreate c) {
            return sameToken(tables, c.spec().accessorId(), c.spec().secretId(), c.now());
        } else if (command instanceof AclCommand.TokenClone c) {
            return sameToken(tables, c.newAccessorId(), c.newSecretId(), c.now());
        } else if (command instanceof AclCommand.Bootstrap c) {
            return sameToken(tables, c.accessorId(), c.secretId(), c.now());
        } else if (command instanceof AclCommand.PolicyCreate c) {
            return empty(c.id()) ? Optional.empty() : tables.policy(c.id())
                    .filter(p -> Objects.equals(p.name(), c.spec().name()))
                    .map(AclPolicy.class::cast);
        }
        return Optional.empty();
    }

    private static Optional<Object> sameToken(AclTables tables, String accessorId, String secretId, Instant now) {
        if (empty(accessorId) || empty(secretId) || now == null) {
            return Optional.empty();
        }
        return tables.token(accessorId)
                .filter(t -> secretId.equals(t.secretId()) && now.equals(t.createTime()))
                .map(AclToken.class::cast);
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}
