package dev.attache.agent.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code lab} command line: the subcommand, its positional arguments and its flags ({@code --name value},
 * {@code --name=value}, one dash or two). {@code --dir} is accepted everywhere.
 *
 * @param command    the subcommand ({@code up}, {@code status}, ...)
 * @param dir        the lab directory
 * @param positional the arguments that are not flags
 * @param flags      the flags given, by name without dashes ("" for a switch)
 */
public record LabArgs(String command, Path dir, List<String> positional, Map<String, String> flags) {
    public static final Path DEFAULT_DIR = Path.of(".attache-lab");
    static final Set<String> VALUE_FLAGS = Set.of("dir", "dcs", "servers", "clients", "gossip");
    static final Set<String> SWITCHES = Set.of("no-netns", "purge");

    public LabArgs {
        positional = List.copyOf(positional);
        flags = Map.copyOf(flags);
    }

    /** Parses {@code args} (after {@code lab}); a malformed line is a usage error. */
    public static LabArgs parse(List<String> args) {
        if (args.isEmpty()) {
            throw LabException.usage("missing lab command");
        }
        String command = args.get(0);
        List<String> positional = new ArrayList<>();
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-") || a.equals("-") || a.matches("-\\d.*")) {
                positional.add(a);
                continue;
            }
            String body = a.startsWith("--") ? a.substring(2) : a.substring(1);
            String name = body;
            String value = null;
            int eq = body.indexOf('=');
            if (eq >= 0) {
                name = body.substring(0, eq);
                value = body.substring(eq + 1);
            }
            if (SWITCHES.contains(name)) {
                if (value != null) {
                    throw LabException.usage("flag --" + name + " takes no value");
                }
                flags.put(name, "");
            } else if (VALUE_FLAGS.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw LabException.usage("flag needs an argument: --" + name);
                    }
                    value = args.get(++i);
                }
                flags.put(name, value);
            } else {
                throw LabException.usage("flag provided but not defined: " + a);
            }
        }
        String dir = flags.get("dir");
        if (dir != null && dir.isBlank()) {
            throw LabException.usage("--dir cannot be empty");
        }
        return new LabArgs(command, dir == null ? DEFAULT_DIR : Path.of(dir), positional, flags);
    }

    /** Fails with a usage error when a flag other than {@code allowed} (and {@code --dir}) was given. */
    public LabArgs only(String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (String f : flags.keySet()) {
            if (!f.equals("dir") && !ok.contains(f)) {
                throw LabException.usage("flag --" + f + " does not apply to 'lab " + command + "'");
            }
        }
        return this;
    }

    /** Fails with a usage error unless there are exactly {@code n} positional arguments. */
    public LabArgs positional(int n, String shape) {
        if (positional.size() != n) {
            throw LabException.usage("usage: attache lab " + command + " " + shape);
        }
        return this;
    }

    /** A count flag: a whole number of at least {@code min}; anything else is a one-line error (exit 1). */
    public int count(String flag, int dflt, int min) {
        String v = flags.get(flag);
        if (v == null) {
            return dflt;
        }
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw LabException.error("--" + flag + " must be a whole number, got \"" + v + "\"");
        }
        if (n < min) {
            throw LabException.error("--" + flag + " must be at least " + min + ", got " + n);
        }
        return n;
    }

    public boolean has(String flag) {
        return flags.containsKey(flag);
    }

    public String flag(String flag, String dflt) {
        return flags.getOrDefault(flag, dflt);
    }

    /**
     * The groups of {@code lab partition A,B C,D}: at least two, no node twice, no empty name.
     */
    public List<List<String>> groups() {
        if (positional.size() < 2) {
            throw LabException.usage("usage: attache lab partition NODE[,NODE...] NODE[,NODE...] ...");
        }
        List<List<String>> groups = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (String g : positional) {
            List<String> group = new ArrayList<>();
            for (String name : g.split(",", -1)) {
                if (name.isBlank()) {
                    throw LabException.usage("empty node name in partition group \"" + g + "\"");
                }
                if (!seen.add(name)) {
                    throw LabException.error("node " + name + " is in more than one partition group");
                }
                group.add(name);
            }
            groups.add(List.copyOf(group));
        }
        return List.copyOf(groups);
    }

    /** The loss percentage of {@code lab loss NODE PERCENT}: 0 to 100, a trailing % allowed. */
    public double percent(String value) {
        String v = value.endsWith("%") ? value.substring(0, value.length() - 1) : value;
        double p;
        try {
            p = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw LabException.error("PERCENT must be a number from 0 to 100, got \"" + value + "\"");
        }
        if (!(p >= 0 && p <= 100)) {
            throw LabException.error("PERCENT must be a number from 0 to 100, got \"" + value + "\"");
        }
        return p;
    }
}
