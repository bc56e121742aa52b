package dev.liaison.web.profile;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/profiles/{id}/consents}. {@code noticeText} may stand in for {@code noticeSha256}:
 * the hash is computed from it and the text itself is not stored.
 */
public record ConsentRequest(@Schema(example = "marketing_email") String purpose,
                             @Schema(example = "email") String channel,
                             @Schema(enumeration = {"GRANTED", "WITHDRAWN"}) String decision,
                             @Schema(format = "date-time") String occurredAt,
                             Evidence evidence) {

    public record Evidence(String noticeVersion, String noticeSha256, String noticeText, String collectionMethod,
                           String text, String ipAddress, String userAgent) {
    }
}
