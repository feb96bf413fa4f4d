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
        Map<String, List<long[]>> downtime = downtime(run);
        int labelLines = Math.min(4, Math.max(1, faults.size()));
        double top = HEADER * labelLines + 6;
        double y = top;
        StringBuilder body = new StringBuilder();
        for (var pool : rows.entrySet()) {
            for (var member : pool.getValue().entrySet()) {
                double rowTop = y;
                String name = member.getKey() + (pool.getKey().equals("wan") ? " (wan)" : "");
                for (var observer : member.getValue().entrySet()) {
                    strip(body, observer.getKey(), name, observer.getValue(), start, end, scale, y,
                            downtime.getOrDefault(observer.getKey(), List.of()));
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
                    .append(labelText(i + 1, f, x, ly)).append("</g>");
        }
        return b.append("</svg>").toString();
    }

    /** A fault's label right of its line, or left of it where it would run off the plot. */
    private static String labelText(int index, Fault f, double x, double y) {
        String text = "#" + index + " " + f.label();
        boolean left = x + 3 + text.length() * 6.5 > WIDTH;
        return "<text x=\"" + Svg.n(left ? x - 3 : x + 3) + "\" y=\"" + Svg.n(y) + "\""
                + (left ? " text-anchor=\"end\"" : "") + ">" + Svg.esc(text) + "</text>";
    }

    private static void strip(StringBuilder b, String observer, String member, List<Transition> view, long start,
            long end, double scale, double y, List<long[]> down) {
        for (int i = 0; i < view.size(); i++) {
            Transition t = view.get(i);
            if (t.to().equals(Transition.NONE)) {
                continue;
            }
            long segmentEnd = i + 1 < view.size() ? view.get(i + 1).at() : end;
            for (long[] part : running(t.at(), segmentEnd, down)) {
                long from = part[0];
                long to = part[1];
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

    /** The parts of [from, to) outside the observer's down intervals: a killed or paused observer sees nothing. */
    private static List<long[]> running(long from, long to, List<long[]> down) {
        List<long[]> parts = new ArrayList<>();
        long cursor = from;
        for (long[] d : down) {
            if (d[1] <= cursor || d[0] >= to) {
                continue;
            }
            if (d[0] > cursor) {
                parts.add(new long[] {cursor, d[0]});
            }
            cursor = Math.max(cursor, d[1]);
        }
        if (cursor < to) {
            parts.add(new long[] {cursor, to});
        }
        return parts;
    }

    /** Per node, the intervals (in time order) between a kill, pause or down and the resume, restart or up after it. */
    static Map<String, List<long[]>> downtime(LabRun run) {
        Map<String, List<long[]>> out = new TreeMap<>();
        Map<String, Long> since = new TreeMap<>();
        List<String> all = run.manifest().nodes().stream().map(LabNode::name).toList();
        for (Fault f : run.faults()) {
            List<String> nodes = f.nodes().isEmpty() ? all : f.nodes();
            switch (f.action()) {
                case "kill", "pause", "down" -> nodes.forEach(n -> since.putIfAbsent(n, f.at()));
                case "resume", "restart", "up" -> nodes.forEach(n -> {
                    Long s = since.remove(n);
                    if (s != null) {
                        out.computeIfAbsent(n, k -> new ArrayList<>()).add(new long[] {s, f.at()});
                    }
                });
                default -> {
                }
            }
        }
        since.forEach((n, s) -> out.computeIfAbsent(n, k -> new ArrayList<>()).add(new long[] {s, Long.MAX_VALUE}));
        return out;
    }
}
