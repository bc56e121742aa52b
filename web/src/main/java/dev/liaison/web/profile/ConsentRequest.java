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

    public record Evidence(@Schema(example = "news-v1") String noticeVersion,
                           @Schema(description = "SHA-256 of the notice text, 64 lower-case hex digits; "
                                   + "or give noticeText",
                                   example = "99955b75e054416577b88fcec811270c93bff0dcb2cf3f4b5e3a0a4c4e2bbd39")
                           String noticeSha256,
                           @Schema(example = "Send me news") String noticeText,
                           @Schema(example = "web form") String collectionMethod,
                           String text,
                           @Schema(example = "203.0.113.7") String ipAddress,
                           String userAgent) {
    }
}
