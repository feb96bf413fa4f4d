package dev.attache.agent.config;

import dev.attache.agent.ConfigException;
import dev.attache.api.json.GoBool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code agent} command's flags, parsed as Go's {@code flag} package does ({@code -name value},
 * {@code -name=value}, {@code --name}; bool flags take no separate value). Each flag maps to a config key,
 * so flags override files through the same merge.
 */
public final class Flags {

    enum Kind { BOOL, STRING, INT, LIST, META }

    record Flag(String name, String key, Kind kind, String usage) {
    }

    static final List<Flag> AGENT_FLAGS = List.of(
            new Flag("dev", "__dev", Kind.BOOL, "Start the agent in development mode."),
            new Flag("server", "server", Kind.BOOL, "Switches agent to server mode."),
            new Flag("bootstrap", "__bootstrap", Kind.BOOL, "Sets server to bootstrap mode (bootstrap_expect = 1)."),
            new Flag("bootstrap-expect", "bootstrap_expect", Kind.INT, "Sets server to expect bootstrap mode."),
            new Flag("node", "node_name", Kind.STRING, "Name of this node. Must be unique in the cluster."),
            new Flag("node-id", "node_id", Kind.STRING, "A unique ID for this node across space and time."),
            new Flag("node-meta", "node_meta", Kind.META, "An arbitrary metadata key/value pair (key:value)."),
            new Flag("datacenter", "datacenter", Kind.STRING, "Datacenter of the agent."),
            new Flag("primary-datacenter", "primary_datacenter", Kind.STRING, "The primary datacenter."),
            new Flag("bind", "bind_addr", Kind.STRING, "Sets the bind address for cluster communication."),
            new Flag("client", "client_addr", Kind.STRING, "Sets the address to bind for client access (HTTP)."),
            new Flag("http-port", "ports.http", Kind.INT, "Sets the HTTP API port to listen on."),
            new Flag("serf-lan-port", "ports.serf_lan", Kind.INT, "Sets the Serf LAN port to listen on."),
            new Flag("serf-wan-port", "ports.serf_wan", Kind.INT, "Sets the Serf WAN port to listen on."),
            new Flag("server-port", "ports.server", Kind.INT, "Sets the server port to listen on."),
            new Flag("data-dir", "data_dir", Kind.STRING, "Path to a data directory to store agent state."),
            new Flag("config-file", "__config_file", Kind.LIST, "Path to a JSON or HCL (*.hcl) file to read configuration from."),
            new Flag("config-dir", "__config_dir", Kind.LIST, "Path to a directory of JSON and HCL config files to read."),
            new Flag("hcl", "__hcl", Kind.LIST, "A fragment of HCL config, applied after the config files (repeatable)."),
            new Flag("retry-join", "retry_join", Kind.LIST, "Address of an agent to join at start time with retries."),
            new Flag("retry-join-wan", "retry_join_wan", Kind.LIST, "Address of a server to join over the WAN at start time with retries."),
            new Flag("log-level", "log_level", Kind.STRING, "Log level of the agent."),
            new Flag("timeline-file", "timeline_file", Kind.STRING,
                    "Path to a file to append this agent's membership view changes to, as JSON lines."));

    /** What the flags said: config overrides (in config-key space) plus the files and directories to read. */
    public record Parsed(boolean dev, List<String> configFiles, List<String> configDirs, List<String> hclFragments,
                         Map<String, Object> overrides) {
    }

    private Flags() {
    }

    public static Parsed parse(List<String> args) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        List<String> hcl = new ArrayList<>();
        boolean dev = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                rejectExtra(args.subList(i + 1, args.size()));
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                rejectExtra(args.subList(i, args.size()));
            }
            String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
            String name = body;
            String value = null;
            int eq = body.indexOf('=');
            if (eq >= 0) {
                name = body.substring(0, eq);
                value = body.substring(eq + 1);
            }
            Flag flag = find(name);
            if (flag.kind() == Kind.BOOL) {
                boolean b = value == null || parseBool(value, flag);
                if (flag.key().equals("__dev")) {
                    dev = b;
                } else if (flag.key().equals("__bootstrap")) {
                    if (b) {
                        overrides.put("bootstrap_expect", 1);
                    }
                } else {
                    put(overrides, flag.key(), b);
                }
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new ConfigException("flag needs an argument: -" + name);
                }
                value = args.get(++i);
            }
            switch (flag.kind()) {
                case STRING -> put(overrides, flag.key(), value);
                case INT -> put(overrides, flag.key(), parseInt(value, flag));
                case LIST -> {
                    if (flag.key().equals("__config_file")) {
                        files.add(value);
                    } else if (flag.key().equals("__config_dir")) {
                        dirs.add(value);
                    } else if (flag.key().equals("__hcl")) {
                        hcl.add(value);
                    } else {
                        @SuppressWarnings("unchecked")
                        List<Object> list = (List<Object>) overrides.computeIfAbsent(flag.key(), k -> new ArrayList<>());
                        list.add(value);
                    }
                }
                case META -> {
                    int colon = value.indexOf(':');
                    if (colon <= 0) {
                        throw new ConfigException("invalid value \"" + value + "\" for flag -" + name
                                + ": expected key:value");
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> meta = (Map<String, Object>) overrides.computeIfAbsent("node_meta",
                            k -> new LinkedHashMap<>());
                    meta.put(value.substring(0, colon), value.substring(colon + 1));
                }
                default -> throw new IllegalStateException(flag.kind().name());
            }
        }
        return new Parsed(dev, files, dirs, hcl, overrides);
    }

    /** Usage lines for {@code attache agent -h}. */
    public static String usage() {
        StringBuilder sb = new StringBuilder();
        for (Flag f : AGENT_FLAGS) {
            sb.append("  -").append(f.name()).append(f.kind() == Kind.BOOL ? "" : "=<value>").append('\n')
                    .append("      ").append(f.usage()).append('\n');
        }
        return sb.toString();
    }

    private static Flag find(String name) {
        for (Flag f : AGENT_FLAGS) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new ConfigException("flag provided but not defined: -" + name);
    }

    private static void rejectExtra(List<String> rest) {
        if (!rest.isEmpty()) {
            throw new ConfigException("Unexpected extra arguments: " + rest);
        }
    }

    /** Go's {@code strconv.ParseBool}. */
    public static boolean parseBool(String v, Flag flag) {
        Boolean b = GoBool.parse(v);
        if (b == null) {
            throw new ConfigException("invalid boolean value \"" + v + "\" for -" + flag.name() + ": parse error");
        }
        return b;
    }

    private static int parseInt(String v, Flag flag) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ConfigException("invalid value \"" + v + "\" for flag -" + flag.name() + ": parse error");
        }
    }

    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> map, String dottedKey, Object value) {
        String[] parts = dottedKey.split("\\.");
        Map<String, Object> m = map;
        for (int i = 0; i < parts.length - 1; i++) {
            m = (Map<String, Object>) m.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
        }
        m.put(parts[parts.length - 1], value);
    }
}
