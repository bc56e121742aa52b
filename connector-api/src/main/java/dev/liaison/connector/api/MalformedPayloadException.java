package dev.liaison.connector.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A payload cannot be understood. Retrying the same payload will not help, so it goes to the dead letters. When the
 * payload was readable but some of its fields were not, {@link #violations()} names every one of them.
 */
public class MalformedPayloadException extends Exception {

    private final List<InputViolation> violations;

    public MalformedPayloadException(String reason) {
        super(reason);
        this.violations = List.of();
    }

    public MalformedPayloadException(String reason, Throwable cause) {
        super(reason, cause);
        this.violations = List.of();
    }

    /** Names all the offending fields at once, so that a sender can fix its flow in one round. */
    public MalformedPayloadException(List<InputViolation> violations) {
        super(violations.stream().map(InputViolation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<InputViolation> violations() {
        return violations;
    }
}
