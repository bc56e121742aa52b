package dev.liaison.connector.api;

/**
 * One input that is out of bounds or malformed: {@code field} is its path (e.g. {@code data.contactId}) and
 * {@code message} says what is wrong. Neither ever quotes the value, which may be personal data and is logged.
 */
public record InputViolation(String field, String message) {

    @Override
    public String toString() {
        return field + " " + message;
    }
}
