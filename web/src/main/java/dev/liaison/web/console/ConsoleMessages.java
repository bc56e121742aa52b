package dev.liaison.web.console;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's words in one language, from {@code console/messages_<lang>.properties} (UTF-8). Templates read
 * them as {@code {{m.key}}}; keys use underscores because Mustache reads dots as nesting.
 */
final class ConsoleMessages {

    private static final Map<String, Map<String, String>> BY_LANGUAGE = new ConcurrentHashMap<>();

    private ConsoleMessages() {
    }

    static Map<String, String> of(String language) {
        return BY_LANGUAGE.computeIfAbsent(language, ConsoleMessages::load);
    }

    static String text(String language, String key, Object... arguments) {
        String pattern = of(language).get(key);
        if (pattern == null) {
            throw new IllegalArgumentException("no console message " + key);
        }
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, Locale.forLanguageTag(language))
                .format(arguments);
    }

    private static Map<String, String> load(String language) {
        ResourceBundle bundle = ResourceBundle.getBundle("console.messages", Locale.forLanguageTag(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Map<String, String> messages = new HashMap<>();
        for (String key : bundle.keySet()) {
            messages.put(key, bundle.getString(key));
        }
        return Collections.unmodifiableMap(messages);
    }
}
