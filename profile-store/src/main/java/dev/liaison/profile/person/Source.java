package dev.liaison.profile.person;

/** Where a value came from: a connected system and record, or {@code api} for an officer's or admin's entry. */
public record Source(String system, String connectionId, String ref) {

    public static final String API = "api";

    public static Source api() {
        return new Source(API, null, null);
    }
}
