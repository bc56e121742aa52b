package dev.liaison.bench;

import java.util.ArrayList;
import java.util.List;

/** A small table of text cells, rendered for the console (aligned columns) or for a markdown file. */
record Table(List<String> header, List<List<String>> rows) {

    Table {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("a row has " + row.size() + " cells, the header " + header.size());
            }
        }
    }

    /** Columns right-aligned to their widest cell, numbers being what most cells hold. */
    String plain() {
        int[] widths = new int[header.size()];
        for (List<String> line : lines()) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], line.get(column).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> line : lines()) {
            List<String> cells = new ArrayList<>();
            for (int column = 0; column < widths.length; column++) {
                cells.add(" ".repeat(widths[column] - line.get(column).length()) + line.get(column));
            }
            text.append(String.join(" | ", cells)).append('\n');
        }
        return text.toString();
    }

    String markdown() {
        StringBuilder text = new StringBuilder();
        text.append("| ").append(String.join(" | ", header)).append(" |\n");
        text.append("|").append("---:|".repeat(header.size())).append('\n');
        for (List<String> row : rows) {
            text.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return text.toString();
    }

    private List<List<String>> lines() {
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        lines.addAll(rows);
        return lines;
    }
}
