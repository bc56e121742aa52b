package dev.liaison.connector.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A webhook delivery exactly as it arrived: the raw body bytes (signatures are computed over them), the headers
 * with case-insensitive names, the query string and the time Liaison received it.
 */
public record WebhookRequest(
        String contentType,
        Map<String, List<String>> headers,
        String query,
        byte[] body,
        Instant receivedAt) {

    public WebhookRequest {
        Map<String, List<String>> normalised = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> normalised.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        }
        headers = normalised;
        query = query == null ? "" : query;
        body = body == null ? new byte[0] : body.clone();
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
