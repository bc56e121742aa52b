package dev.liaison.profile.compliance;

import dev.liaison.connector.api.ExternalRef;
import dev.liaison.platform.sql.Jdbc;
import dev.liaison.platform.sql.WorkspaceJdbc;
import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.timeline.TimelineStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Removes one person's personal data from every Liaison table of the current workspace, in the transaction of the
 * request's local step. Structured data (profiles, identities, attributes, merges, consent, deals and tickets) is
 * deleted; free text
 * that mentions the person (raw webhook payloads, outbox payloads, routing traces) is redacted in place, because
 * those rows also serve deduplication and other people's history. The consent ledger is reduced to pseudonymous
 * proof: purpose, decision, dates and notice version, linked to the request rather than to an identifier.
 */
@ApplicationScoped
public class LocalErasure {

    /** What the erasure touched, as evidence. */
    public record Erased(int profiles, int identities, int attributes, int consentEntries, int inboxEntries,
                         int outboxActions, int routingTraces, int messages, int dealsAndTickets) {

        public int total() {
            return profiles + identities + attributes + consentEntries + inboxEntries + outboxActions
                    + routingTraces + messages + dealsAndTickets;
        }

        public String evidence() {
            return "profiles " + profiles + ", identities " + identities + ", attributes " + attributes
                    + ", consent entries reduced to proof " + consentEntries + ", webhook payloads redacted "
                    + inboxEntries + ", outbox actions redacted " + outboxActions + ", routing traces redacted "
                    + routingTraces + ", message log entries " + messages + ", deals and tickets "
                    + dealsAndTickets;
        }
    }

    static final String REDACTED_NOTE = "erased under a data-subject request";
    private static final String ERASED_TRACE = "{\"erased\":true}";
    private static final int PAGE = 500;

    private final WorkspaceJdbc jdbc;
    private final SubjectDataStore data;
    private final TimelineStore timeline;

    @Inject
    public LocalErasure(DataSource dataSource, SubjectDataStore data, TimelineStore timeline) {
        this.jdbc = new WorkspaceJdbc(dataSource);
        this.data = data;
        this.timeline = timeline;
    }

    /** For the CDI client proxy only. */
    protected LocalErasure() {
        this(null, null, null);
    }

    public Erased erase(String requestId, SubjectSnapshot subject, String phoneRegion, Instant now) {
        PersonMatcher matcher = new PersonMatcher(subject, phoneRegion);
        List<String> profiles = subject.profileIds();
        int inbox = redactInbox(subject, matcher, now);
        int outbox = redactOutbox(matcher, now);
        int traces = redactRoutingTraces(matcher);
        int consent = reduceConsentToProof(requestId, profiles, now);
        // Deals go by profile and, for those no profile has claimed yet, by the contact records the subject names.
        int timelineRows = timeline.erase(profiles, subject.identifiers().externalRefs().stream()
                .map(ref -> Identity.of(ref).value()).toList());
        int identities = 0;
        int attributes = 0;
        int erasedProfiles = 0;
        int messages = 0;
        if (!profiles.isEmpty()) {
            String in = " in (" + Jdbc.placeholders(profiles.size()) + ")";
            Object[] ids = profiles.toArray();
            // The log holds no address in clear, but its rows still say who was messaged when; the hard-suppression
            // list is kept, like a tombstone, because it names no profile.
            messages = jdbc.update("delete from message_log where workspace_id = :workspace and profile_id" + in, ids);
            jdbc.update("delete from consent_refusal where workspace_id = :workspace and profile_id" + in, ids);
            eraseLoyaltyAndScenarios(in, ids);
            jdbc.update("delete from profile_merge where workspace_id = :workspace and (survivor_id" + in
                    + " or absorbed_id" + in + ")", twice(profiles));
            attributes = jdbc.update("delete from profile_attribute where workspace_id = :workspace and profile_id"
                    + in, ids);
            identities = jdbc.update("delete from profile_identity where workspace_id = :workspace and profile_id"
                    + in, ids);
            jdbc.update("update profile set merged_into = null where workspace_id = :workspace and id" + in, ids);
            erasedProfiles = jdbc.update("delete from profile where workspace_id = :workspace and id" + in, ids);
        }
        return new Erased(erasedProfiles, identities, attributes, consent, inbox, outbox, traces, messages,
                timelineRows);
    }

    /**
     * A points ledger tells what someone bought and when, scenario runs what they were sent and why: both go with the
     * person. Lots and expiry rows refer to earn rows, so they go first; the profile rows' foreign keys need all of it
     * gone before the profile.
     */
    private void eraseLoyaltyAndScenarios(String in, Object[] profileIds) {
        jdbc.update("delete from loyalty_lot where workspace_id = :workspace and profile_id" + in, profileIds);
        jdbc.update("delete from loyalty_tier_change where workspace_id = :workspace and profile_id" + in,
                profileIds);
        jdbc.update("delete from loyalty_entry where workspace_id = :workspace and expired_entry_id is not null "
                + "and profile_id" + in, profileIds);
        jdbc.update("delete from loyalty_entry where workspace_id = :workspace and profile_id" + in, profileIds);
        jdbc.update("delete from loyalty_trace where workspace_id = :workspace and profile_id" + in, profileIds);
        jdbc.update("delete from loyalty_account where workspace_id = :workspace and profile_id" + in, profileIds);
        jdbc.update("delete from scenario_trace where workspace_id = :workspace and profile_id" + in, profileIds);
        jdbc.update("delete from scenario_flag where workspace_id = :workspace and profile_id" + in, profileIds);
        jdbc.update("delete from scenario_run where workspace_id = :workspace and profile_id" + in, profileIds);
        jdbc.update("delete from scenario_ticket where workspace_id = :workspace and profile_id" + in, profileIds);
    }

    private int redactInbox(SubjectSnapshot subject, PersonMatcher matcher, Instant now) {
        Set<Long> ofTheirRecords = new HashSet<>();
        for (ExternalRef ref : subject.identifiers().externalRefs()) {
            ofTheirRecords.addAll(jdbc.query("select inbox_entry_id from event_journal where workspace_id = :workspace "
                    + "and connection_id = ? and external_id = ?", row -> row.getLong(1), ref.connectionId(),
                    ref.id()));
            jdbc.update("update event_journal set external_id = ? where workspace_id = :workspace "
                    + "and connection_id = ? and external_id = ?", "erased", ref.connectionId(), ref.id());
        }
        record Payload(long id, String text) {
        }

        int redacted = 0;
        long after = 0;
        List<Payload> page;
        do {
            page = jdbc.query("select id, body, headers, query from inbox_entry where workspace_id = :workspace "
                    + "and id > ? order by id fetch first " + PAGE + " rows only", row -> new Payload(row.getLong(1),
                    new String(row.getBytes(2), StandardCharsets.UTF_8) + "\n" + row.getString(3) + "\n"
                            + row.getString(4)), after);
            for (Payload payload : page) {
                if (ofTheirRecords.contains(payload.id()) || matcher.mentions(payload.text())) {
                    redacted += redactInboxEntry(jdbc, payload.id(), now);
                }
                after = payload.id();
            }
        } while (page.size() == PAGE);
        return redacted;
    }

    /**
     * Empties one stored webhook. A pending one is closed as done: processing it now would only be dropped by the
     * tombstone, and its payload is gone anyway.
     */
    static int redactInboxEntry(WorkspaceJdbc jdbc, long id, Instant now) {
        return jdbc.update("update inbox_entry set body = ?, headers = '{}', query = null, last_error = ?, "
                + "status = case when status = 'PENDING' then 'DONE' else status end, "
                + "processed_at = coalesce(processed_at, ?) where workspace_id = :workspace and id = ?", new byte[0],
                REDACTED_NOTE, now, id);
    }

    private int redactOutbox(PersonMatcher matcher, Instant now) {
        record Action(long id, String text) {
        }

        int redacted = 0;
        long after = 0;
        List<Action> page;
        do {
            page = jdbc.query("select id, payload, result, last_error from outbox_action "
                    + "where workspace_id = :workspace and id > ? order by id fetch first " + PAGE + " rows only",
                    row -> new Action(row.getLong(1), row.getString(2) + "\n" + row.getString(3) + "\n"
                            + row.getString(4)), after);
            for (Action action : page) {
                if (matcher.mentions(action.text())) {
                    // A pending action for an erased person must not run any more: it is closed as dead.
                    redacted += jdbc.update("update outbox_action set payload = '{}', result = null, last_error = ?, "
                            + "status = case when status = 'PENDING' then 'DEAD' else status end, "
                            + "done_at = coalesce(done_at, ?) where workspace_id = :workspace and id = ?",
                            REDACTED_NOTE, now, action.id());
                }
                after = action.id();
            }
        } while (page.size() == PAGE);
        return redacted;
    }

    private int redactRoutingTraces(PersonMatcher matcher) {
        record Trace(long id, String text) {
        }

        int redacted = 0;
        long after = 0;
        List<Trace> page;
        do {
            page = jdbc.query("select id, trace from routing_decision where workspace_id = :workspace and id > ? "
                    + "order by id fetch first " + PAGE + " rows only", row -> new Trace(row.getLong(1),
                    row.getString(2)), after);
            for (Trace trace : page) {
                if (matcher.mentions(trace.text())) {
                    redacted += jdbc.update("update routing_decision set trace = ? where workspace_id = :workspace "
                            + "and id = ?", ERASED_TRACE, trace.id());
                }
                after = trace.id();
            }
        } while (page.size() == PAGE);
        return redacted;
    }

    private int reduceConsentToProof(String requestId, List<String> profiles, Instant now) {
        List<SubjectDataStore.ConsentRow> entries = data.consents(profiles);
        for (SubjectDataStore.ConsentRow entry : entries) {
            jdbc.update("insert into consent_proof (workspace_id, request_id, purpose, channel, decision, "
                    + "source_system, notice_version, notice_sha256, collection_method, occurred_at, recorded_at, "
                    + "erased_at) values (:workspace, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", requestId, entry.purpose(),
                    entry.channel(), entry.decision(), entry.sourceSystem(), entry.noticeVersion(),
                    entry.noticeSha256(), entry.collectionMethod(), entry.occurredAt(), entry.recordedAt(), now);
        }
        if (!profiles.isEmpty()) {
            jdbc.update("delete from consent_event where workspace_id = :workspace and profile_id in ("
                    + Jdbc.placeholders(profiles.size()) + ")", profiles.toArray());
        }
        return entries.size();
    }

    private static Object[] twice(List<String> profiles) {
        Object[] parameters = new Object[profiles.size() * 2];
        for (int i = 0; i < profiles.size(); i++) {
            parameters[i] = profiles.get(i);
            parameters[i + profiles.size()] = profiles.get(i);
        }
        return parameters;
    }
}
