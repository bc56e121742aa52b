package dev.liaison.bench;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;

/**
 * One benchmark ticket and the routing the benchmark's rules must give it: every other ticket arrives with
 * priority High and is escalated to a round-robin agent, the rest fall to the default rule. Both decisions carry
 * tags, so every ticket costs Liaison a GET (to merge the tags) and a PUT, as most real rule sets do.
 *
 * @param id     the Zendesk ticket id, distinct across the whole benchmark
 * @param urgent whether it arrives with priority High
 */
record RoutedTicket(long id, boolean urgent) {

    /** The rule set the benchmark installs; a requester with a VIP tier never appears, but the rule is evaluated. */
    static final String RULES = """
            rules:
              - name: vip-customers
                when: "profile.attributes.tier == 'VIP'"
                route: { group: "360001234", priority: urgent, tags: [vip, liaison-routed] }
              - name: high-priority
                when: "ticket.priority == 'high'"
                route:
                  group: "360005678"
                  priority: urgent
                  tags: [escalated, liaison-routed]
                  assignee: { strategy: round-robin, agents: ["901", "902"] }
              - name: everyone-else
                default: true
                route: { group: "360000000", priority: normal, tags: [liaison-routed] }
            """;

    /** The tags the fake Zendesk holds for every ticket, and the webhook says it was created with. */
    static final List<String> OWN_TAGS = List.of("web");
    static final String UPDATED_AT = "2026-11-23T10:00:00Z";
    private static final long URGENT_GROUP = 360005678L;
    private static final long DEFAULT_GROUP = 360000000L;
    private static final Set<Long> AGENTS = Set.of(901L, 902L);
    /** Requesters get ids of their own, far from the tickets', one new person a ticket. */
    private static final long REQUESTER_OFFSET = 2_000_000_000L;

    /** Ticket {@code index} of a run whose ids start at {@code firstId}. */
    static RoutedTicket of(long firstId, int index) {
        return new RoutedTicket(firstId + index, index % 2 == 0);
    }

    long requesterId() {
        return REQUESTER_OFFSET + id;
    }

    long expectedGroup() {
        return urgent ? URGENT_GROUP : DEFAULT_GROUP;
    }

    String expectedPriority() {
        return urgent ? "urgent" : "normal";
    }

    /** Zendesk replaces the tag list on PUT, so the ticket's own tags must come back with the rule's added. */
    List<String> expectedTags() {
        return urgent ? List.of("web", "escalated", "liaison-routed") : List.of("web", "liaison-routed");
    }

    /** Whether a PUT body carries this ticket's decision: group, priority, merged tags, agent, private note. */
    boolean isRoutedBy(JsonObject put) {
        JsonValue value = put.get("ticket");
        if (!(value instanceof JsonObject ticket)) {
            return false;
        }
        return number(ticket, "group_id") == expectedGroup()
                && expectedPriority().equals(text(ticket, "priority"))
                && expectedTags().equals(texts(ticket, "tags"))
                && (urgent ? AGENTS.contains(number(ticket, "assignee_id")) : !ticket.containsKey("assignee_id"))
                && ticket.get("comment") instanceof JsonObject comment
                && comment.get("public") == JsonValue.FALSE;
    }

    private static long number(JsonObject object, String name) {
        return object.get(name) instanceof JsonNumber number ? number.longValue() : -1;
    }

    private static String text(JsonObject object, String name) {
        return object.get(name) instanceof JsonString text ? text.getString() : null;
    }

    private static List<String> texts(JsonObject object, String name) {
        if (!(object.get(name) instanceof JsonArray array)) {
            return List.of();
        }
        return array.stream().map(item -> item instanceof JsonString text ? text.getString() : "").toList();
    }
}
