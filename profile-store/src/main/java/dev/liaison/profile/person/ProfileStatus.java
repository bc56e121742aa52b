package dev.liaison.profile.person;

public enum ProfileStatus {
    ACTIVE,
    /** Absorbed by another profile; {@code mergedInto} names it. An undo makes it active again. */
    MERGED
}
