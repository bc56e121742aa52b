package dev.liaison.connector.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bounds every canonical event must keep, matching the columns it ends up in (see the Flyway migrations of the
 * profile store). An event outside them can never be stored, so it is refused as malformed: at intake where the
 * connector can parse the delivery there, otherwise on its first processing attempt, and never retried.
 */
public final class EventLimits {

    /** {@code event_journal.external_id}, {@code profile_attribute.source_ref}, {@code loyalty_trace.deal_id}. */
    public static final int RECORD_ID = 255;
    /** {@code routing_decision.ticket_id} and {@code scenario_ticket.ticket_id}. */
    public static final int TICKET_ID = 100;
    /** RFC 5321's limit for an address; {@code profile_identity.identity_value} holds it with room to spare. */
    public static final int EMAIL = 254;
    public static final int PHONE = 64;
    public static final int IDENTIFIERS = 50;
    /** {@code profile_attribute.name} and {@code attribute_value}. */
    public static final int ATTRIBUTE_NAME = 100;
    public static final int ATTRIBUTE_VALUE = 2000;
    public static final int ATTRIBUTES = 200;
    /** {@code consent_event.purpose}, {@code channel} and {@code evidence}. */
    public static final int PURPOSE = 60;
    public static final int CHANNEL = 30;
    public static final int EVIDENCE = 2000;
    /** {@code loyalty_entry.source_currency}: an ISO 4217 code. */
    public static final int CURRENCY = 3;
    public static final int LABEL = 255;
    public static final int TAGS = 100;
    /** The message log keeps the first 200 characters; a longer gateway text must not cost the status itself. */
    public static final int DELIVERY_DETAIL = 2000;
    /**
     * The earliest event time. Nothing a CRM, help desk or gateway reports happened before 1900; earlier times are
     * junk (a zero date, a wrong epoch unit) and would only poison last-write-wins ordering.
     */
    public static final Instant EARLIEST_TIME = Instant.parse("1900-01-01T00:00:00Z");
    /**
     * The latest event time: the last second with a four-digit year. Every {@code timestamp with time zone} column
     * holds it (PostgreSQL ends in 294276, H2 silently wraps years beyond its range), and ISO-8601 renders it
     * without the {@code +} sign of expanded years that many clients cannot read back.
     */
    public static final Instant LATEST_TIME = Instant.parse("9999-12-31T23:59:59Z");

    private EventLimits() {
    }

    /** Every field of the event that is out of bounds; empty when it can be stored. */
    public static List<InputViolation> check(CanonicalEvent event) {
        Checks checks = new Checks();
        if (event.occurredAt() != null) {
            timeProblem(event.occurredAt()).ifPresent(problem -> checks.add("occurredAt", problem));
        }
        checks.ref("ref", event.ref(), event instanceof TicketCreated || event instanceof TicketUpdated
                ? TICKET_ID : RECORD_ID);
        if (event instanceof ContactUpserted upserted) {
            checks.contact("contact", upserted.contact());
        } else if (event instanceof DealStageChanged deal) {
            checks.ref("contactRef", deal.contactRef(), RECORD_ID);
            checks.text("pipeline", deal.pipeline(), LABEL);
            checks.text("stage", deal.stage(), LABEL);
            checks.text("currency", deal.currency(), CURRENCY);
            checks.text("ownerId", deal.ownerId(), RECORD_ID);
            if (deal.createdAt() != null) {
                timeProblem(deal.createdAt()).ifPresent(problem -> checks.add("createdAt", problem));
            }
            if (deal.closedAt() != null) {
                timeProblem(deal.closedAt()).ifPresent(problem -> checks.add("closedAt", problem));
            }
            if (deal.amount() != null) {
                Amounts.problem(deal.amount()).ifPresent(problem -> checks.add("amount", problem));
            }
        } else if (event instanceof TicketCreated ticket) {
            checks.ref("requesterRef", ticket.requesterRef(), RECORD_ID);
            if (ticket.requester() != null) {
                checks.contact("requester", ticket.requester());
            }
            checks.text("subject", ticket.subject(), ATTRIBUTE_VALUE);
            checks.text("priority", ticket.priority(), LABEL);
            checks.text("status", ticket.status(), LABEL);
            checks.text("group", ticket.group(), LABEL);
            checks.text("assignee", ticket.assignee(), LABEL);
            checks.count("tags", ticket.tags().size(), TAGS);
            ticket.tags().forEach(tag -> checks.text("tags[]", tag, LABEL));
        } else if (event instanceof TicketUpdated updated) {
            checks.textMap("changes", updated.changes());
        } else if (event instanceof ConsentChanged consent) {
            checks.ref("subjectRef", consent.subjectRef(), RECORD_ID);
            checks.text("purpose", consent.purpose(), PURPOSE);
            checks.text("channel", consent.channel(), CHANNEL);
            checks.text("evidence", consent.evidence(), EVIDENCE);
        } else if (event instanceof DeliveryStatusChanged delivery) {
            checks.text("detail", delivery.detail(), DELIVERY_DETAIL);
        }
        return checks.violations;
    }

    /** What is wrong with an event time, if anything: see {@link #EARLIEST_TIME} and {@link #LATEST_TIME}. */
    public static Optional<String> timeProblem(Instant time) {
        return time.isBefore(EARLIEST_TIME) || time.isAfter(LATEST_TIME) ? Optional.of(timeBounds()) : Optional.empty();
    }

    /** The time itself when it is within bounds; otherwise an exception naming {@code field}, never quoting it. */
    public static Instant checkedTime(String field, Instant time) throws MalformedPayloadException {
        Optional<String> problem = timeProblem(time);
        if (problem.isPresent()) {
            throw new MalformedPayloadException(List.of(new InputViolation(field, problem.get())));
        }
        return time;
    }

    private static String timeBounds() {
        return "must be from " + EARLIEST_TIME + " to " + LATEST_TIME;
    }

    private static final class Checks {
        final List<InputViolation> violations = new ArrayList<>();

        void add(String field, String message) {
            // One entry per field: a list of 10,000 overlong tags is one mistake, not 10,000.
            if (violations.stream().noneMatch(violation -> violation.field().equals(field))) {
                violations.add(new InputViolation(field, message));
            }
        }

        void ref(String field, ExternalRef ref, int limit) {
            if (ref != null) {
                text(field + ".id", ref.id(), limit);
            }
        }

        void text(String field, String value, int limit) {
            if (value != null && value.length() > limit) {
                add(field, "must be at most " + limit + " characters");
            }
        }

        void count(String field, int size, int limit) {
            if (size > limit) {
                add(field, "must have at most " + limit + " entries");
            }
        }

        void contact(String field, Contact contact) {
            text(field + ".firstName", contact.firstName(), ATTRIBUTE_VALUE);
            text(field + ".lastName", contact.lastName(), ATTRIBUTE_VALUE);
            text(field + ".language", contact.language(), LABEL);
            text(field + ".company", contact.company(), ATTRIBUTE_VALUE);
            count(field + ".emails", contact.emails().size(), IDENTIFIERS);
            contact.emails().forEach(email -> text(field + ".emails[]", email, EMAIL));
            count(field + ".phones", contact.phones().size(), IDENTIFIERS);
            contact.phones().forEach(phone -> text(field + ".phones[]", phone, PHONE));
            textMap(field + ".attributes", contact.attributes());
        }

        void textMap(String field, Map<String, String> values) {
            count(field, values.size(), ATTRIBUTES);
            values.forEach((name, value) -> {
                text(field + " names", name, ATTRIBUTE_NAME);
                text(field + " values", value, ATTRIBUTE_VALUE);
            });
        }
    }
}
