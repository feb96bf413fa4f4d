package dev.attache.acl.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.attache.acl.AclException;
import dev.attache.acl.token.AclPolicy;
import dev.attache.acl.token.AclToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * JSON bytes for what the Raft side ships: commands, command results (a value, or a refusal that the proposer
 * re-throws with the same kind and message) and whole-state snapshots, and for the
 * {@link ReplicationBatch} a primary datacenter sends its secondaries. Compact and deterministic (fields in
 * declaration order, tables sorted by ID); instants and durations keep full precision. Unknown fields are
 * ignored when decoding. Thread-safe.
 */
public final class AclCodec {
    /** The snapshot format written by this version. */
    static final int SNAPSHOT_VERSION = 1;

    private final ObjectWriter commandWriter;
    private final ObjectReader commandReader;
    private final ObjectWriter resultWriter;
    private final ObjectReader resultReader;
    private final ObjectWriter snapshotWriter;
    private final ObjectReader snapshotReader;
    private final ObjectWriter batchWriter;
    private final ObjectReader batchReader;

    public AclCodec() {
        ObjectMapper mapper = JsonMapper.builder()
                .addModule(CodecJson.timeModule())
                .addMixIn(AclCommand.class, CodecJson.CommandMixin.class)
                .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        this.commandWriter = mapper.writerFor(AclCommand.class);
        this.commandReader = mapper.readerFor(AclCommand.class);
        this.resultWriter = mapper.writerFor(CodecJson.Result.class);
        this.resultReader = mapper.readerFor(CodecJson.Result.class);
        this.snapshotWriter = mapper.writerFor(CodecJson.Snapshot.class);
        this.snapshotReader = mapper.readerFor(CodecJson.Snapshot.class);
        this.batchWriter = mapper.writerFor(ReplicationBatch.class);
        this.batchReader = mapper.readerFor(ReplicationBatch.class);
    }

    public byte[] encodeCommand(AclCommand command) {
        return write(commandWriter, Objects.requireNonNull(command, "command"));
    }

    /** @throws IllegalArgumentException when the bytes are not an encoded command */
    public AclCommand decodeCommand(byte[] bytes) {
        return read(commandReader, bytes, "ACL command");
    }

    /**
     * Encodes what {@link AclStateMachine#apply} returned ({@link AclToken}, {@link AclPolicy} or
     * {@link Boolean}) or the {@link AclException} it threw.
     */
    public byte[] encodeResult(Object result) {
        CodecJson.Result r;
        if (result instanceof AclToken t) {
            r = new CodecJson.Result("token", t, null, null, null, null);
        } else if (result instanceof AclPolicy p) {
            r = new CodecJson.Result("policy", null, p, null, null, null);
        } else if (result instanceof Boolean b) {
            r = new CodecJson.Result("boolean", null, null, b, null, null);
        } else if (result instanceof AclException e) {
            r = new CodecJson.Result("error", null, null, null, e.kind(), e.getMessage());
        } else {
            throw new IllegalArgumentException("not an ACL command result: " + result);
        }
        return write(resultWriter, r);
    }

    /**
     * The value of an encoded result; an encoded refusal is thrown as a new {@link AclException} with the same
     * kind and message.
     *
     * @throws IllegalArgumentException when the bytes are not an encoded result
     */
    public Object decodeResult(byte[] bytes) {
        CodecJson.Result r = read(resultReader, bytes, "ACL command result");
        String type = r.type() == null ? "" : r.type();
        return switch (type) {
            case "token" -> require(r.token(), type);
            case "policy" -> require(r.policy(), type);
            case "boolean" -> require(r.value(), type);
            case "error" -> throw new AclException(require(r.kind(), type), require(r.message(), type));
            default -> throw new IllegalArgumentException("unknown ACL command result type: " + type);
        };
    }

    /**
     * Decodes a command, applies it, and encodes its result or refusal: what a replica runs for a committed
     * Raft entry.
     */
    public byte[] applyEncoded(AclStateMachine machine, byte[] command, long index) {
        AclCommand decoded = decodeCommand(command);
        Object result;
        try {
            result = machine.apply(decoded, index);
        } catch (AclException refused) {
            result = refused;
        }
        return encodeResult(result);
    }

    /** The whole state: both tables, the table indexes, the command index and the bootstrap index. */
    public byte[] encodeSnapshot(AclState state) {
        return write(snapshotWriter, new CodecJson.Snapshot(SNAPSHOT_VERSION, state.index(), state.tokensIndex(),
                state.policiesIndex(), state.bootstrapIndex(), state.tokens(), state.policies()));
    }

    /** @throws IllegalArgumentException when the bytes are not a snapshot of a known version */
    public AclState decodeSnapshot(byte[] bytes) {
        CodecJson.Snapshot s = read(snapshotReader, bytes, "ACL snapshot");
        if (s.version() != SNAPSHOT_VERSION) {
            throw new IllegalArgumentException("unsupported ACL snapshot version " + s.version());
        }
        Map<String, AclToken> tokens = new HashMap<>();
        Map<String, String> secrets = new HashMap<>();
        for (AclToken t : s.tokens() == null ? List.<AclToken>of() : s.tokens()) {
            tokens.put(t.accessorId(), t);
            secrets.put(t.secretId(), t.accessorId());
        }
        Map<String, AclPolicy> policies = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (AclPolicy p : s.policies() == null ? List.<AclPolicy>of() : s.policies()) {
            policies.put(p.id(), p);
            names.put(AclState.nameKey(p.name()), p.id());
        }
        return new AclState(tokens, secrets, policies, names, s.tokensIndex(), s.policiesIndex(), s.index(),
                s.bootstrapIndex());
    }

    /** A replication batch, with tokens and policies in the same JSON as in snapshots and commands. */
    byte[] encodeBatch(ReplicationBatch batch) {
        return write(batchWriter, Objects.requireNonNull(batch, "batch"));
    }

    /** @throws IllegalArgumentException when the bytes are not an encoded batch, or an inconsistent one */
    ReplicationBatch decodeBatch(byte[] bytes) {
        return read(batchReader, bytes, "ACL replication batch");
    }

    private static <T> T require(T value, String type) {
        if (value == null) {
            throw new IllegalArgumentException("ACL command result of type " + type + " lacks its value");
        }
        return value;
    }

    private static byte[] write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> T read(ObjectReader reader, byte[] bytes, String what) {
        Objects.requireNonNull(bytes, "bytes");
        try {
            T value = reader.readValue(bytes);
            if (value == null) {
                throw new IllegalArgumentException("malformed " + what + ": null");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed " + what + ": " + e.getMessage(), e);
        }
    }
}
