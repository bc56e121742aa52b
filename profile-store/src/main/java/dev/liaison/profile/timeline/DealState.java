package dev.liaison.profile.timeline;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A deal as one event describes it, to be stored unless a newer event already was. {@code profileId} is null while
 * no profile holds the contact {@code contactRef} (an external identity value, or null when the deal names none);
 * {@code createdAt} is the source's creation time, or the event's when the source gives none.
 */
public record DealState(String connectionId, String dealId, String profileId, String contactRef, String title,
                        String pipeline, String stage, DealStatus status, BigDecimal amount, String currency,
                        String ownerId, Instant createdAt, Instant updatedAt) {
}
