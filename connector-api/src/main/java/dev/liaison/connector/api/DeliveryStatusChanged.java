package dev.liaison.connector.api;

import java.time.Instant;
import java.util.Objects;

/** A gateway reported what became of a message Liaison sent. {@code ref.id()} is the gateway's message id. */
public record DeliveryStatusChanged(ExternalRef ref, Instant occurredAt, DeliveryStatus status, String detail)
        implements CanonicalEvent {

    public enum DeliveryStatus { QUEUED, SENT, DELIVERED, FAILED, REJECTED, READ }

    public DeliveryStatusChanged {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(status, "status");
    }
}
