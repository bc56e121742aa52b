package dev.liaison.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person's console page shows beyond identities, loaded on top of {@link PopulationLoader}'s population with
 * one INSERT ... SELECT from generate_series per table, the rows as the server's own stores write them:
 * <ul>
 *   <li>every person: the attributes lastName ({@link #lastName}) and city, from the benchmark connection;</li>
 *   <li>every {@value #CONSENT_EVERY}th: a marketing e-mail grant in the consent ledger, with its notice and
 *   evidence; every {@value #SECOND_CONSENT_EVERY}th also a marketing SMS grant;</li>
 *   <li>every {@value #DEALS_EVERY}th: two deals of the connection, one won and one open;</li>
 *   <li>every {@value #TICKET_EVERY}th: a help-desk ticket the routing rules decided on, as the routing observer
 *   leaves it: the ticket, its ROUTE_TICKET outbox action (done), the routing decision with its trace, and the line
 *   in the person's trace.</li>
 * </ul>
 * Every {@value #TICKET_EVERY}th person therefore has all of it ({@link #isFull}).
 */
final class PersonDetailsLoader {

    static final int CONSENT_EVERY = 5;
    static final int SECOND_CONSENT_EVERY = 10;
    static final int DEALS_EVERY = 10;
    static final int TICKET_EVERY = 20;
    /**
     * Last names are this and three digits: a thousand people share each, and none is the prefix of another, so that a
     * search for one finds exactly its thousand.
     */
    static final String LAST_NAME_PREFIX = "Benchmark-";
    static final int LAST_NAMES = 1000;
    static final String ROUTING_RULE = "bench-vip";
    static final String DEAL_TITLE = "Bench deal";
    static final String TICKET_SUBJECT = "Bench ticket";
    private static final String LOADED_AT = "2026-01-01T00:00:00Z";
    private static final String PERSON = ":prefix || lpad(n::text, :digits, '0')";
    /** The placeholders of the statements below, bound by {@link #run}; a '?' in a literal stays a character. */
    private static final Pattern PLACEHOLDER = Pattern.compile(":(ws|system|conn|at|population|prefix|digits)\\b");

    private static final String ATTRIBUTES = "insert into profile_attribute (workspace_id, profile_id, name, "
            + "attribute_value, source_system, source_connection, source_ref, source_time, recorded_at) "
            + "select :ws, " + PERSON + ", a.name, case a.name when 'lastName' then '" + LAST_NAME_PREFIX + "' "
            + "|| lpad((n % " + LAST_NAMES + ")::text, 3, '0') else 'Moscow' end, :system, :conn, n::text, :at::timestamptz, "
            + ":at::timestamptz from generate_series(1, :population) as n "
            + "cross join (values ('lastName'), ('city')) as a (name)";
    private static final String CONSENTS = "insert into consent_event (workspace_id, profile_id, purpose, channel, "
            + "decision, source_system, source_connection, source_ref, notice_version, notice_sha256, "
            + "collection_method, evidence, occurred_at, recorded_at) "
            + "select :ws, " + PERSON + ", c.purpose, c.channel, 'GRANTED', :system, :conn, n::text, 'notice-v3', "
            + "repeat('ab', 32), 'web-form', 'checkbox ticked on the sign-up form', :at::timestamptz + c.after, "
            + ":at::timestamptz + c.after from generate_series(1, :population) as n "
            + "cross join (values ('marketing_email', 'email', interval '1 day', " + CONSENT_EVERY + "), "
            + "('marketing_sms', 'sms', interval '2 days', " + SECOND_CONSENT_EVERY + ")) "
            + "as c (purpose, channel, after, every) where n % c.every = 0";
    private static final String DEALS = "insert into timeline_deal (workspace_id, connection_id, deal_id, profile_id, "
            + "contact_ref, title, pipeline, stage, status, amount, currency, owner_id, created_at, updated_at, "
            + "recorded_at) select :ws, :conn, n || '-' || d.seq, " + PERSON + ", :system || '|' || :conn || '|' || n, "
            + "'" + DEAL_TITLE + " ' || n || '-' || d.seq, 'sales', d.stage, d.status, 1000 * d.seq + n % 1000, "
            + "'RUB', 'owner-7', :at::timestamptz, :at::timestamptz + d.after, :at::timestamptz + d.after "
            + "from generate_series(" + DEALS_EVERY + ", :population, " + DEALS_EVERY + ") as n "
            + "cross join (values (1, 'WON', 'WON', interval '3 days'), (2, 'NEGOTIATION', 'OPEN', interval '4 days')) "
            + "as d (seq, stage, status, after)";
    private static final String TICKETS = "insert into timeline_ticket (workspace_id, connection_id, ticket_id, "
            + "profile_id, subject, status, priority, ticket_group, assignee, created_at, updated_at, recorded_at) "
            + "select :ws, :conn, n::text, " + PERSON + ", '" + TICKET_SUBJECT + " ' || n, 'open', 'high', 'VIP', "
            + "'agent-7', :at::timestamptz, :at::timestamptz + interval '5 days', :at::timestamptz + interval '5 days' "
            + "from generate_series(" + TICKET_EVERY + ", :population, " + TICKET_EVERY + ") as n";
    private static final String ROUTE_ACTIONS = "insert into outbox_action (workspace_id, connection_id, "
            + "idempotency_key, action_type, payload, status, attempts, next_attempt_at, result, created_at, done_at) "
            + "select :ws, :conn, 'inbox-' || n || '/0/0', 'ROUTE_TICKET', "
            + "'{\"ticketId\":\"' || n || '\",\"tags\":[\"vip\"],\"group\":\"VIP\",\"assignee\":\"agent-7\","
            + "\"priority\":\"high\",\"explanation\":\"rule ''" + ROUTING_RULE + "'' matched\"}', 'DONE', 1, "
            + ":at::timestamptz + interval '5 days', 'ticket ' || n || ' updated', :at::timestamptz + interval '5 days', "
            + ":at::timestamptz + interval '5 days' from generate_series(" + TICKET_EVERY + ", :population, "
            + TICKET_EVERY + ") as n";
    private static final String DECISIONS = "insert into routing_decision (workspace_id, connection_id, ticket_id, "
            + "rule_name, assignee, ticket_status, trace, outbox_id, created_at) "
            + "select a.workspace_id, a.connection_id, n::text, '" + ROUTING_RULE + "', 'agent-7', 'open', "
            + "'{\"rule\":\"" + ROUTING_RULE + "\",\"explanation\":\"rule ''" + ROUTING_RULE + "'' matched\","
            + "\"observed\":{\"profile.tier\":\"gold\"},\"decision\":{\"tags\":[\"vip\"],\"group\":\"VIP\","
            + "\"assignee\":\"agent-7\",\"priority\":\"high\"},\"evaluated\":[{\"rule\":\"" + ROUTING_RULE + "\","
            + "\"matched\":true,\"observed\":{\"profile.tier\":\"gold\"}}]}', a.id, a.created_at "
            + "from generate_series(" + TICKET_EVERY + ", :population, " + TICKET_EVERY + ") as n "
            + "join outbox_action a on a.connection_id = :conn and a.idempotency_key = 'inbox-' || n || '/0/0'";
    private static final String ROUTING_TRACES = "insert into scenario_trace (workspace_id, profile_id, run_id, "
            + "scenario_name, step, step_kind, outcome, detail, created_at) "
            + "select d.workspace_id, " + PERSON + ", null, 'routing', null, 'route', 'DONE', 'ticket ' || n "
            + "|| ': rule ''" + ROUTING_RULE + "'', assignee agent-7, outbox action ' || d.outbox_id "
            + "|| ' (GET /api/routing/decisions?ticket=' || n || ')', d.created_at "
            + "from generate_series(" + TICKET_EVERY + ", :population, " + TICKET_EVERY + ") as n "
            + "join routing_decision d on d.connection_id = :conn and d.ticket_id = n::text";

    private PersonDetailsLoader() {
    }

    static String lastName(long n) {
        return LAST_NAME_PREFIX + String.format(Locale.ROOT, "%03d", n % LAST_NAMES);
    }

    /** Whether person {@code n} has consents, deals and a routed ticket. */
    static boolean isFull(long n) {
        return n % TICKET_EVERY == 0;
    }

    /** @return how long loading and then analysing took */
    static Duration load(BenchDatabase database, int population, String connectionId) throws SQLException {
        long startedAt = System.nanoTime();
        try (Connection connection = database.connectForBulkWork()) {
            try (Statement settings = connection.createStatement()) {
                // As PopulationLoader: the rows are consistent by construction, the foreign-key triggers only cost.
                settings.execute("set session_replication_role = replica");
            }
            for (String insert : List.of(ATTRIBUTES, CONSENTS, DEALS, TICKETS, ROUTE_ACTIONS, DECISIONS,
                    ROUTING_TRACES)) {
                run(connection, insert, population, connectionId);
            }
            try (Statement vacuum = connection.createStatement()) {
                // Autovacuum is off on the development machine: without statistics the planner guesses.
                vacuum.execute("vacuum (analyze) profile_attribute, consent_event, timeline_deal, timeline_ticket, "
                        + "outbox_action, routing_decision, scenario_trace");
            }
        }
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    /** Binds the named placeholders above, in their order of appearance. */
    private static void run(Connection connection, String template, int population, String connectionId)
            throws SQLException {
        StringBuilder sql = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        Matcher names = PLACEHOLDER.matcher(template);
        int copied = 0;
        while (names.find()) {
            sql.append(template, copied, names.start()).append('?');
            copied = names.end();
            parameters.add(switch (names.group(1)) {
                case "ws" -> PopulationLoader.WORKSPACE;
                case "system" -> PopulationLoader.SOURCE_SYSTEM;
                case "conn" -> connectionId;
                case "at" -> LOADED_AT;
                case "prefix" -> Population.PROFILE_ID_PREFIX;
                case "digits" -> Population.PROFILE_ID_DIGITS;
                default -> population;
            });
        }
        sql.append(template.substring(copied));
        try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                insert.setObject(i + 1, parameters.get(i));
            }
            insert.executeUpdate();
        }
    }
}
