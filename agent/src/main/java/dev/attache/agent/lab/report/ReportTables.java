package dev.attache.agent.lab.report;

import dev.attache.agent.lab.report.Report.FalseSuspicion;
import dev.attache.agent.lab.report.Report.FaultReport;
import dev.attache.agent.lab.report.Report.Observation;
import dev.attache.agent.lab.report.Report.Overall;
import dev.attache.agent.lab.report.Report.PoolLatency;
import java.util.List;

/** The report's figures as tables, shared by the text summary and the HTML page. */
final class ReportTables {
    private ReportTables() {
    }

    static String headline(Report r) {
        Overall o = r.overall();
        return "Lab " + r.lab() + ": " + o.mode() + ", gossip " + o.gossip() + ", " + o.nodes() + " nodes, "
                + o.observers().size() + " observers, " + o.members().size() + " members, span "
                + Times.duration(o.spanMs()) + " from " + o.start() + ", " + o.records() + " records, " + o.faults()
                + " faults, " + o.falseSuspicions() + (o.falseSuspicions() == 1 ? " false suspicion" : " false suspicions");
    }

    /** One row per fault and pool: its latency percentiles and its convergence time. */
    static Table faults(Report r) {
        Table t = Table.of("#", "Offset", "Fault", "Measures", "Pool", "Seen", "p50", "p90", "p99", "Max",
                "Convergence");
        for (FaultReport f : r.faults()) {
            String measures = switch (f.kind()) {
                case FaultReport.DETECTION -> "failed";
                case FaultReport.RECOVERY -> "alive";
                default -> "-";
            };
            String convergence = f.kind().equals(FaultReport.NONE) ? "-"
                    : f.convergenceMs() != null ? Times.duration(f.convergenceMs())
                    : f.observations().isEmpty() ? "-" : "not converged";
            if (f.latency().isEmpty()) {
                t = t.add(List.of(Integer.toString(f.index()), Times.duration(f.offsetMs()), f.label(), measures, "-",
                        "-", "-", "-", "-", "-", convergence));
            }
            boolean first = true;
            for (PoolLatency p : f.latency()) {
                t = t.add(List.of(first ? Integer.toString(f.index()) : "", first ? Times.duration(f.offsetMs()) : "",
                        first ? f.label() : "", first ? measures : "", p.pool(), p.seen() + "/" + p.observations(),
                        Times.duration(p.p50Ms()), Times.duration(p.p90Ms()), Times.duration(p.p99Ms()),
                        Times.duration(p.maxMs()), first ? convergence : ""));
                first = false;
            }
        }
        return t;
    }

    /** Observers that never saw a fault's change. */
    static Table missed(Report r) {
        Table t = Table.of("#", "Fault", "Observer", "Member", "Pool", "Why");
        for (FaultReport f : r.faults()) {
            for (Observation o : f.observations()) {
                if (o.latencyMs() == null) {
                    t = t.add(List.of(Integer.toString(f.index()), f.label(), o.observer(), o.member(), o.pool(),
                            o.note()));
                }
            }
        }
        return t;
    }

    static Table suspicions(Report r) {
        long start = r.overall().startUnixMs();
        Table t = Table.of("Observer", "Member", "Pool", "Count", "Flaps", "At", "During");
        for (FalseSuspicion s : r.falseSuspicions()) {
            List<String> at = s.unixMs().stream().map(ms -> "+" + Times.duration(ms - start)).toList();
            t = t.add(List.of(s.observer(), s.member(), s.pool(), Integer.toString(s.count()),
                    Integer.toString(s.flaps()), String.join(" ", at),
                    s.during().isEmpty() ? "-" : String.join("; ", s.during())));
        }
        return t;
    }

    /** The text summary printed on stdout. */
    static String text(Report r) {
        StringBuilder b = new StringBuilder(headline(r)).append("\n\n");
        b.append("Faults (latency from the fault to each observer's first record of the change)\n")
                .append(faults(r).text());
        Table missed = missed(r);
        if (!missed.rows().isEmpty()) {
            b.append("\nNot seen\n").append(missed.text());
        }
        Table suspicions = suspicions(r);
        b.append("\nFalse suspicions");
        b.append(suspicions.rows().isEmpty() ? ": none\n" : "\n" + suspicions.text());
        for (String w : r.warnings()) {
            b.append("\nwarning: ").append(w);
        }
        if (!r.warnings().isEmpty()) {
            b.append('\n');
        }
        return b.toString();
    }
}
