package dev.attache.agent.cli;

import dev.attache.api.json.GoBool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Command flags parsed as Go's {@code flag} package parses them, so that {@code attache} accepts what
 * {@code consul} accepts: {@code -name value}, {@code -name=value}, {@code --name}, bool flags as
 * {@code -name} or {@code -name=false}; parsing stops at the first non-flag argument or after {@code --}.
 * The help text is laid out as Consul's {@code flags.Usage}: HTTP API options, then command options,
 * each sorted by name.
 */
final class FlagSet {
    /** Where a flag is listed in the help text. */
    enum Section {
        HTTP("HTTP API Options"),
        COMMAND("Command Options"),
        /** Accepted but not listed: deprecated flags, which Consul defines after building its help. */
        HIDDEN(null);

        private final String title;

        Section(String title) {
            this.title = title;
        }
    }

    /** A parse failure, with Go's wording ({@code flag provided but not defined: -x}). */
    static final class FlagException extends Exception {
        private static final long serialVersionUID = 1L;

        FlagException(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Flag {
        final String name;
        final Section section;
        final boolean bool;
        final boolean repeatable;
        final String example;
        final String usage;
        final List<String> values = new ArrayList<>();
        String value;
        boolean set;

        Flag(String name, Section section, boolean bool, boolean repeatable, String example, String usage,
                String value) {
            this.name = name;
            this.section = section;
            this.bool = bool;
            this.repeatable = repeatable;
            this.example = example;
            this.usage = usage;
            this.value = value;
        }
    }

    /** Go's {@code flag} visits flags in lexical order; so does the help text. */
    private final Map<String, Flag> flags = new TreeMap<>();
    private List<String> args = List.of();

    /** A bool flag, false unless given. */
    void bool(String name, Section section, String usage) {
        define(new Flag(name, section, true, false, "", usage, "false"));
    }

    /**
     * A string flag. {@code example} is the placeholder the help shows ({@code -name=<example>}) unless the usage
     * holds a back-quoted word, which Go's {@code flag.UnquoteUsage} prefers.
     */
    void string(String name, Section section, String defaultValue, String example, String usage) {
        define(new Flag(name, section, false, false, example, usage, defaultValue));
    }

    /**
     * A string flag that may be given many times, every value kept in order (Consul's {@code AppendSliceValue});
     * the help shows {@code -name=<value>}.
     */
    void strings(String name, Section section, String usage) {
        define(new Flag(name, section, false, true, "value", usage, ""));
    }

    private void define(Flag f) {
        if (flags.putIfAbsent(f.name, f) != null) {
            throw new IllegalArgumentException("flag redefined: " + f.name);
        }
    }

    /**
     * True when the arguments ask for help: {@code -h}, {@code -help} or {@code --help} anywhere before
     * {@code --}, as the CLI library Consul uses checks before a command runs.
     */
    static boolean wantsHelp(List<String> args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("-h") || a.equals("-help") || a.equals("--help")) {
                return true;
            }
        }
        return false;
    }

    void parse(List<String> input) throws FlagException {
        int i = 0;
        while (i < input.size()) {
            String s = input.get(i);
            if (s.length() < 2 || s.charAt(0) != '-') {
                break;
            }
            int minuses = 1;
            if (s.charAt(1) == '-') {
                minuses = 2;
                if (s.length() == 2) { // "--" ends the flags and is consumed
                    i++;
                    break;
                }
            }
            String name = s.substring(minuses);
            if (name.isEmpty() || name.charAt(0) == '-' || name.charAt(0) == '=') {
                throw new FlagException("bad flag syntax: " + s);
            }
            i++;
            String value = null;
            int eq = name.indexOf('=', 1);
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Flag f = flags.get(name);
            if (f == null) {
                throw new FlagException("flag provided but not defined: -" + name);
            }
            if (f.bool) {
                if (value == null) {
                    f.value = "true";
                } else {
                    Boolean b = GoBool.parse(value);
                    if (b == null) {
                        throw new FlagException("invalid boolean value \"" + value + "\" for -" + name + ": parse error");
                    }
                    f.value = b.toString();
                }
            } else {
                if (value == null) {
                    if (i >= input.size()) {
                        throw new FlagException("flag needs an argument: -" + name);
                    }
                    value = input.get(i++); // Go takes the next argument even if it starts with '-'
                }
                f.value = value;
                if (f.repeatable) {
                    f.values.add(value);
                }
            }
            f.set = true;
        }
        args = List.copyOf(input.subList(i, input.size()));
    }

    /** The arguments left after the flags. */
    List<String> args() {
        return args;
    }

    String value(String name) {
        return flag(name).value;
    }

    /** Every value a repeatable flag was given, in order; empty when it was not given. */
    List<String> values(String name) {
        Flag f = flag(name);
        if (!f.repeatable) {
            throw new IllegalArgumentException("flag " + name + " is not repeatable");
        }
        return List.copyOf(f.values);
    }

    boolean isTrue(String name) {
        return Boolean.parseBoolean(flag(name).value);
    }

    /** True when the flag was given on the command line (even with its default value). */
    boolean isSet(String name) {
        return flag(name).set;
    }

    private Flag flag(String name) {
        Flag f = flags.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no flag " + name);
        }
        return f;
    }

    /** The command's help: its description, then its flags by section, wrapped at 72 columns. No final newline. */
    String usage(String description) {
        StringBuilder out = new StringBuilder(description.strip()).append("\n\n");
        for (Section section : Section.values()) {
            if (section.title == null) {
                continue;
            }
            List<Flag> in = new ArrayList<>();
            flags.values().stream().filter(f -> f.section == section).forEach(in::add);
            if (in.isEmpty()) {
                continue;
            }
            out.append(section.title).append("\n\n");
            for (Flag f : in) {
                String example = example(f);
                out.append("  -").append(f.name);
                if (!example.isEmpty()) {
                    out.append("=<").append(example).append('>');
                }
                out.append('\n').append(TextWrap.indented(f.usage, 5)).append("\n\n");
            }
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '\n') {
            end--;
        }
        return out.substring(0, end);
    }

    private static String example(Flag f) {
        int open = f.usage.indexOf('`');
        if (open >= 0) {
            int close = f.usage.indexOf('`', open + 1);
            if (close > open) {
                return f.usage.substring(open + 1, close);
            }
        }
        return f.bool ? "" : f.example;
    }
}
