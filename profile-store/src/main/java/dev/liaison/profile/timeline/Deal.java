package dev.liaison.profile.timeline;

import java.math.BigDecimal;
import java.time.Instant;

/** A stored deal: the state of its newest event; {@code updatedAt} is that event's source time. */
public record Deal(long id, String connectionId, String dealId, String profileId, String title, String pipeline,
                   String stage, DealStatus status, BigDecimal amount, String currency, String ownerId,
                   Instant createdAt, Instant updatedAt) {
}
