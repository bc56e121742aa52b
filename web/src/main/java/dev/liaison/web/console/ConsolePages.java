package dev.liaison.web.console;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the console's Mustache templates ({@code console/templates/*.mustache}). Mustache escapes every value it
 * writes into HTML, so what a CRM or a user typed can never become markup; the factory compiles each template once.
 */
@ApplicationScoped
public class ConsolePages {

    private static final JsonWriterFactory PRETTY = Json.createWriterFactory(
            Map.of(JsonGenerator.PRETTY_PRINTING, true));

    private final MustacheFactory templates = new DefaultMustacheFactory("console/templates");

    /** JSON as a person reads it (a decision's trace, a masked payload, a receipt): indented, one member a line. */
    public static String pretty(JsonValue json) {
        StringWriter out = new StringWriter();
        PRETTY.createWriter(out).write(json);
        return out.toString().strip();
    }

    public String render(Screen screen) {
        StringWriter out = new StringWriter();
        templates.compile(screen.template() + ".mustache").execute(out, withListFlags(screen.model()));
        return out.toString();
    }

    /**
     * Mustache iterates a list in a section but cannot ask whether it has items, which a table needs to be drawn
     * once around its rows: beside every list {@code xs} of a map this puts {@code xsAny}, true when it has items.
     */
    static Object withListFlags(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> flagged = new LinkedHashMap<>();
            map.forEach((key, each) -> {
                flagged.put(String.valueOf(key), withListFlags(each));
                if (each instanceof List<?> list) {
                    flagged.put(key + "Any", !list.isEmpty());
                }
            });
            return flagged;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ConsolePages::withListFlags).toList();
        }
        return value;
    }
}
