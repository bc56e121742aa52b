package dev.liaison.connector.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A deal (lead, opportunity) reached a stage. {@code won} and {@code lost} are the source system's own verdict, so
 * scenarios do not need to know each CRM's stage codes; a deal neither won nor lost is open. Amount and currency are
 * {@code null} when the source has none, and so are {@code title}, {@code ownerId} (the source's user responsible
 * for the deal), {@code createdAt} (when the source created the deal) and {@code closedAt} (when the source says the
 * deal was closed, won or lost, where that can differ from {@code occurredAt}: amoCRM's {@code updated_at} moves with
 * every later edit of a closed lead, its {@code closed_at} does not). The title is unbounded, as CRMs keep it;
 * whoever stores it cuts it to fit.
 */
public record DealStageChanged(
        ExternalRef ref,
        Instant occurredAt,
        ExternalRef contactRef,
        String pipeline,
        String stage,
        boolean won,
        BigDecimal amount,
        String currency,
        boolean lost,
        String title,
        String ownerId,
        Instant createdAt,
        Instant closedAt) implements CanonicalEvent {

    public DealStageChanged {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(stage, "stage");
        if (won && lost) {
            throw new IllegalArgumentException("a deal cannot be both won and lost");
        }
    }

    /** A deal as sources report it that do not say when it was closed, other than by the event's time. */
    public DealStageChanged(ExternalRef ref, Instant occurredAt, ExternalRef contactRef, String pipeline, String stage,
                            boolean won, BigDecimal amount, String currency, boolean lost, String title,
                            String ownerId, Instant createdAt) {
        this(ref, occurredAt, contactRef, pipeline, stage, won, amount, currency, lost, title, ownerId, createdAt,
                null);
    }

    /** A deal that is won or still open, as sources report it that tell nothing else about the deal. */
    public DealStageChanged(ExternalRef ref, Instant occurredAt, ExternalRef contactRef, String pipeline, String stage,
                            boolean won, BigDecimal amount, String currency) {
        this(ref, occurredAt, contactRef, pipeline, stage, won, amount, currency, false, null, null, null);
    }

    /**
     * When a won deal was won: the source's close time where it reports one, else this event's time. Loyalty dates
     * a deal's points to it, so that a deal a sync imports or a webhook delivers late earns as if heard of at once.
     */
    public Instant wonAt() {
        return closedAt != null ? closedAt : occurredAt;
    }
}
