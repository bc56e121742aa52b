package dev.liaison.web.platform;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The one JSON-B instance of every JSON answer and request body. Without a resolver, RESTEasy builds a new
 * {@link Jsonb} for every answer, and Yasson introspects each class of the answer anew: a profile lookup spent
 * more CPU on that than on its queries. Yasson's {@code Jsonb} is thread-safe and caches what it learns per class.
 */
@Provider
public class SharedJsonb implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
