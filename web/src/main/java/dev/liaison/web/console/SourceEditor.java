package dev.liaison.web.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML definition as the editors show it back after a refusal: the message, and the lines of the source with
 * the one it names marked, so the admin sees where the mistake is rather than a line number to count to.
 */
final class SourceEditor {

    private static final Pattern LINE = Pattern.compile("line (\\d+)");

    private SourceEditor() {
    }

    /** The numbered lines of {@code source}, {@code error} pointing at one of them when it names a line. */
    static Map<String, Object> withError(String source, String error) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("source", source);
        shown.put("error", error);
        int marked = -1;
        if (error != null) {
            Matcher line = LINE.matcher(error);
            if (line.find() && line.group(1).length() < 7) {
                marked = Integer.parseInt(line.group(1));
            }
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        String[] all = source.split("\n", -1);
        for (int number = Math.max(1, marked - 3); marked > 0 && number <= Math.min(all.length, marked + 3);
             number++) {
            lines.add(Map.of("number", number, "text", all[number - 1], "marked", number == marked));
        }
        shown.put("lines", lines);
        return shown;
    }
}
