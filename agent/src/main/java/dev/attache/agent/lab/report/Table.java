package dev.attache.agent.lab.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of cells for the text summary and the page: laid out as Consul's CLI lays out its tables (columnize: every
 * column but the last padded to its widest cell, two spaces between columns).
 */
record Table(List<String> header, List<List<String>> rows) {
    Table {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    static Table of(String... header) {
        return new Table(List.of(header), new ArrayList<>());
    }

    Table add(List<String> row) {
        List<List<String>> more = new ArrayList<>(rows);
        more.add(List.copyOf(row));
        return new Table(header, more);
    }

    String text() {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] widths = new int[header.size()];
        for (List<String> row : all) {
            for (int j = 0; j < row.size(); j++) {
                widths[j] = Math.max(widths[j], row.get(j).codePointCount(0, row.get(j).length()));
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < row.size(); j++) {
                String cell = row.get(j);
                line.append(cell);
                if (j < row.size() - 1) {
                    line.append(" ".repeat(widths[j] - cell.codePointCount(0, cell.length()))).append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
