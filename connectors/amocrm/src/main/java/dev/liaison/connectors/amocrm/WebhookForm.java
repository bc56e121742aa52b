package dev.liaison.connectors.amocrm;

import dev.liaison.connector.api.MalformedPayloadException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amoCRM webhook body: {@code application/x-www-form-urlencoded} with PHP-style bracket keys,
 * {@code {entity}[{action}][{i}][field]...} for the records and {@code account[...]} for the sender. Keys are
 * kept exactly as sent; unknown keys are carried along and ignored.
 */
final class WebhookForm {

    /** {@code contacts[add][0][custom_fields][0][code]}: entity, action, index, rest from the 4th bracket. */
    private static final Pattern ITEM_KEY = Pattern.compile("([a-z_]+)\\[([a-z_]+)\\]\\[([0-9]{1,6})\\](\\[.+)");

    record Param(String key, String value) {
    }

    /** One record in the body: e.g. {@code contacts[update][0][...]}, fields keyed by their bracket path. */
    record Item(String entity, String action, int index, Map<String, String> fields) {

        Optional<String> field(String name) {
            return Optional.ofNullable(fields.get("[" + name + "]")).filter(value -> !value.isBlank());
        }
    }

    private final List<Param> params;

    private WebhookForm(List<Param> params) {
        this.params = List.copyOf(params);
    }

    static WebhookForm parse(String body) throws MalformedPayloadException {
        List<Param> params = new ArrayList<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                params.add(new Param(URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                throw new MalformedPayloadException("the body is not form-encoded: a parameter has a broken %-escape");
            }
        }
        return new WebhookForm(params);
    }

    Optional<String> value(String key) {
        return params.stream().filter(param -> param.key().equals(key)).map(Param::value)
                .filter(value -> !value.isBlank()).findFirst();
    }

    /** The records of the body, in the order they first appear. */
    List<Item> items() {
        Map<String, Item> items = new LinkedHashMap<>();
        for (Param param : params) {
            Matcher matcher = ITEM_KEY.matcher(param.key());
            if (!matcher.matches() || "account".equals(matcher.group(1))) {
                continue;
            }
            String entity = matcher.group(1);
            String action = matcher.group(2);
            int index = Integer.parseInt(matcher.group(3));
            items.computeIfAbsent(entity + "[" + action + "][" + index + "]",
                    ignored -> new Item(entity, action, index, new LinkedHashMap<>()))
                    .fields().put(matcher.group(4), param.value());
        }
        return items.values().stream()
                .map(item -> new Item(item.entity(), item.action(), item.index(), Map.copyOf(item.fields())))
                .toList();
    }

    /**
     * SHA-256 (hex) of the parameters sorted by key and value, each re-encoded so that no separator is ambiguous.
     * A redelivery carries the same parameters, perhaps in another order; two different changes differ at least in
     * their timestamps or values.
     */
    String digest() {
        List<Param> sorted = new ArrayList<>(params);
        sorted.sort(Comparator.comparing(Param::key).thenComparing(Param::value));
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
        for (Param param : sorted) {
            sha256.update((URLEncoder.encode(param.key(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(param.value(), StandardCharsets.UTF_8) + "&").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
