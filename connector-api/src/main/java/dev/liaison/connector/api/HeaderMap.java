package dev.liaison.connector.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Request headers as the SPI's request records hold them: names matched without regard to case, values immutable. */
final class HeaderMap {

    private HeaderMap() {
    }

    static Map<String, List<String>> normalise(Map<String, List<String>> headers) {
        Map<String, List<String>> normalised = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> normalised.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        }
        return normalised;
    }

    static Optional<String> first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
