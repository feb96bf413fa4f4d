package dev.attache.agent.lab.report;

import dev.attache.agent.lab.report.Report.FaultReport;
import dev.attache.agent.lab.report.Report.Observation;
import dev.attache.agent.lab.report.Report.PoolLatency;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One fault's latencies as an SVG bar chart: a bar per observer and member, shortest first, with the pools' p50 and
 * p99 as dashed lines; an observer that never saw the change gets a red "never" instead of a bar.
 */
final class LatencyChart {
    static final int WIDTH = 760;
    static final int LABEL = 250;
    static final int RIGHT = 70;
    static final int BAR = 14;
    static final int GAP = 4;

    private LatencyChart() {
    }

    static String svg(FaultReport f) {
        List<Observation> obs = new ArrayList<>(f.observations());
        obs.sort(Comparator.comparing((Observation o) -> o.latencyMs() == null ? Long.MAX_VALUE : o.latencyMs())
                .thenComparing(Observation::observer).thenComparing(Observation::member));
        long max = Math.max(1, obs.stream().filter(o -> o.latencyMs() != null).mapToLong(Observation::latencyMs)
                .max().orElse(1));
        double plot = WIDTH - LABEL - RIGHT;
        double scale = plot / max;
        double top = 6;
        double bottom = top + obs.size() * (BAR + GAP);
        int height = (int) Math.ceil(bottom + 62);
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"chart latency\" id=\"latency-").append(f.index())
                .append("\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(Svg.esc("Latency per observer after #" + f.index()
                        + " " + f.label())).append("\">");
        Svg.axis(b, LABEL, scale, max, bottom, top, 8);
        double y = top;
        for (Observation o : obs) {
            String label = o.observer() + " \u2192 " + o.member() + (o.pool().equals("wan") ? " (wan)" : "");
            b.append("<text class=\"member\" x=\"").append(LABEL - 6).append("\" y=\"").append(Svg.n(y + BAR - 3))
                    .append("\" text-anchor=\"end\">").append(Svg.esc(label)).append("</text>");
            if (o.latencyMs() == null) {
                b.append("<text class=\"never\" x=\"").append(LABEL + 4).append("\" y=\"").append(Svg.n(y + BAR - 3))
                        .append("\">").append(Svg.esc(o.note())).append("</text>");
            } else {
                double w = Math.max(1, o.latencyMs() * scale);
                b.append("<rect class=\"bar bar-").append(o.pool()).append("\" x=\"").append(LABEL).append("\" y=\"")
                        .append(Svg.n(y)).append("\" width=\"").append(Svg.n(w)).append("\" height=\"").append(BAR)
                        .append("\"><title>").append(Svg.esc(label + ": " + Times.duration(o.latencyMs())))
                        .append("</title></rect><text class=\"value\" x=\"").append(Svg.n(LABEL + w + 4))
                        .append("\" y=\"").append(Svg.n(y + BAR - 3)).append("\">")
                        .append(Svg.esc(Times.duration(o.latencyMs()))).append("</text>");
            }
            y += BAR + GAP;
        }
        int line = 0;
        for (PoolLatency p : f.latency()) {
            if (p.p50Ms() == null) {
                continue;
            }
            for (var q : new Object[][] {{"p50", p.p50Ms()}, {"p99", p.p99Ms()}}) {
                double x = LABEL + (Long) q[1] * scale;
                b.append("<line class=\"pct\" x1=\"").append(Svg.n(x)).append("\" y1=\"").append(Svg.n(top))
                        .append("\" x2=\"").append(Svg.n(x)).append("\" y2=\"").append(Svg.n(bottom)).append("\"/>")
                        .append("<text class=\"pct-label\" x=\"").append(Svg.n(x)).append("\" y=\"")
                        .append(Svg.n(bottom + 28 + 11 * (line % 4))).append("\" text-anchor=\"middle\">")
                        .append(Svg.esc(p.pool() + " " + q[0])).append("</text>");
                line++;
            }
        }
        return b.append("</svg>").toString();
    }
}
