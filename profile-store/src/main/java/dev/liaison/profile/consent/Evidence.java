package dev.liaison.profile.consent;

/**
 * How a consent decision was collected: the notice text version and its SHA-256, the collection method (web form,
 * checkbox in a CRM, double opt-in...), free-text evidence from the source, and the IP/user agent when known.
 */
public record Evidence(String noticeVersion, String noticeSha256, String collectionMethod, String text,
                       String ipAddress, String userAgent) {

    public static Evidence none() {
        return new Evidence(null, null, null, null, null, null);
    }
}
