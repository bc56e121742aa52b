package dev.liaison.connectors.support;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a vendor answered one call, read in full: the status, the body as text (empty when there was none), the
 * headers, and the request line it answered, which a JAX-RS {@code Response} does not carry but failure messages
 * need. The host and path are kept apart because some paths hold a secret (Bitrix24 incoming webhooks).
 *
 * @param headers by name, case-insensitively
 */
public record Reply(int status, String body, Map<String, List<String>> headers, String method, String host,
                    String path) {

    public Reply {
        headers = Map.copyOf(headers);
    }

    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty())
                .map(entry -> entry.getValue().get(0))
                .findFirst();
    }
}
