package dev.liaison.web.profile;

/**
 * The body of {@code POST /api/profiles/{id}/consents}. {@code noticeText} may stand in for {@code noticeSha256}:
 * the hash is computed from it and the text itself is not stored.
 */
public record ConsentRequest(String purpose, String channel, String decision, String occurredAt, Evidence evidence) {

    public record Evidence(String noticeVersion, String noticeSha256, String noticeText, String collectionMethod,
                           String text, String ipAddress, String userAgent) {
    }
}
