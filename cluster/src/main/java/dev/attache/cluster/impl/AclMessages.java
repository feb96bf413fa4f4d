package dev.attache.cluster.impl;

import dev.attache.acl.state.AclCommand;
import dev.attache.acl.state.AclState;
import dev.attache.acl.state.AclTable;
import dev.attache.cluster.AclReplication;
import dev.attache.cluster.NoLeaderException;
import io.atomix.cluster.messaging.ClusterCommunicationService;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * ACL requests from client agents to servers over the LAN pool's messaging, as Consul clients forward ACL RPCs to
 * their servers. Each reply starts with a status byte, so a server-side "No cluster leader" reaches the client as
 * such (Atomix turns a failed handler into an opaque error):
 * <ul>
 *   <li>{@value #SUBMIT_SUBJECT}: an encoded {@link AclCommand} → {@link #OK} + encoded result (refusals included);</li>
 *   <li>{@value #READ_SUBJECT}: consistency ordinal + the index of the caller's cached snapshot →
 *       {@link #OK} + encoded snapshot, or {@link #UNCHANGED} when the caller's copy is current;</li>
 *   <li>{@value #WATCH_SUBJECT}: a blocking read (consistency, table, minimum index, timeout in ms, and the
 *       caller's cached index) → as a read, once the server's {@link AclReplication#await} answers.</li>
 * </ul>
 */
final class AclMessages {
    static final String SUBMIT_SUBJECT = "attache-acl-submit";
    static final String READ_SUBJECT = "attache-acl-read";
    static final String WATCH_SUBJECT = "attache-acl-watch";
    static final byte OK = 0;
    static final byte NO_LEADER = 1;
    static final byte UNCHANGED = 2;

    private AclMessages() {
    }

    /** Serves client agents' requests from this server's replication. */
    static void serve(ClusterCommunicationService messaging, AclReplication acl, Executor encoding) {
        messaging.<byte[], byte[]>subscribe(SUBMIT_SUBJECT, b -> b, bytes -> {
            AclCommand command = AclPrimitive.CODEC.decodeCommand(bytes);
            return reply(acl.submit(command).thenApply(AclPrimitive.CODEC::encodeResult)
                    .exceptionally(e -> {
                        Throwable c = cause(e);
                        if (c instanceof dev.attache.acl.AclException a) {
                            return AclPrimitive.CODEC.encodeResult(a);
                        }
                        throw c instanceof RuntimeException r ? r : new CompletionException(c);
                    }));
        }, b -> b);
        messaging.<byte[], byte[]>subscribe(READ_SUBJECT, b -> b, bytes -> {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            AclReplication.Consistency consistency = AclReplication.Consistency.values()[in.get()];
            long known = in.getLong();
            return snapshotReply(acl.read(consistency), known);
        }, b -> b);
        messaging.<byte[], byte[]>subscribe(WATCH_SUBJECT, b -> b, bytes -> {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            AclReplication.Consistency consistency = AclReplication.Consistency.values()[in.get()];
            AclTable table = AclTable.values()[in.get()];
            long minIndex = in.getLong();
            Duration timeout = Duration.ofMillis(in.getLong());
            long known = in.getLong();
            // a blocked read wakes on the Raft thread: encode the snapshot elsewhere
            return snapshotReply(acl.await(consistency, table, minIndex, timeout)
                    .thenApplyAsync(state -> state, encoding), known);
        }, b -> b);
    }

    static final String STATUS_SUBJECT = "attache-acl-replication-status";

    /** Answers the datacenter's replication state while this server leads, "no leader" otherwise. */
    static void serveReplicationStatus(ClusterCommunicationService messaging, RaftAclReplication acl) {
        messaging.<byte[], byte[]>subscribe(STATUS_SUBJECT, b -> b, bytes -> CompletableFuture.completedFuture(
                acl.leader() ? prefixed(OK, encodeStatus(acl.replicationStatus())) : new byte[] {NO_LEADER}),
                b -> b);
    }

    /** Asks {@code leader} (a node name) for the replication state. */
    static CompletableFuture<dev.attache.cluster.AclReplicationStatus> askReplicationStatus(
            ClusterCommunicationService messaging, String leader) {
        return messaging.<byte[], byte[]>send(STATUS_SUBJECT, new byte[0], b -> b, b -> b,
                        io.atomix.cluster.MemberId.from(leader), RaftAclReplication.HOLD_TIMEOUT)
                .handle((reply, e) -> {
                    if (e != null || reply.length == 0 || reply[0] != OK) {
                        throw new NoLeaderException();
                    }
                    return decodeStatus(body(reply));
                });
    }

    static byte[] encodeStatus(dev.attache.cluster.AclReplicationStatus s) {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.DataOutputStream(bytes)) {
            out.writeBoolean(s.enabled());
            out.writeBoolean(s.running());
            out.writeUTF(s.sourceDatacenter());
            out.writeUTF(s.replicationType());
            out.writeLong(s.replicatedIndex());
            out.writeLong(s.replicatedTokenIndex());
            out.writeLong(s.lastSuccess() == null ? Long.MIN_VALUE : s.lastSuccess().toEpochMilli());
            out.writeLong(s.lastError() == null ? Long.MIN_VALUE : s.lastError().toEpochMilli());
            out.writeUTF(s.lastErrorMessage());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static dev.attache.cluster.AclReplicationStatus decodeStatus(byte[] bytes) {
        try (var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            boolean enabled = in.readBoolean();
            boolean running = in.readBoolean();
            String source = in.readUTF();
            String type = in.readUTF();
            long index = in.readLong();
            long tokenIndex = in.readLong();
            long success = in.readLong();
            long error = in.readLong();
            String message = in.readUTF();
            return new dev.attache.cluster.AclReplicationStatus(enabled, running, source, type, index, tokenIndex,
                    success == Long.MIN_VALUE ? null : java.time.Instant.ofEpochMilli(success),
                    error == Long.MIN_VALUE ? null : java.time.Instant.ofEpochMilli(error), message);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("malformed replication status", e);
        }
    }

    static void stop(ClusterCommunicationService messaging) {
        messaging.unsubscribe(SUBMIT_SUBJECT);
        messaging.unsubscribe(READ_SUBJECT);
        messaging.unsubscribe(WATCH_SUBJECT);
    }

    /** The snapshot, or "unchanged" when the caller already holds it, or "no leader". */
    private static CompletableFuture<byte[]> snapshotReply(CompletableFuture<AclState> read, long known) {
        return read.thenApply(state -> state.index() == known && known > 0
                        ? new byte[] {UNCHANGED}
                        : prefixed(OK, AclPrimitive.CODEC.encodeSnapshot(state)))
                .exceptionally(e -> {
                    if (cause(e) instanceof NoLeaderException) {
                        return new byte[] {NO_LEADER};
                    }
                    throw e instanceof CompletionException ce ? ce : new CompletionException(e);
                });
    }

    private static CompletableFuture<byte[]> reply(CompletableFuture<byte[]> result) {
        return result.handle((bytes, e) -> {
            if (e == null) {
                return prefixed(OK, bytes);
            }
            if (cause(e) instanceof NoLeaderException) {
                return new byte[] {NO_LEADER};
            }
            throw e instanceof CompletionException ce ? ce : new CompletionException(e);
        });
    }

    static byte[] readRequest(AclReplication.Consistency consistency, long knownIndex) {
        return ByteBuffer.allocate(1 + Long.BYTES).put((byte) consistency.ordinal()).putLong(knownIndex).array();
    }

    static byte[] watchRequest(AclReplication.Consistency consistency, AclTable table, long minIndex,
                               Duration timeout, long knownIndex) {
        return ByteBuffer.allocate(2 + 3 * Long.BYTES).put((byte) consistency.ordinal()).put((byte) table.ordinal())
                .putLong(minIndex).putLong(timeout.toMillis()).putLong(knownIndex).array();
    }

    static byte[] prefixed(byte status, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = status;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    static byte[] body(byte[] reply) {
        return Arrays.copyOfRange(reply, 1, reply.length);
    }

    static Throwable cause(Throwable e) {
        Throwable c = e;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
