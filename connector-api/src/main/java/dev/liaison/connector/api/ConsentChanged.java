package dev.liaison.connector.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A source system recorded a consent decision for one person. {@code evidence} is the source's own words for how
 * it was collected (form, checkbox, notice version), or {@code null} when the source gives none.
 */
public record ConsentChanged(
        ExternalRef ref,
        Instant occurredAt,
        ExternalRef subjectRef,
        String purpose,
        String channel,
        boolean granted,
        String evidence) implements CanonicalEvent {

    public ConsentChanged {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(subjectRef, "subjectRef");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(channel, "channel");
    }
}
