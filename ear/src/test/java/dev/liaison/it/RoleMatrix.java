package dev.liaison.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The README's role matrix, read from between its markers, so that the table users read is the table the tests
 * check. A cell is ✓ (allowed: the endpoint's own answer, neither 401 nor 403) or the exact status expected.
 */
record RoleMatrix(List<String> callers, List<Row> rows) {

    static final String ALLOWED = "✓";

    record Row(String method, String path, Map<String, String> expected) {

        /** The path with every parameter written as {@code {}}, to compare with the OpenAPI document's. */
        String shape() {
            return method + " " + path.replaceAll("\\{[^}]+}", "{}");
        }

        boolean allowedForAnyRole(List<String> roles) {
            return roles.stream().anyMatch(role -> ALLOWED.equals(expected.get(role)));
        }
    }

    static RoleMatrix fromReadme() {
        Path readme = Path.of(System.getProperty("liaison.readme", "../README.md"));
        String text;
        try {
            text = Files.readString(readme, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + readme, e);
        }
        int start = text.indexOf("<!-- role-matrix:start -->");
        int end = text.indexOf("<!-- role-matrix:end -->");
        if (start < 0 || end < start) {
            throw new AssertionError("README has no role matrix between its markers");
        }
        List<String> lines = text.substring(start, end).lines().filter(line -> line.startsWith("|")).toList();
        List<String> header = cells(lines.get(0));
        List<String> callers = header.subList(1, header.size());
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
            List<String> cells = cells(line);
            String[] endpoint = cells.get(0).replace("`", "").split(" ", 2);
            Map<String, String> expected = new LinkedHashMap<>();
            for (int i = 0; i < callers.size(); i++) {
                expected.put(callers.get(i), cells.get(i + 1));
            }
            rows.add(new Row(endpoint[0], endpoint[1], expected));
        }
        return new RoleMatrix(callers, rows);
    }

    Set<String> shapes() {
        return rows.stream().map(Row::shape).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Checks one answer against a cell; the message names the endpoint and the caller. */
    static void check(Row row, String caller, int status, String body) {
        String expected = row.expected().get(caller);
        String where = row.method() + " " + row.path() + " as " + caller + ": got " + status + " " + body;
        if (ALLOWED.equals(expected)) {
            if (status == 401 || status == 403 || status >= 500) {
                throw new AssertionError("expected it to be allowed; " + where);
            }
        } else if (status != Integer.parseInt(expected)) {
            throw new AssertionError("expected " + expected + "; " + where);
        }
    }

    private static List<String> cells(String line) {
        String trimmed = line.trim();
        return Arrays.stream(trimmed.substring(1, trimmed.length() - 1).split("\\|")).map(String::trim).toList();
    }
}
