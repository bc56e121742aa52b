package dev.liaison.connector.api;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request a vendor, or a browser it redirected, sent to one of Liaison's public callback URLs (an OAuth redirect, an
 * application's install handler), exactly as it arrived: the method, the raw query string, the headers with
 * case-insensitive names and the raw body. It carries the public URLs Liaison has for the connection, because a
 * callback often registers them in the remote system and only Liaison knows its public address.
 *
 * @param webhookUrl  the public URL of the connection's webhook intake ({@code /hooks/{connectionId}})
 * @param callbackUrl the public URL this request was sent to, without its query
 */
public record CallbackRequest(
        String method,
        String contentType,
        Map<String, List<String>> headers,
        String query,
        byte[] body,
        URI webhookUrl,
        URI callbackUrl) {

    public CallbackRequest {
        Objects.requireNonNull(method, "method");
        headers = HeaderMap.normalise(headers);
        query = query == null ? "" : query;
        body = body == null ? new byte[0] : body.clone();
    }

    public Optional<String> header(String name) {
        return HeaderMap.first(headers, name);
    }

    /**
     * The first value of a query parameter, decoded as a form field ({@code %XX} and {@code +}); empty when the query
     * has no such parameter or cannot be decoded.
     */
    public Optional<String> queryParameter(String name) {
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            try {
                if (decode(key).equals(name)) {
                    return Optional.of(equals < 0 ? "" : decode(pair.substring(equals + 1)));
                }
            } catch (IllegalArgumentException undecodable) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
