package dev.liaison.web.admin;

import java.util.Map;

/** The body of {@code POST /api/admin/connections}. */
public record ConnectionRequest(String kind, String name, Map<String, String> settings) {
}
