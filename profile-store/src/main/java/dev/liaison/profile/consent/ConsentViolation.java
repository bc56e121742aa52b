package dev.liaison.profile.consent;

/** A consent entry that cannot be recorded; {@code field} names the offending input, e.g. {@code evidence.noticeVersion}. */
public class ConsentViolation extends Exception {

    private final String field;

    public ConsentViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
