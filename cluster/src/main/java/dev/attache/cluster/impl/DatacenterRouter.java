package dev.attache.cluster.impl;

import dev.attache.cluster.Datacenters;
import dev.attache.cluster.ForwardedRequest;
import dev.attache.cluster.ForwardedResponse;
import dev.attache.cluster.Member;
import dev.attache.cluster.MemberStatus;
import dev.attache.cluster.NoPathToDatacenterException;
import io.atomix.cluster.MemberId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Datacenters} over the pools' messaging, as Consul forwards RPCs: a client agent sends a request for any
 * datacenter to a server of its own over the LAN pool ({@value #LAN_SUBJECT}); a server sends a request for another
 * datacenter to one of that datacenter's servers over the WAN pool ({@value #WAN_SUBJECT}), chosen among the WAN
 * members whose {@code dc} tag names it. The server that receives it runs it through its own HTTP pipeline.
 *
 * <p>Envelope: target datacenter, timeout in ms, method, URI, headers, body. Reply: a status byte ({@link #OK}, or
 * {@link #NO_PATH} when the receiving server has no way there), then HTTP status, headers and body.
 */
final class DatacenterRouter implements Datacenters {
    private static final Logger log = LoggerFactory.getLogger(DatacenterRouter.class);
    static final String LAN_SUBJECT = "attache-dc-forward";
    static final String WAN_SUBJECT = "attache-dc-forward-wan";
    static final byte OK = 0;
    static final byte NO_PATH = 1;
    private static final ForwardedResponse STARTING = new ForwardedResponse(500,
            Map.of("Content-Type", "text/plain; charset=utf-8"),
            "Agent is still starting".getBytes(StandardCharsets.UTF_8));

    private final String nodeName;
    private final String local;
    private final String primary;
    private final AtomixMembership lan;
    private final AtomixMembership wan; // null on a client agent
    private volatile Function<ForwardedRequest, CompletableFuture<ForwardedResponse>> pipeline;

    DatacenterRouter(String nodeName, String local, String primary, AtomixMembership lan, AtomixMembership wan) {
        this.nodeName = nodeName;
        this.local = local;
        this.primary = primary;
        this.lan = lan;
        this.wan = wan;
    }

    /** Subscribes the pools' subjects: a server answers both, a client agent neither. */
    void start() {
        if (wan == null) {
            return;
        }
        lan.communication().<byte[], byte[]>subscribe(LAN_SUBJECT, b -> b, this::fromLan, b -> b);
        wan.communication().<byte[], byte[]>subscribe(WAN_SUBJECT, b -> b, this::fromWan, b -> b);
    }

    @Override
    public String local() {
        return local;
    }

    @Override
    public String primary() {
        return primary;
    }

    @Override
    public void serve(Function<ForwardedRequest, CompletableFuture<ForwardedResponse>> pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public CompletableFuture<ForwardedResponse> forward(String datacenter, ForwardedRequest request,
                                                        Duration timeout) {
        if (wan == null) {
            // a client agent: one of its servers goes on from there
            List<String> servers = alive(lan.members(), m -> m.isServer() && local.equals(m.tags().get("dc")),
                    Member::name);
            return send(lan, LAN_SUBJECT, servers, datacenter, request, timeout);
        }
        if (datacenter.equals(local)) {
            return runLocally(request);
        }
        List<String> servers = leaderFirst(alive(wan.members(), m -> datacenter.equals(m.tags().get("dc")),
                Member::name), datacenter);
        return send(wan, WAN_SUBJECT, servers, datacenter, request, timeout);
    }

    private static List<String> alive(List<Member> members, java.util.function.Predicate<Member> which,
                                      Function<Member, String> id) {
        List<String> out = new ArrayList<>();
        for (Member m : members) {
            if (m.status() == MemberStatus.ALIVE && which.test(m)) {
                out.add(id.apply(m));
            }
        }
        Collections.shuffle(out); // spread the load over the datacenter's servers
        return out;
    }

    /**
     * The datacenter's Raft leader first, as its servers publish it in the WAN pool: it answers a write without
     * another hop, and a read without waiting for a heartbeat to learn what was committed.
     */
    private List<String> leaderFirst(List<String> servers, String datacenter) {
        Map<String, Map<String, String>> properties = wan.properties();
        String suffix = "." + datacenter;
        for (int i = 0; i < servers.size(); i++) {
            String member = servers.get(i);
            Map<String, String> p = properties.getOrDefault(member, Map.of());
            String node = member.endsWith(suffix) ? member.substring(0, member.length() - suffix.length()) : member;
            if (node.equals(p.get(RaftGroup.LEADER_PROPERTY))) {
                List<String> ordered = new ArrayList<>(servers);
                ordered.add(0, ordered.remove(i));
                return ordered;
            }
        }
        return servers;
    }

    private CompletableFuture<ForwardedResponse> runLocally(ForwardedRequest request) {
        var p = pipeline;
        if (p == null) {
            return CompletableFuture.completedFuture(STARTING);
        }
        try {
            return p.apply(request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Sends to {@code servers[0]}, then, for a request that changes nothing, to the next ones while they fail. A
     * write that failed is not sent again: a lost answer looks the same whether the server applied it or not.
     */
    private CompletableFuture<ForwardedResponse> send(AtomixMembership pool, String subject, List<String> servers,
                                                      String datacenter, ForwardedRequest request,
                                                      Duration timeout) {
        if (servers.isEmpty()) {
            return CompletableFuture.failedFuture(new NoPathToDatacenterException());
        }
        byte[] envelope = encodeRequest(datacenter, timeout, request);
        long deadline = System.nanoTime() + timeout.toNanos();
        return attempt(pool, subject, servers, 0, envelope, request.idempotent(), deadline);
    }

    private CompletableFuture<ForwardedResponse> attempt(AtomixMembership pool, String subject, List<String> servers,
                                                         int next, byte[] envelope, boolean retry, long deadline) {
        String server = servers.get(next);
        Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
        return pool.communication()
                .<byte[], byte[]>send(subject, envelope, Function.identity(), Function.identity(),
                        MemberId.from(server), left)
                .handle((reply, e) -> {
                    if (e == null) {
                        return CompletableFuture.completedFuture(decodeResponse(reply));
                    }
                    Throwable cause = cause(e);
                    log.debug("{}: forward to {} failed: {}", nodeName, server, cause.toString());
                    if (cause instanceof TimeoutException && System.nanoTime() >= deadline) {
                        return CompletableFuture.<ForwardedResponse>failedFuture(cause);
                    }
                    if (retry && next + 1 < servers.size()) {
                        return attempt(pool, subject, servers, next + 1, envelope, retry, deadline);
                    }
                    return CompletableFuture.<ForwardedResponse>failedFuture(
                            cause instanceof NoPathToDatacenterException ? cause : new NoPathToDatacenterException());
                })
                .thenCompose(f -> f);
    }

    /** A client agent's request, on a server: run here, or go on over the WAN. */
    private CompletableFuture<byte[]> fromLan(byte[] bytes) {
        Envelope in = decodeRequest(bytes);
        return reply(forward(in.datacenter(), in.request(), in.timeout()));
    }

    /** Another datacenter's request: it must be for this one. */
    private CompletableFuture<byte[]> fromWan(byte[] bytes) {
        Envelope in = decodeRequest(bytes);
        if (!in.datacenter().equals(local)) {
            return CompletableFuture.completedFuture(new byte[] {NO_PATH});
        }
        return reply(runLocally(in.request()));
    }

    private static CompletableFuture<byte[]> reply(CompletableFuture<ForwardedResponse> answer) {
        return answer.handle((r, e) -> {
            if (e == null) {
                return encodeResponse(r);
            }
            if (cause(e) instanceof NoPathToDatacenterException) {
                return new byte[] {NO_PATH};
            }
            throw e instanceof CompletionException ce ? ce : new CompletionException(e);
        });
    }

    record Envelope(String datacenter, Duration timeout, ForwardedRequest request) {
    }

    static byte[] encodeRequest(String datacenter, Duration timeout, ForwardedRequest r) {
        return encode(256 + r.body().length, out -> {
            out.writeUTF(datacenter);
            out.writeLong(timeout.toMillis());
            out.writeUTF(r.method());
            writeLong(out, r.uri());
            writeHeaders(out, r.headers());
            out.writeInt(r.body().length);
            out.write(r.body());
        });
    }

    static Envelope decodeRequest(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            String dc = in.readUTF();
            Duration timeout = Duration.ofMillis(in.readLong());
            String method = in.readUTF();
            String uri = readLong(in);
            Map<String, String> headers = readHeaders(in);
            byte[] body = in.readNBytes(in.readInt());
            return new Envelope(dc, timeout, new ForwardedRequest(method, uri, headers, body));
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed forwarded request", e);
        }
    }

    static byte[] encodeResponse(ForwardedResponse r) {
        return encode(128 + r.body().length, out -> {
            out.writeByte(OK);
            out.writeShort(r.status());
            writeHeaders(out, r.headers());
            out.writeInt(r.body().length);
            out.write(r.body());
        });
    }

    private interface Fields {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] encode(int sizeHint, Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(sizeHint);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            fields.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static ForwardedResponse decodeResponse(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] == NO_PATH) {
            throw new NoPathToDatacenterException();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            in.readByte();
            int status = in.readShort();
            Map<String, String> headers = readHeaders(in);
            byte[] body = in.readNBytes(in.readInt());
            return new ForwardedResponse(status, headers, body);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed forwarded response", e);
        }
    }

    private static void writeHeaders(DataOutputStream out, Map<String, String> headers) throws IOException {
        out.writeInt(headers.size());
        for (var e : headers.entrySet()) {
            out.writeUTF(e.getKey());
            writeLong(out, e.getValue());
        }
    }

    private static Map<String, String> readHeaders(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            headers.put(in.readUTF(), readLong(in));
        }
        return headers;
    }

    /** A string that may exceed {@link DataOutputStream#writeUTF}'s 64 KiB. */
    private static void writeLong(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readLong(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }

    private static Throwable cause(Throwable e) {
        Throwable c = e;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
