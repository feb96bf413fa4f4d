package dev.attache.agent.lab.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attache.api.ApiException;
import dev.attache.api.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads a lab directory: {@code lab.json}, {@code timelines/*.jsonl} and {@code faults.jsonl}. A last line that does
 * not parse is taken for a write cut short (an agent killed mid-line) and skipped with a warning; any other bad line
 * is an error naming the file and line.
 */
public final class LabReader {
    static final String MANIFEST = "lab.json";
    static final String TIMELINES = "timelines";
    static final String FAULTS = "faults.jsonl";

    private LabReader() {
    }

    public static LabRun read(Path dir) {
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isDirectory(dir) || !Files.isRegularFile(manifestFile)) {
            throw new LabReportException("no lab in " + dir + " (" + manifestFile + " is missing)");
        }
        LabManifest manifest = manifest(manifestFile);
        Path timelineDir = dir.resolve(TIMELINES);
        List<Path> timelineFiles = jsonl(timelineDir);
        if (timelineFiles.isEmpty()) {
            throw new LabReportException("no timelines in " + timelineDir
                    + " (the lab's agents write timelines/<node>.jsonl)");
        }
        Path faultsFile = dir.resolve(FAULTS);
        if (!Files.isRegularFile(faultsFile)) {
            throw new LabReportException("no faults.jsonl in " + dir + " (" + faultsFile + " is missing)");
        }
        List<String> warnings = new ArrayList<>();
        Map<String, List<Transition>> timelines = new TreeMap<>();
        for (Path file : timelineFiles) {
            for (Transition t : lines(dir, file, LabReader::transition, warnings)) {
                timelines.computeIfAbsent(t.observer(), o -> new ArrayList<>()).add(t);
            }
        }
        timelines.values().forEach(l -> l.sort(Comparator.comparingLong(Transition::at)));
        List<Fault> faults = new ArrayList<>(lines(dir, faultsFile, LabReader::fault, warnings));
        faults.sort(Comparator.comparingLong(Fault::at));
        return new LabRun(dir, manifest, timelines, faults, warnings);
    }

    private static LabManifest manifest(Path file) {
        JsonNode root = parse(bytes(file), file.getFileName().toString());
        try {
            List<LabNode> nodes = new ArrayList<>();
            for (JsonNode n : array(root, "nodes")) {
                nodes.add(new LabNode(text(n, "name"), text(n, "dc"), text(n, "role"), text(n, "wan"), text(n, "state")));
            }
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException("no nodes");
            }
            return new LabManifest(text(root, "mode"), text(root, "created"), text(root, "gossip"), nodes);
        } catch (IllegalArgumentException e) {
            throw new LabReportException(file + ": " + e.getMessage());
        }
    }

    private static Transition transition(JsonNode n) {
        return new Transition(text(n, "time"), number(n, "unix_ms"), text(n, "observer"), text(n, "dc"),
                text(n, "pool"), text(n, "member"), text(n, "from"), text(n, "to"));
    }

    private static Fault fault(JsonNode n) {
        List<String> nodes = new ArrayList<>();
        array(n, "nodes").forEach(x -> nodes.add(x.asText()));
        List<List<String>> groups = new ArrayList<>();
        for (JsonNode g : array(n, "groups")) {
            List<String> group = new ArrayList<>();
            g.forEach(x -> group.add(x.asText()));
            groups.add(group);
        }
        JsonNode percent = n.get("percent");
        if (percent != null && !percent.isNull() && !percent.isNumber()) {
            throw new IllegalArgumentException("\"percent\" is not a number");
        }
        return new Fault(text(n, "time"), number(n, "unix_ms"), text(n, "action"), nodes, groups,
                percent == null || percent.isNull() ? null : percent.asDouble());
    }

    private static <T> List<T> lines(Path dir, Path file, Function<JsonNode, T> decode, List<String> warnings) {
        String name = dir.relativize(file).toString();
        List<String> lines = new String(bytes(file), StandardCharsets.UTF_8).lines().toList();
        int last = lines.size() - 1;
        while (last >= 0 && lines.get(last).isBlank()) {
            last--;
        }
        List<T> out = new ArrayList<>(lines.size());
        for (int i = 0; i <= last; i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = name + ":" + (i + 1);
            JsonNode node;
            try {
                node = parse(lines.get(i).getBytes(StandardCharsets.UTF_8), where);
            } catch (LabReportException e) {
                if (i == last) {
                    warnings.add(where + ": skipped a truncated last line");
                    break;
                }
                throw e;
            }
            try {
                out.add(decode.apply(node));
            } catch (IllegalArgumentException e) {
                throw new LabReportException(where + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static JsonNode parse(byte[] bytes, String where) {
        try {
            JsonNode node = Json.read(bytes, JsonNode.class, where);
            if (node == null || !node.isObject()) {
                throw new LabReportException(where + ": not a JSON object");
            }
            return node;
        } catch (ApiException e) {
            throw new LabReportException(e.getMessage());
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new LabReportException("cannot read " + file + ": " + reason(e));
        }
    }

    private static List<Path> jsonl(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new LabReportException("cannot list " + dir + ": " + reason(e));
        }
    }

    /** An I/O failure in words: file-system exceptions carry only the path as their message. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return f.getFile() + " is a file, not a directory";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" is not a string");
        }
        return v.asText();
    }

    private static Long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("\"" + field + "\" is not an integer");
        }
        return v.asLong();
    }

    private static Iterable<JsonNode> array(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException("\"" + field + "\" is not an array");
        }
        return v;
    }
}
