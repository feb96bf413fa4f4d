package dev.attache.agent.cli;

import dev.attache.api.json.GoBool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The HTTP flags every agent command shares (consul-behavior.md §11.1): where the agent is and which token
 * to send. Flags win over the environment; the token comes from, in order, {@code -token-file},
 * {@code -token}, {@code CONSUL_HTTP_TOKEN_FILE}, {@code CONSUL_HTTP_TOKEN} (a token file that is empty
 * counts as not given).
 */
final class HttpFlags {
    static final String ADDR_ENV = "CONSUL_HTTP_ADDR";
    static final String TOKEN_ENV = "CONSUL_HTTP_TOKEN";
    static final String TOKEN_FILE_ENV = "CONSUL_HTTP_TOKEN_FILE";
    static final String SSL_ENV = "CONSUL_HTTP_SSL";
    static final String DEFAULT_ADDRESS = "127.0.0.1:8500";

    static final String HTTP_ADDR = "http-addr";
    static final String TOKEN = "token";
    static final String TOKEN_FILE = "token-file";
    static final String DATACENTER = "datacenter";
    static final String STALE = "stale";

    /** The agent could not be reached as configured (bad scheme, unreadable token file). */
    static final class ConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        ConfigException(String message) {
            super(message, null, false, false);
        }
    }

    private HttpFlags() {
    }

    static void register(FlagSet flags) {
        flags.string(HTTP_ADDR, FlagSet.Section.HTTP, "", "value",
                "The `address` and port of the Attaché HTTP agent. The value can be an IP address or DNS "
                        + "address, but it must also include the port. This can also be specified via the "
                        + ADDR_ENV + " environment variable. The default value is http://" + DEFAULT_ADDRESS
                        + ". The scheme can also be set to HTTPS by setting the environment variable "
                        + SSL_ENV + "=true.");
        flags.string(TOKEN, FlagSet.Section.HTTP, "", "value",
                "ACL token to use in the request. This can also be specified via the " + TOKEN_ENV
                        + " environment variable. If unspecified, the query will default to the token of the "
                        + "Attaché agent at the HTTP address.");
        flags.string(TOKEN_FILE, FlagSet.Section.HTTP, "", "value",
                "File containing the ACL token to use in the request instead of one specified via the -token "
                        + "argument or " + TOKEN_ENV + " environment variable. This can also be specified via the "
                        + TOKEN_FILE_ENV + " environment variable.");
    }

    /**
     * The server flags of Consul's commands that reach the servers ({@code acl ...}): {@code -datacenter} is sent
     * as {@code ?dc=} on every request; {@code -stale} is accepted and, as in Consul's ACL commands, not sent.
     */
    static void registerServer(FlagSet flags) {
        flags.string(DATACENTER, FlagSet.Section.HTTP, "", "value",
                "Name of the datacenter to send the request to. Without it, the request goes to the datacenter of "
                        + "the agent at the HTTP address.");
        flags.bool(STALE, FlagSet.Section.HTTP,
                "Allow any server, not only the leader, to answer a read: faster and more scalable, but the "
                        + "answer may be out of date. Writes ignore it. The default value is false.");
    }

    /** A client for the agent the parsed flags and the environment point at. */
    static AgentClient client(FlagSet flags, CommandContext ctx) throws ConfigException {
        String address = flags.isSet(HTTP_ADDR) ? flags.value(HTTP_ADDR) : ctx.getenv(ADDR_ENV);
        if (!flags.isSet(HTTP_ADDR) && address.isEmpty()) {
            address = DEFAULT_ADDRESS;
        }
        String scheme = "http";
        String ssl = ctx.getenv(SSL_ENV);
        if (!ssl.isEmpty() && Boolean.TRUE.equals(GoBool.parse(ssl))) {
            scheme = "https";
        }
        int sep = address.indexOf("://");
        if (sep >= 0) {
            String given = address.substring(0, sep);
            switch (given) {
                case "http" -> { } // an explicit http never downgrades CONSUL_HTTP_SSL=true, as in Consul
                case "https" -> scheme = "https";
                case "unix" -> throw new ConfigException("Unix socket addresses are not supported: " + address);
                default -> throw new ConfigException("Unknown protocol scheme: " + given);
            }
            address = address.substring(sep + 3);
        }
        return new AgentClient(scheme, address, token(flags, ctx));
    }

    static String token(FlagSet flags, CommandContext ctx) throws ConfigException {
        if (flags.isSet(TOKEN_FILE)) {
            Optional<String> fromFile = readTokenFile(flags.value(TOKEN_FILE));
            if (fromFile.isPresent()) {
                return fromFile.get();
            }
        }
        if (flags.isSet(TOKEN)) {
            return flags.value(TOKEN);
        }
        Optional<String> fromEnvFile = readTokenFile(ctx.getenv(TOKEN_FILE_ENV));
        return fromEnvFile.isPresent() ? fromEnvFile.get() : ctx.getenv(TOKEN_ENV);
    }

    /** The trimmed content of a token file; empty when no file is named or the file holds only blanks. */
    private static Optional<String> readTokenFile(String file) throws ConfigException {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            String token = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (NoSuchFileException e) {
            throw tokenFileError(file, "no such file or directory");
        } catch (AccessDeniedException e) {
            throw tokenFileError(file, "permission denied");
        } catch (IOException | RuntimeException e) {
            throw tokenFileError(file, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static ConfigException tokenFileError(String file, String reason) {
        return new ConfigException("Error loading token file " + file + " : open " + file + ": " + reason);
    }
}
