package dev.liaison.profile.compliance;

/**
 * The owners sealed request data is bound to (the secret box's associated data), so that a sealed subject copied
 * onto another request does not open there.
 */
final class Sealing {

    private Sealing() {
    }

    static String subject(String requestId) {
        return "dsr-subject:" + requestId;
    }

    static String note(String requestId) {
        return "dsr-note:" + requestId;
    }

    static String export(long resultId) {
        return "dsr-export:" + resultId;
    }
}
