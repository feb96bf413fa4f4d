package dev.attache.agent.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Word wrapping with minimal raggedness, as {@code github.com/kr/text} does it for Consul's help texts:
 * the total squared shortfall of every line but the last is minimised, and a line longer than the
 * limit (a single long word) costs a large penalty.
 */
final class TextWrap {
    static final int MAX_LINE_LENGTH = 72;
    private static final int PENALTY = 100_000;

    private TextWrap() {
    }

    /** Wraps {@code s} to {@code 72 - pad} columns and indents every line by {@code pad} spaces. */
    static String indented(String s, int pad) {
        String margin = " ".repeat(pad);
        List<String> lines = wrap(s, MAX_LINE_LENGTH - pad);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(margin).append(lines.get(i));
        }
        return out.toString();
    }

    /** The lines of {@code s} wrapped to {@code limit} columns; newlines in {@code s} count as spaces. */
    static List<String> wrap(String s, int limit) {
        String[] words = s.strip().replace('\n', ' ').split(" ", -1);
        int n = words.length;
        int[][] length = new int[n][n];
        for (int i = 0; i < n; i++) {
            length[i][i] = words[i].length();
            for (int j = i + 1; j < n; j++) {
                length[i][j] = length[i][j - 1] + 1 + words[j].length();
            }
        }
        int[] breakAt = new int[n];
        long[] cost = new long[n];
        for (int i = n - 1; i >= 0; i--) {
            cost[i] = Integer.MAX_VALUE;
            if (length[i][n - 1] <= limit || i == n - 1) {
                cost[i] = 0;
                breakAt[i] = n;
                continue;
            }
            for (int j = i + 1; j < n; j++) {
                long d = limit - length[i][j - 1];
                long c = d * d + cost[j];
                if (length[i][j - 1] > limit) {
                    c += PENALTY;
                }
                if (c < cost[i]) {
                    cost[i] = c;
                    breakAt[i] = j;
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i = breakAt[i]) {
            lines.add(String.join(" ", java.util.Arrays.asList(words).subList(i, breakAt[i])));
        }
        return lines;
    }
}
