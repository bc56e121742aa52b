package dev.liaison.web.profile;

import dev.liaison.profile.timeline.Deal;
import dev.liaison.profile.timeline.Ticket;
import dev.liaison.profile.timeline.TimelinePage;
import jakarta.ws.rs.core.UriBuilder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * A page of a person's deals or tickets, newest first. {@code nextCursor} continues it and {@code next} is the link
 * that does; both are null, and so left out of the JSON, on the last page.
 */
public record TimelineView<T>(List<T> items, String nextCursor, String next) {

    /** A deal as its newest event left it; {@code amount} is a decimal string, exact as stored. */
    public record DealView(String connectionId, String dealId, String title, String pipeline, String stage,
                           String status, String amount, String currency, String ownerId, Instant createdAt,
                           Instant updatedAt) {

        static DealView of(Deal deal) {
            BigDecimal amount = deal.amount();
            return new DealView(deal.connectionId(), deal.dealId(), deal.title(), deal.pipeline(), deal.stage(),
                    deal.status().name(), amount == null ? null : amount.stripTrailingZeros().toPlainString(),
                    deal.currency(), deal.ownerId(), deal.createdAt(), deal.updatedAt());
        }
    }

    /** A ticket as its newest event left it. */
    public record TicketView(String connectionId, String ticketId, String subject, String status, String priority,
                             String group, String assignee, Instant createdAt, Instant updatedAt) {

        static TicketView of(Ticket ticket) {
            return new TicketView(ticket.connectionId(), ticket.ticketId(), ticket.subject(), ticket.status(),
                    ticket.priority(), ticket.group(), ticket.assignee(), ticket.createdAt(), ticket.updatedAt());
        }
    }

    static <S, T> TimelineView<T> of(TimelinePage<S> page, Function<S, T> view, String profileId, String kind,
                                     int limit) {
        String next = page.next() == null ? null : UriBuilder.fromPath("/api/profiles/{id}/{kind}")
                .queryParam("limit", limit).queryParam("cursor", page.next()).build(profileId, kind).toString();
        return new TimelineView<>(page.items().stream().map(view).toList(), page.next(), next);
    }
}
