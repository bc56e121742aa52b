package dev.liaison.web.problem;

import dev.liaison.connector.api.JsonLimits;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * Bounds every JSON request body of the REST API before JSON-B or JSON-P sees it: its size, and how deeply it
 * nests (see {@link JsonLimits}). A body nested a thousand levels deep would otherwise cost a stack frame per level
 * in the parser and the binder, and fail with an exception per level.
 */
@Provider
public class JsonBodyLimits implements ReaderInterceptor {

    /** The largest body any resource takes is a scenario or a rule set: a few kilobytes. */
    static final int MAX_BYTES = 1024 * 1024;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!json(context.getMediaType())) {
            return context.proceed();
        }
        byte[] body;
        try (InputStream in = context.getInputStream()) {
            body = in.readNBytes(MAX_BYTES + 1);
        }
        if (body.length > MAX_BYTES) {
            throw new ProblemException(Response.Status.REQUEST_ENTITY_TOO_LARGE, "payload-too-large",
                    "Payload too large", "JSON bodies are limited to " + MAX_BYTES + " bytes", List.of());
        }
        if (JsonLimits.tooDeep(body)) {
            throw ProblemException.invalid("body", JsonLimits.tooDeepMessage());
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    static boolean json(MediaType type) {
        return type != null && ("json".equalsIgnoreCase(type.getSubtype())
                || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"));
    }
}
