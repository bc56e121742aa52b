package dev.liaison.scenario.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a condition can read: {@code ticket} (id, subject, priority, tags, channel, ...), {@code profile} (id,
 * attributes, identities), {@code deals} (each with id, stage, won, amount, currency) and {@code loyalty} (tier,
 * points). A missing key reads as {@code null} in a condition; a {@code null} argument is an empty map or list.
 *
 * <p>The values are copied into unmodifiable maps and lists, deeply, because EL can call methods: a condition such
 * as {@code profile.attributes.clear()} must fail rather than change what the next rule sees. The copies keep
 * {@code null} values, which {@code Map.copyOf} would refuse.
 */
public record RoutingContext(Map<String, Object> ticket, Map<String, Object> profile,
                             List<Map<String, Object>> deals, Map<String, Object> loyalty) {

    @SuppressWarnings("unchecked")
    public RoutingContext {
        ticket = (Map<String, Object>) freeze(ticket == null ? Map.of() : ticket);
        profile = (Map<String, Object>) freeze(profile == null ? Map.of() : profile);
        deals = (List<Map<String, Object>>) freeze(deals == null ? List.of() : deals);
        loyalty = (Map<String, Object>) freeze(loyalty == null ? Map.of() : loyalty);
    }

    private static Object freeze(Object value) {
        if (value instanceof Map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((key, item) -> copy.put(key, freeze(item)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof Collection) {
            List<Object> copy = new ArrayList<>();
            ((Collection<?>) value).forEach(item -> copy.add(freeze(item)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
