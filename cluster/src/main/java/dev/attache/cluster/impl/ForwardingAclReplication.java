package dev.attache.cluster.impl;

import dev.attache.acl.state.AclCommand;
import dev.attache.acl.state.AclState;
import dev.attache.acl.state.AclTable;
import dev.attache.cluster.AclReplication;
import dev.attache.cluster.Member;
import dev.attache.cluster.MemberStatus;
import dev.attache.cluster.NoLeaderException;
import io.atomix.cluster.MemberId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client agent's {@link AclReplication}: it holds no ACL state of its own and asks an alive server of its
 * datacenter (the leader first) over the LAN pool ({@link AclMessages}). Reads send the index of the last snapshot
 * received, and the server answers "unchanged" when it is still current, so an idle state costs one small round
 * trip. A server that does not answer is skipped for the next one; none answering is "No cluster leader".
 */
final class ForwardingAclReplication implements AclReplication {
    private static final Logger log = LoggerFactory.getLogger(ForwardingAclReplication.class);
    /** Bound on one server's answer (a server itself waits at most the hold timeout for its leader). */
    static final Duration REQUEST_TIMEOUT = RaftAclReplication.HOLD_TIMEOUT.plusSeconds(1);

    private final String nodeName;
    private final AtomixMembership lan;
    private volatile AclState cached = AclState.EMPTY;

    ForwardingAclReplication(String nodeName, AtomixMembership lan) {
        this.nodeName = nodeName;
        this.lan = lan;
    }

    @Override
    public CompletableFuture<Object> submit(AclCommand command) {
        byte[] request = AclPrimitive.CODEC.encodeCommand(command);
        return ask(AclMessages.SUBMIT_SUBJECT, request, servers(), 0, false, REQUEST_TIMEOUT)
                .thenApply(reply -> AclPrimitive.CODEC.decodeResult(AclMessages.body(reply)));
    }

    @Override
    public CompletableFuture<AclState> read(Consistency consistency) {
        AclState known = cached;
        byte[] request = AclMessages.readRequest(consistency, known.index());
        return ask(AclMessages.READ_SUBJECT, request, servers(), 0, true, REQUEST_TIMEOUT)
                .thenApply(reply -> snapshot(reply, known));
    }

    /** The blocking read runs on a server; this agent's request waits as long as the server may, plus margin. */
    @Override
    public CompletableFuture<AclState> await(Consistency consistency, AclTable table, long minIndex,
                                             Duration timeout) {
        AclState known = cached;
        byte[] request = AclMessages.watchRequest(consistency, table, minIndex, timeout, known.index());
        return ask(AclMessages.WATCH_SUBJECT, request, servers(), 0, true, timeout.plus(REQUEST_TIMEOUT))
                .thenApply(reply -> snapshot(reply, known));
    }

    private AclState snapshot(byte[] reply, AclState known) {
        if (reply[0] == AclMessages.UNCHANGED) {
            return known;
        }
        AclState fresh = AclPrimitive.CODEC.decodeSnapshot(AclMessages.body(reply));
        cached = fresh;
        return fresh;
    }

    /** Alive servers of the datacenter, the known leader first. */
    private List<String> servers() {
        String leader = leaderName();
        List<String> out = new ArrayList<>();
        for (Member m : lan.members()) {
            if (m.isServer() && m.status() == MemberStatus.ALIVE && !m.name().equals(nodeName)) {
                if (m.name().equals(leader)) {
                    out.add(0, m.name());
                } else {
                    out.add(m.name());
                }
            }
        }
        return out;
    }

    private String leaderName() {
        String best = "";
        long bestTerm = -1;
        for (var e : lan.properties().entrySet()) {
            String name = e.getValue().getOrDefault(RaftGroup.LEADER_PROPERTY, "");
            long term;
            try {
                term = Long.parseLong(e.getValue().getOrDefault(RaftGroup.TERM_PROPERTY, "-1"));
            } catch (NumberFormatException x) {
                continue;
            }
            if (!name.isEmpty() && term > bestTerm) {
                best = name;
                bestTerm = term;
            }
        }
        return best;
    }

    /**
     * Sends to {@code servers[next]}, then, for reads, to the following ones while they fail. A write that failed is
     * never sent again: a closed connection looks the same whether the server died before or after committing it,
     * and a second send of an applied create would answer "already in use". Its caller sees "No cluster leader",
     * as for any unacknowledged write.
     */
    private CompletableFuture<byte[]> ask(String subject, byte[] request, List<String> servers, int next,
                                          boolean idempotent, Duration timeout) {
        if (next >= servers.size()) {
            return CompletableFuture.failedFuture(new NoLeaderException());
        }
        String server = servers.get(next);
        return lan.communication()
                .<byte[], byte[]>send(subject, request, Function.identity(), Function.identity(),
                        MemberId.from(server), timeout)
                .handle((reply, e) -> {
                    if (e != null) {
                        log.debug("{}: acl: server {} did not answer: {}", nodeName, server, e.toString());
                        return idempotent
                                ? ask(subject, request, servers, next + 1, idempotent, timeout)
                                : CompletableFuture.<byte[]>failedFuture(new NoLeaderException());
                    }
                    if (reply.length == 0 || reply[0] == AclMessages.NO_LEADER) {
                        return CompletableFuture.<byte[]>failedFuture(new NoLeaderException());
                    }
                    return CompletableFuture.completedFuture(reply);
                })
                .thenCompose(f -> f);
    }
}
