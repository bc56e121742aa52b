package dev.liaison.connector.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        headers = HeaderMap.normalise(headers);
        query = query == null ? "" : query;
        body = body == null ? new byte[0] : body.clone();
    }

    public Optional<String> header(String name) {
        return HeaderMap.first(headers, name);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
