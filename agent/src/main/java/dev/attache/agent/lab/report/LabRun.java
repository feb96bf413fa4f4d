package dev.attache.agent.lab.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A lab directory as read: its manifest, every observer's timeline (in time order) and the faults (in time order),
 * plus warnings about what was skipped (a truncated last line).
 */
public record LabRun(Path dir, LabManifest manifest, Map<String, List<Transition>> timelines, List<Fault> faults,
        List<String> warnings) {
    public LabRun {
        timelines = Map.copyOf(timelines);
        faults = List.copyOf(faults);
        warnings = List.copyOf(warnings);
    }
}
