package dev.liaison.connector.api;

import java.util.List;
import java.util.Map;

/**
 * What a source system knows about a person. Identifiers are as the source wrote them; the profile store
 * normalises them. Absent values are {@code null} (attributes) or empty (lists, maps).
 */
public record Contact(
        String firstName,
        String lastName,
        List<String> emails,
        List<String> phones,
        String language,
        String company,
        Map<String, String> attributes) {

    public Contact {
        emails = List.copyOf(emails == null ? List.of() : emails);
        phones = List.copyOf(phones == null ? List.of() : phones);
        attributes = Map.copyOf(attributes == null ? Map.of() : attributes);
    }
}
