package dev.attache.agent.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns as {@code github.com/ryanuber/columnize} lays them out with its defaults: each cell trimmed,
 * every column but a row's last padded to the widest cell of that column, cells glued by two spaces, rows
 * joined by newlines, no final newline. Widths count code points, as Go counts runes.
 */
final class Columnize {
    static final String GLUE = "  ";

    private Columnize() {
    }

    static String format(List<List<String>> rows) {
        List<List<String>> cells = new ArrayList<>(rows.size());
        List<Integer> widths = new ArrayList<>();
        for (List<String> row : rows) {
            List<String> trimmed = new ArrayList<>(row.size());
            for (int j = 0; j < row.size(); j++) {
                String cell = row.get(j) == null ? "" : row.get(j).strip();
                trimmed.add(cell);
                int w = cell.codePointCount(0, cell.length());
                if (widths.size() <= j) {
                    widths.add(w);
                } else if (widths.get(j) < w) {
                    widths.set(j, w);
                }
            }
            cells.add(trimmed);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append('\n');
            }
            List<String> row = cells.get(i);
            for (int j = 0; j < row.size(); j++) {
                String cell = row.get(j);
                out.append(cell);
                if (j < row.size() - 1) {
                    out.append(" ".repeat(widths.get(j) - cell.codePointCount(0, cell.length()))).append(GLUE);
                }
            }
        }
        return out.toString();
    }
}
