package dev.liaison.profile.identity;

public enum IdentityKind {
    /** A normalised e-mail address. */
    EMAIL,
    /** An E.164 phone number. */
    PHONE,
    /** A record in a connected system: {@code system|connectionId|externalId}. */
    EXTERNAL
}
