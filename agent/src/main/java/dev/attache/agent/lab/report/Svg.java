package dev.attache.agent.lab.report;

import java.util.Locale;
import java.util.Map;

/** Small pieces of SVG and HTML text: escaping, numbers, the status colours and the time axis. */
final class Svg {
    static final Map<String, String> COLOURS = Map.of(
            Transition.ALIVE, "#2e9e44",
            Transition.SUSPECT, "#f0a500",
            Transition.FAILED, "#d7301f",
            Transition.LEAVING, "#7fa7d9",
            Transition.LEFT, "#4a6fa5",
            Transition.NONE, "#e4e4e4");
    static final String[] ORDER = {Transition.ALIVE, Transition.SUSPECT, Transition.FAILED, Transition.LEAVING,
        Transition.LEFT, Transition.NONE};

    private Svg() {
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String n(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    /** A tick step (1, 2 or 5 times a power of ten, in ms) giving at most about {@code ticks} ticks over {@code span}. */
    static long step(long span, int ticks) {
        long step = 1;
        while (true) {
            for (long f : new long[] {1, 2, 5}) {
                if (span / (step * f) <= ticks) {
                    return step * f;
                }
            }
            step *= 10;
        }
    }

    /** Ticks and labels along the bottom of a plot: {@code x0} is offset 0, {@code scale} pixels per ms. */
    static void axis(StringBuilder b, double x0, double scale, long span, double y, double top, int ticks) {
        long step = step(Math.max(1, span), ticks);
        for (long t = 0; t <= span; t += step) {
            double x = x0 + t * scale;
            b.append("<line class=\"grid\" x1=\"").append(n(x)).append("\" y1=\"").append(n(top))
                    .append("\" x2=\"").append(n(x)).append("\" y2=\"").append(n(y)).append("\"/>");
            b.append("<text class=\"tick\" x=\"").append(n(x)).append("\" y=\"").append(n(y + 14))
                    .append("\" text-anchor=\"middle\">").append(esc(Times.duration(t))).append("</text>");
        }
    }
}
