package dev.liaison.connectors.bitrix24;

import dev.liaison.connector.api.MalformedPayloadException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code application/x-www-form-urlencoded} body as Bitrix24 posts its events: flat pairs whose names keep PHP's
 * bracket notation ({@code data[FIELDS][ID]}, {@code auth[application_token]}), decoded as UTF-8. A name that
 * occurs twice is refused rather than resolved as PHP would (last wins): a genuine event never repeats a name, and
 * a repeated {@code auth[...]} is someone trying their luck.
 */
final class FormBody {

    private final Map<String, String> fields;

    private FormBody(Map<String, String> fields) {
        this.fields = fields;
    }

    static FormBody parse(String body) throws MalformedPayloadException {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body == null || body.isBlank()) {
            throw new MalformedPayloadException("the body is empty; Bitrix24 events are form-encoded");
        }
        for (String pair : body.trim().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (fields.putIfAbsent(name, value) != null) {
                throw new MalformedPayloadException("the form field '" + name + "' occurs more than once");
            }
        }
        return new FormBody(fields);
    }

    Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    String required(String name) throws MalformedPayloadException {
        return field(name).orElseThrow(() -> new MalformedPayloadException(
                "the form field '" + name + "' is missing or empty"));
    }

    private static String decode(String text) throws MalformedPayloadException {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the input, which may be personal data.
            throw new MalformedPayloadException("the body is not valid form encoding (a broken %-escape)");
        }
    }
}
