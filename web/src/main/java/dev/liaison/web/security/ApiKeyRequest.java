package dev.liaison.web.security;

import java.util.List;

/**
 * The body of {@code POST /api/admin/api-keys}. {@code expiresAt} is optional and read by hand, so that a malformed
 * instant is a problem naming the field rather than an unreadable body.
 */
public record ApiKeyRequest(String name, List<String> roles, String expiresAt) {
}
