package dev.liaison.profile.compliance;

/** A request that cannot be accepted as given; {@code field} names the offending input (e.g. {@code subject.email}). */
public class ComplianceViolation extends Exception {

    private final String field;

    public ComplianceViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
