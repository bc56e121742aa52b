package dev.liaison.connector.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A deal (lead, opportunity) reached a stage. {@code won} is the source system's own verdict, so scenarios do not
 * need to know each CRM's stage codes. Amount and currency are {@code null} when the source has none.
 */
public record DealStageChanged(
        ExternalRef ref,
        Instant occurredAt,
        ExternalRef contactRef,
        String pipeline,
        String stage,
        boolean won,
        BigDecimal amount,
        String currency) implements CanonicalEvent {

    public DealStageChanged {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(stage, "stage");
    }
}
