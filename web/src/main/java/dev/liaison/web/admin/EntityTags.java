package dev.liaison.web.admin;

import jakarta.ws.rs.core.EntityTag;

/**
 * Entity tags of connections, for optimistic concurrency: a strong tag of the row's version, which every change of
 * the row moves on (a PATCH, an enable or disable, a token rotation).
 */
final class EntityTags {

    private EntityTags() {
    }

    static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * Whether an {@code If-Match} header lets a change of this version go ahead (RFC 9110 §13.1.1): {@code *}, or one
     * of its comma-separated tags equals the current one by strong comparison, so a weak tag never matches.
     */
    static boolean matches(String ifMatch, long version) {
        String current = "\"" + version + "\"";
        for (String tag : ifMatch.split(",")) {
            String trimmed = tag.trim();
            if (trimmed.equals("*") || trimmed.equals(current)) {
                return true;
            }
        }
        return false;
    }
}
