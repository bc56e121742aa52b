package dev.liaison.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mustachejava.DefaultMustacheFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ConsolePagesTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/console/templates");
    private static final Pattern MESSAGE = Pattern.compile("\\{\\{m\\.([a-z_0-9]+)}}");

    @Test
    void everyTemplateRendersWithNothingInIt() throws IOException {
        DefaultMustacheFactory factory = new DefaultMustacheFactory("console/templates");
        for (String template : templates()) {
            StringWriter out = new StringWriter();
            factory.compile(template).execute(out, ConsolePages.withListFlags(Map.of("m", Map.of())));
            assertTrue(out.toString().contains("<html lang="), template + " is not a whole page");
        }
    }

    @Test
    void valuesAreEscaped() {
        DefaultMustacheFactory factory = new DefaultMustacheFactory("console/templates");
        StringWriter out = new StringWriter();
        Map<String, Object> model = new HashMap<>();
        model.put("m", Map.of());
        model.put("q", "\"><script>alert(1)</script>");
        model.put("searched", true);
        factory.compile("people/search.mustache").execute(out, ConsolePages.withListFlags(model));
        assertFalse(out.toString().contains("<script>alert"));
        assertTrue(out.toString().contains("&quot;&gt;&lt;script&gt;"));
    }

    @Test
    void aListTellsWhetherItHasItems() {
        @SuppressWarnings("unchecked")
        Map<String, Object> flagged = (Map<String, Object>) ConsolePages.withListFlags(Map.of("rows", List.of(1),
                "empty", List.of(), "nested", Map.of("inner", List.of("x"))));
        assertEquals(true, flagged.get("rowsAny"));
        assertEquals(false, flagged.get("emptyAny"));
        assertEquals(true, ((Map<?, ?>) flagged.get("nested")).get("innerAny"));
    }

    @Test
    void everyWordIsInBothLanguages() throws IOException {
        Set<String> english = ConsoleMessages.of("en").keySet();
        assertEquals(new TreeSet<>(english), new TreeSet<>(ConsoleMessages.of("ru").keySet()));
        Set<String> used = new TreeSet<>();
        for (String template : templates()) {
            Matcher words = MESSAGE.matcher(Files.readString(TEMPLATES.resolve(template)));
            while (words.find()) {
                used.add(words.group(1));
            }
        }
        used.removeAll(english);
        assertEquals(Set.of(), used, "templates use words no language has");
    }

    private static List<String> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(file -> file.toString().endsWith(".mustache"))
                    .map(file -> TEMPLATES.relativize(file).toString().replace('\\', '/'))
                    .filter(name -> !name.equals("layout.mustache") && !name.equals("connections/fields.mustache"))
                    .sorted().toList();
        }
    }
}
