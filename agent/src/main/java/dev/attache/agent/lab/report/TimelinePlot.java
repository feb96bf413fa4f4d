package dev.attache.agent.lab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run as an SVG: time on x, a row per member (LAN members, then WAN members), within a row one thin strip per
 * observer coloured by the status it saw, and each fault as a labelled vertical line.
 */
final class TimelinePlot {
    static final int WIDTH = 1100;
    static final int LABEL = 170;
    static final int RIGHT = 30;
    static final int STRIP = 6;
    static final int ROW_GAP = 8;
    static final int HEADER = 20;

    private TimelinePlot() {
    }

    static String svg(LabRun run, Report report) {
        long start = report.overall().startUnixMs();
        long end = report.overall().endUnixMs();
        long span = Math.max(1, end - start);
        double plot = WIDTH - LABEL - RIGHT;
        double scale = plot / span;
        // pool -> member -> observer -> transitions
        Map<String, Map<String, Map<String, List<Transition>>>> rows = new TreeMap<>();
        run.timelines().forEach((observer, timeline) -> timeline.forEach(t -> rows
                .computeIfAbsent(t.pool(), p -> new TreeMap<>())
                .computeIfAbsent(t.member(), m -> new TreeMap<>())
                .computeIfAbsent(observer, o -> new ArrayList<>()).add(t)));
        List<Fault> faults = run.faults();
        int labelLines = Math.min(4, Math.max(1, faults.size()));
        double top = HEADER * labelLines + 6;
        double y = top;
        StringBuilder body = new StringBuilder();
        for (var pool : rows.entrySet()) {
            for (var member : pool.getValue().entrySet()) {
                double rowTop = y;
                String name = member.getKey() + (pool.getKey().equals("wan") ? " (wan)" : "");
                for (var observer : member.getValue().entrySet()) {
                    strip(body, observer.getKey(), name, observer.getValue(), start, end, scale, y);
                    y += STRIP + 1;
                }
                double mid = (rowTop + y) / 2;
                body.append("<text class=\"member\" x=\"").append(LABEL - 8).append("\" y=\"").append(Svg.n(mid + 4))
                        .append("\" text-anchor=\"end\">").append(Svg.esc(name)).append("</text>");
                y += ROW_GAP;
            }
        }
        double bottom = y;
        StringBuilder b = new StringBuilder();
        int height = (int) Math.ceil(bottom + 26);
        b.append("<svg id=\"timeline\" class=\"plot\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"Members' status over time as each observer saw it\">");
        Svg.axis(b, LABEL, scale, span, bottom, top, 12);
        b.append(body);
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            double x = LABEL + (f.at() - start) * scale;
            double ly = HEADER * (i % labelLines) + 14;
            b.append("<g class=\"fault\"><line x1=\"").append(Svg.n(x)).append("\" y1=\"").append(Svg.n(ly + 3))
                    .append("\" x2=\"").append(Svg.n(x)).append("\" y2=\"").append(Svg.n(bottom)).append("\"/>")
                    .append("<text x=\"").append(Svg.n(x + 3)).append("\" y=\"").append(Svg.n(ly)).append("\">#")
                    .append(i + 1).append(' ').append(Svg.esc(f.label())).append("</text></g>");
        }
        return b.append("</svg>").toString();
    }

    private static void strip(StringBuilder b, String observer, String member, List<Transition> view, long start,
            long end, double scale, double y) {
        for (int i = 0; i < view.size(); i++) {
            Transition t = view.get(i);
            long from = t.at();
            long to = i + 1 < view.size() ? view.get(i + 1).at() : end;
            if (t.to().equals(Transition.NONE)) {
                continue;
            }
            double x = LABEL + (from - start) * scale;
            double w = Math.max(1, (to - from) * scale);
            b.append("<rect class=\"s-").append(t.to()).append("\" x=\"").append(Svg.n(x)).append("\" y=\"")
                    .append(Svg.n(y)).append("\" width=\"").append(Svg.n(w)).append("\" height=\"").append(STRIP)
                    .append("\"><title>").append(Svg.esc(observer + " sees " + member + " " + t.to() + " from +"
                            + Times.duration(from - start) + " to +" + Times.duration(to - start)))
                    .append("</title></rect>");
        }
    }
}
