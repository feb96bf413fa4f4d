package dev.attache.agent.lab.report;

import dev.attache.agent.lab.report.Report.FaultReport;
import java.util.List;

/**
 * The report as one self-contained HTML page: inline CSS and SVG, no script, no font or image to fetch, so that it
 * reads the same opened from disk anywhere.
 */
final class HtmlReport {
    private static final String CSS = """
            body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:24px;color:#222;background:#fff}
            h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px}h3{font-size:14px;margin:18px 0 6px}
            p.headline{color:#444;margin:0 0 12px}
            table{border-collapse:collapse;font:13px ui-monospace,Menlo,Consolas,monospace;margin:4px 0 12px}
            th,td{padding:3px 10px;text-align:left;border-bottom:1px solid #e2e2e2;white-space:nowrap}
            th{background:#f4f4f4;font-weight:600}
            .legend span{display:inline-block;margin-right:14px}
            .legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}
            svg{display:block;background:#fff;max-width:100%;height:auto}
            svg text{font:11px system-ui,sans-serif;fill:#333}
            svg .tick{fill:#666}svg .grid{stroke:#eee}
            svg .fault line{stroke:#333;stroke-dasharray:4 3}svg .fault text{font-weight:600}
            svg .bar-lan{fill:#3b7dd8}svg .bar-wan{fill:#8e5bd1}svg .never{fill:#d7301f;font-weight:600}
            svg .pct{stroke:#555;stroke-dasharray:2 2}svg .pct-label{fill:#555}
            .warn{color:#a05a00}
            """;

    private HtmlReport() {
    }

    static String render(LabRun run, Report report) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Svg.esc("Attaché lab report: " + report.lab())).append("</title><style>")
                .append(CSS);
        for (String status : Svg.ORDER) {
            b.append("svg .s-").append(status).append("{fill:").append(Svg.COLOURS.get(status)).append("}\n");
        }
        b.append("</style></head><body>\n<h1>Attaché lab report</h1>\n<p class=\"headline\" id=\"headline\">")
                .append(Svg.esc(ReportTables.headline(report))).append("</p>\n");
        for (String w : report.warnings()) {
            b.append("<p class=\"warn\">warning: ").append(Svg.esc(w)).append("</p>\n");
        }
        b.append("<h2>Timeline</h2>\n<p>A row per member; in a row, a strip per observer, coloured by the status ")
                .append("that observer saw (hover for who and when). Dashed lines are the lab's actions.</p>\n")
                .append("<p class=\"legend\">");
        for (String status : Svg.ORDER) {
            b.append("<span><i style=\"background:").append(Svg.COLOURS.get(status)).append("\"></i>").append(status)
                    .append("</span>");
        }
        b.append("</p>\n").append(TimelinePlot.svg(run, report)).append('\n');
        b.append("<h2>Faults</h2>\n<p>Latency: from the action to each observer's first record of the member ")
                .append("turning <b>failed</b> (kill, pause, partition) or <b>alive</b> (resume, restart, heal, up). ")
                .append("Convergence: until the last observer saw it.</p>\n");
        table(b, ReportTables.faults(report), "faults");
        Table missed = ReportTables.missed(report);
        if (!missed.rows().isEmpty()) {
            b.append("<h3>Not seen</h3>\n");
            table(b, missed, "missed");
        }
        b.append("<h2>False suspicions</h2>\n");
        Table suspicions = ReportTables.suspicions(report);
        if (suspicions.rows().isEmpty()) {
            b.append("<p id=\"no-false-suspicions\">None: every suspect or failed record is explained by a fault.</p>\n");
        } else {
            b.append("<p>Suspect or failed records that no fault explains (times from the start of the run).</p>\n");
            table(b, suspicions, "false-suspicions");
        }
        b.append("<h2>Latency per fault</h2>\n");
        for (FaultReport f : report.faults()) {
            if (f.observations().isEmpty() || f.action().equals("up")) {
                continue;
            }
            b.append("<h3>#").append(f.index()).append(' ').append(Svg.esc(f.label())).append(" at +")
                    .append(Svg.esc(Times.duration(f.offsetMs()))).append(": ")
                    .append(f.kind().equals(FaultReport.DETECTION) ? "detection" : "back alive").append("</h3>\n")
                    .append(LatencyChart.svg(f)).append('\n');
        }
        return b.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder b, Table t, String id) {
        b.append("<table id=\"").append(id).append("\"><thead><tr>");
        t.header().forEach(h -> b.append("<th>").append(Svg.esc(h)).append("</th>"));
        b.append("</tr></thead><tbody>\n");
        for (List<String> row : t.rows()) {
            b.append("<tr>");
            row.forEach(c -> b.append("<td>").append(Svg.esc(c)).append("</td>"));
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n");
    }
}
