package dev.liaison.web.profile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A profile as support agents and officers see it: identities, attributes with their sources, current consents, and
 * the first page of its deals and of its tickets, newest first (null in search results, which answer without them).
 */
public record ProfileView(
        String id,
        String status,
        String mergedInto,
        Instant createdAt,
        Instant updatedAt,
        List<IdentityView> identities,
        Map<String, AttributeView> attributes,
        List<ConsentView> consents,
        List<MergeView> merges,
        TimelineView<TimelineView.DealView> deals,
        TimelineView<TimelineView.TicketView> tickets) {

    public record IdentityView(String kind, String value, String sourceSystem, String sourceConnection,
                               Instant addedAt) {
    }

    public record SourceView(String system, String connectionId, String ref) {
    }

    public record AttributeView(String value, SourceView source, Instant sourceTime) {
    }

    public record MergeView(String id, String survivorId, String absorbedId, String reason, Instant mergedAt,
                            Instant undoneAt) {
    }
}
