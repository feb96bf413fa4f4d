package dev.attache.agent.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attache.acl.rules.Hcl;
import dev.attache.agent.AgentConfig;
import dev.attache.agent.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds an {@link AgentConfig} from the {@code agent} command's arguments: dev defaults, then config
 * files in the order given (a directory's {@code *.json} and {@code *.hcl} files in lexical order), then
 * {@code -hcl} fragments, then flags. JSON and HCL files hold the same keys, as in Consul. Objects
 * merge key by key; any other value is replaced by the later source. Keys the agent does not know are
 * reported as warnings and ignored, so a Consul config file with options Attaché lacks still loads.
 */
public final class ConfigLoader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The configuration and the warnings to log once logging is set up. */
    public record Loaded(AgentConfig config, List<String> warnings, List<Path> sources) {
    }

    private ConfigLoader() {
    }

    public static Loaded load(List<String> args) {
        Flags.Parsed flags = Flags.parse(args);
        Map<String, Object> merged = new LinkedHashMap<>();
        if (flags.dev()) {
            merge(merged, Map.of("server", true, "bootstrap_expect", 1,
                    "bind_addr", "127.0.0.1", "client_addr", "127.0.0.1"));
        }
        List<Path> sources = new ArrayList<>();
        for (String f : flags.configFiles()) {
            sources.add(Path.of(f));
        }
        for (String d : flags.configDirs()) {
            sources.addAll(jsonFilesIn(Path.of(d)));
        }
        for (Path p : sources) {
            merge(merged, readFile(p));
        }
        for (String fragment : flags.hclFragments()) {
            merge(merged, hcl(fragment, "-hcl"));
        }
        merge(merged, flags.overrides());
        List<String> warnings = new ArrayList<>();
        AgentConfig config = ConfigBinder.bind(merged, flags.dev(), warnings);
        return new Loaded(config, warnings, sources);
    }

    /** Reads one JSON or HCL ({@code *.hcl}) config file into a map. */
    public static Map<String, Object> readFile(Path p) {
        if (p.getFileName().toString().endsWith(".hcl")) {
            try {
                return hcl(Files.readString(p), p.toString());
            } catch (NoSuchFileException e) {
                throw new ConfigException("Error loading " + p + ": no such file or directory");
            } catch (IOException e) {
                throw new ConfigException("Error loading " + p + ": " + e.getMessage());
            }
        }
        try {
            byte[] bytes = Files.readAllBytes(p);
            Object value = MAPPER.readValue(bytes, Object.class);
            if (!(value instanceof Map<?, ?>)) {
                throw new ConfigException("Error parsing " + p + ": top level must be a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) value;
            return map;
        } catch (NoSuchFileException e) {
            throw new ConfigException("Error loading " + p + ": no such file or directory");
        } catch (JsonProcessingException e) {
            throw new ConfigException("Error parsing " + p + ": " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new ConfigException("Error loading " + p + ": " + e.getMessage());
        }
    }

    /** HCL config text as the JSON loader's map: whole numbers become integers, as Jackson reads them. */
    static Map<String, Object> hcl(String text, String source) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) integral(Hcl.parse(text));
            return m;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Error parsing " + source + ": " + e.getMessage());
        }
    }

    private static Object integral(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) <= Integer.MAX_VALUE) {
            return d.intValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), integral(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(integral(x)));
            return out;
        }
        return v;
    }

    private static List<Path> jsonFilesIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("Error loading " + dir + ": not a directory");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> (f.getFileName().toString().endsWith(".json")
                            || f.getFileName().toString().endsWith(".hcl")) && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ConfigException("Error loading " + dir + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((k, v) -> {
            Object existing = into.get(k);
            if (existing instanceof Map<?, ?> em && v instanceof Map<?, ?> vm) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) em);
                merge(copy, (Map<String, Object>) vm);
                into.put(k, copy);
            } else {
                into.put(k, v);
            }
        });
    }
}
