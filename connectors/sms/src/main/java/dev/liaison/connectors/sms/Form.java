package dev.liaison.connectors.sms;

import dev.liaison.connector.api.MalformedPayloadException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An {@code application/x-www-form-urlencoded} body or query string, parameters in the order they were sent and
 * decoded (a plus is a space). All three gateways post their callbacks this way and take their sends this way.
 */
record Form(List<Param> params) {

    record Param(String name, String value) {
    }

    Form {
        params = List.copyOf(params);
    }

    static Form parse(String encoded) throws MalformedPayloadException {
        List<Param> params = new ArrayList<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                params.add(new Param(decode(equals < 0 ? pair : pair.substring(0, equals)),
                        equals < 0 ? "" : decode(pair.substring(equals + 1))));
            } catch (IllegalArgumentException brokenEscape) {
                throw new MalformedPayloadException("the body is not form-encoded: a %-escape is broken");
            }
        }
        return new Form(params);
    }

    /** Like {@link #parse}, for places that must not fail: a broken query simply has no usable parameters. */
    static Form lenient(String encoded) {
        try {
            return parse(encoded);
        } catch (MalformedPayloadException e) {
            return new Form(List.of());
        }
    }

    static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(param -> URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The first value of {@code name}, when present and not blank. */
    Optional<String> value(String name) {
        return params.stream().filter(param -> param.name().equals(name)).map(Param::value)
                .filter(value -> !value.isBlank()).findFirst();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
