package dev.liaison.web.security;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/admin/api-keys}. {@code expiresAt} is optional and read by hand, so that a malformed
 * instant is a problem naming the field rather than an unreadable body.
 */
public record ApiKeyRequest(String name,
                            @Schema(description = "Roles the key acts with, each one its creator holds",
                                    example = "[\"support-agent\"]") List<String> roles,
                            @Schema(format = "date-time") String expiresAt) {
}
