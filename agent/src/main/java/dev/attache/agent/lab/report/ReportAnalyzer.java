package dev.attache.agent.lab.report;

import dev.attache.agent.lab.report.Report.FalseSuspicion;
import dev.attache.agent.lab.report.Report.FaultReport;
import dev.attache.agent.lab.report.Report.Overall;
import java.util.List;
import java.util.TreeSet;

/** Turns a lab run into its {@link Report}. Pure: no I/O. */
public final class ReportAnalyzer {
    private ReportAnalyzer() {
    }

    public static Report analyze(LabRun run) {
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        int records = 0;
        TreeSet<String> members = new TreeSet<>();
        for (List<Transition> timeline : run.timelines().values()) {
            for (Transition t : timeline) {
                start = Math.min(start, t.at());
                end = Math.max(end, t.at());
                members.add(t.member());
                records++;
            }
        }
        for (Fault f : run.faults()) {
            start = Math.min(start, f.at());
            end = Math.max(end, f.at());
        }
        if (start == Long.MAX_VALUE) {
            start = end = 0;
        }
        Views views = new Views(run.timelines());
        FaultWindows windows = new FaultWindows(run.manifest(), run.faults());
        List<FaultReport> faults = new FaultAnalysis(run, views, windows, start).all();
        List<FalseSuspicion> suspicions = SuspicionAnalysis.find(run, views, windows);
        LabManifest m = run.manifest();
        Overall overall = new Overall(m.mode(), m.gossip(), Times.rfc3339(start), start, end, end - start,
                m.nodes().size(), List.copyOf(new TreeSet<>(run.timelines().keySet())), List.copyOf(members), records,
                run.faults().size(), suspicions.stream().mapToInt(FalseSuspicion::count).sum());
        return new Report(run.dir().toString(), overall, faults, suspicions, run.warnings());
    }
}
