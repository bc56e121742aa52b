package dev.liaison.profile.timeline;

import dev.liaison.platform.sql.Jdbc;
import dev.liaison.platform.sql.WorkspaceJdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The deals and tickets of the current workspace's people: one row per record of a connection, keyed by the
 * vendor's id, holding the state of the newest event by source time. A late older event changes nothing; an event as
 * old as the stored state replaces it (a redelivery writes the same values again). Writes run in the caller's
 * transaction, several rows in one JDBC batch. Reads take a profile's lineage (the profile and those merged into it),
 * so a merge shows the absorbed person's deals and its undo takes them back without moving a row.
 */
@ApplicationScoped
public class TimelineStore {

    /** {@code timeline_deal.title} and {@code timeline_ticket.subject}: enough to recognise the record. */
    public static final int TEXT_LIMIT = 255;

    private static final String DEAL_COLUMNS = "id, connection_id, deal_id, profile_id, title, pipeline, stage, "
            + "status, amount, currency, owner_id, created_at, updated_at";
    private static final String TICKET_COLUMNS = "id, connection_id, ticket_id, profile_id, subject, status, "
            + "priority, ticket_group, assignee, created_at, updated_at";
    private static final String DEAL_INSERT = "insert into timeline_deal (workspace_id, connection_id, deal_id, "
            + "profile_id, contact_ref, title, pipeline, stage, status, amount, currency, owner_id, created_at, "
            + "updated_at, recorded_at) ";
    private static final String TICKET_INSERT = "insert into timeline_ticket (workspace_id, connection_id, ticket_id, "
            + "profile_id, subject, status, priority, ticket_group, assignee, created_at, updated_at, recorded_at) ";
    /** The ticket fields a {@code ticket.updated} may change, by the names connectors give them, to their column. */
    private static final Map<String, String> TICKET_FIELDS = Map.of(
            "status", "status",
            "priority", "priority",
            "subject", "subject",
            "group", "ticket_group",
            "group_id", "ticket_group",
            "assignee", "assignee",
            "assignee_id", "assignee");

    private final DataSource dataSource;
    private final WorkspaceJdbc jdbc;

    @Inject
    public TimelineStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new WorkspaceJdbc(dataSource);
    }

    /** For the CDI client proxy only. */
    protected TimelineStore() {
        this(null);
    }

    /**
     * Stores each deal unless a newer event of it is stored. A newer event replaces the state, and the profile with
     * it (the deal's contact may have changed); an event that gives no title or owner keeps the stored ones, and
     * {@code created_at} keeps the earliest time known. On PostgreSQL one upsert per deal; on H2 an update, then an
     * insert for the deals that had no row.
     */
    public void upsertDeals(List<DealState> deals, Instant now) {
        if (deals.isEmpty()) {
            return;
        }
        if (postgres()) {
            jdbc.batch(DEAL_INSERT + "values (:workspace, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "on conflict (workspace_id, connection_id, deal_id) do update set "
                    + "profile_id = excluded.profile_id, contact_ref = excluded.contact_ref, "
                    + "title = coalesce(excluded.title, timeline_deal.title), pipeline = excluded.pipeline, "
                    + "stage = excluded.stage, status = excluded.status, amount = excluded.amount, "
                    + "currency = excluded.currency, owner_id = coalesce(excluded.owner_id, timeline_deal.owner_id), "
                    + "created_at = least(timeline_deal.created_at, excluded.created_at), "
                    + "updated_at = excluded.updated_at, recorded_at = excluded.recorded_at "
                    + "where timeline_deal.updated_at <= excluded.updated_at",
                    deals.stream().map(deal -> dealValues(deal, now)).toList());
            return;
        }
        int[] updated = jdbc.batch("update timeline_deal set profile_id = ?, contact_ref = ?, "
                + "title = coalesce(?, title), pipeline = ?, stage = ?, status = ?, amount = ?, currency = ?, "
                + "owner_id = coalesce(?, owner_id), created_at = least(created_at, ?), updated_at = ?, "
                + "recorded_at = ? where workspace_id = :workspace and connection_id = ? and deal_id = ? "
                + "and updated_at <= ?", deals.stream().map(deal -> new Object[] {deal.profileId(),
                        deal.contactRef(), cut(deal.title()), deal.pipeline(), deal.stage(), deal.status().name(),
                        deal.amount(), deal.currency(), deal.ownerId(), deal.createdAt(), deal.updatedAt(), now,
                        deal.connectionId(), deal.dealId(), deal.updatedAt()}).toList());
        List<Object[]> inserts = new ArrayList<>();
        for (int i = 0; i < deals.size(); i++) {
            if (updated[i] == 0) {
                DealState deal = deals.get(i);
                Object[] values = dealValues(deal, now);
                Object[] withKey = Arrays.copyOf(values, values.length + 2);
                withKey[values.length] = deal.connectionId();
                withKey[values.length + 1] = deal.dealId();
                inserts.add(withKey);
            }
        }
        jdbc.batch(DEAL_INSERT + "select :workspace, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? where not exists "
                + "(select 1 from timeline_deal where workspace_id = :workspace and connection_id = ? and deal_id = ?)",
                inserts);
    }

    /**
     * A profile now holds the contact {@code contactRef}: the deals stored while none did become the profile's.
     *
     * @return how many deals it claimed
     */
    public int claimDeals(String contactRef, String profileId) {
        return jdbc.update("update timeline_deal set profile_id = ? where workspace_id = :workspace "
                + "and contact_ref = ? and profile_id is null", profileId, contactRef);
    }

    /** Stores each new ticket unless a newer event of it is stored; see {@link #upsertDeals} for the two ways. */
    public void upsertTickets(List<TicketState> tickets, Instant now) {
        if (tickets.isEmpty()) {
            return;
        }
        if (postgres()) {
            jdbc.batch(TICKET_INSERT + "values (:workspace, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "on conflict (workspace_id, connection_id, ticket_id) do update set "
                    + "profile_id = coalesce(excluded.profile_id, timeline_ticket.profile_id), "
                    + "subject = excluded.subject, status = excluded.status, priority = excluded.priority, "
                    + "ticket_group = excluded.ticket_group, assignee = excluded.assignee, "
                    + "created_at = least(timeline_ticket.created_at, excluded.created_at), "
                    + "updated_at = excluded.updated_at, recorded_at = excluded.recorded_at "
                    + "where timeline_ticket.updated_at <= excluded.updated_at",
                    tickets.stream().map(ticket -> ticketValues(ticket, now)).toList());
            return;
        }
        int[] updated = jdbc.batch("update timeline_ticket set profile_id = coalesce(?, profile_id), subject = ?, "
                + "status = ?, priority = ?, ticket_group = ?, assignee = ?, created_at = least(created_at, ?), "
                + "updated_at = ?, recorded_at = ? where workspace_id = :workspace and connection_id = ? "
                + "and ticket_id = ? and updated_at <= ?", tickets.stream().map(ticket -> new Object[] {
                        ticket.profileId(), cut(ticket.subject()), ticket.status(), ticket.priority(), ticket.group(),
                        ticket.assignee(), ticket.createdAt(), ticket.updatedAt(), now, ticket.connectionId(),
                        ticket.ticketId(), ticket.updatedAt()}).toList());
        List<Object[]> inserts = new ArrayList<>();
        for (int i = 0; i < tickets.size(); i++) {
            if (updated[i] == 0) {
                TicketState ticket = tickets.get(i);
                Object[] values = ticketValues(ticket, now);
                Object[] withKey = Arrays.copyOf(values, values.length + 2);
                withKey[values.length] = ticket.connectionId();
                withKey[values.length + 1] = ticket.ticketId();
                inserts.add(withKey);
            }
        }
        jdbc.batch(TICKET_INSERT + "select :workspace, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? where not exists "
                + "(select 1 from timeline_ticket where workspace_id = :workspace and connection_id = ? "
                + "and ticket_id = ?)", inserts);
    }

    /**
     * Applies a {@code ticket.updated}: the fields it names (an empty value clears one) and its time, unless a newer
     * event of the ticket is stored. A ticket Liaison never saw created is not stored: its requester, and so its
     * person, is unknown.
     *
     * @return whether a stored ticket took the change
     */
    public boolean updateTicket(String connectionId, String ticketId, Map<String, String> changes, Instant occurredAt,
                                Instant now) {
        Map<String, String> columns = new LinkedHashMap<>();
        changes.forEach((field, value) -> {
            String column = TICKET_FIELDS.get(field);
            if (column != null) {
                String text = value == null || value.isEmpty() ? null : value;
                columns.put(column, column.equals("subject") ? cut(text) : text);
            }
        });
        StringBuilder sql = new StringBuilder("update timeline_ticket set ");
        List<Object> parameters = new ArrayList<>();
        columns.forEach((column, value) -> {
            sql.append(column).append(" = ?, ");
            parameters.add(value);
        });
        sql.append("updated_at = ?, recorded_at = ? where workspace_id = :workspace and connection_id = ? "
                + "and ticket_id = ? and updated_at <= ?");
        parameters.addAll(List.of(occurredAt, now, connectionId, ticketId, occurredAt));
        return jdbc.update(sql.toString(), parameters.toArray()) > 0;
    }

    /** One page of the profiles' deals, newest first, after {@code after} (null for the first page). */
    public TimelinePage<Deal> deals(Collection<String> profileIds, TimelineCursor after, int limit) {
        List<Deal> rows = page("select " + DEAL_COLUMNS + " from timeline_deal", profileIds, after, limit + 1,
                TimelineStore::deal);
        if (rows.size() <= limit) {
            return new TimelinePage<>(rows, null);
        }
        Deal last = rows.get(limit - 1);
        return new TimelinePage<>(rows.subList(0, limit), cursor(last.updatedAt(), last.id()));
    }

    /** One page of the profiles' tickets, newest first, after {@code after} (null for the first page). */
    public TimelinePage<Ticket> tickets(Collection<String> profileIds, TimelineCursor after, int limit) {
        List<Ticket> rows = page("select " + TICKET_COLUMNS + " from timeline_ticket", profileIds, after, limit + 1,
                TimelineStore::ticket);
        if (rows.size() <= limit) {
            return new TimelinePage<>(rows, null);
        }
        Ticket last = rows.get(limit - 1);
        return new TimelinePage<>(rows.subList(0, limit), cursor(last.updatedAt(), last.id()));
    }

    /**
     * Every deal of the profiles, and those of the contacts (external identity values) no profile claimed yet, newest
     * first: what an access request exports.
     */
    public List<Deal> allDeals(Collection<String> profileIds, Collection<String> contactRefs) {
        if (profileIds.isEmpty() && contactRefs.isEmpty()) {
            return List.of();
        }
        List<Object> parameters = new ArrayList<>(profileIds);
        parameters.addAll(contactRefs);
        return jdbc.query("select " + DEAL_COLUMNS + " from timeline_deal where workspace_id = :workspace and ("
                + in("profile_id", profileIds.size()) + " or " + in("contact_ref", contactRefs.size())
                + ") order by updated_at desc, id desc", TimelineStore::deal, parameters.toArray());
    }

    /** Every ticket of the profiles, newest first. */
    public List<Ticket> allTickets(Collection<String> profileIds) {
        if (profileIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select " + TICKET_COLUMNS + " from timeline_ticket where workspace_id = :workspace and "
                + in("profile_id", profileIds.size()) + " order by updated_at desc, id desc", TimelineStore::ticket,
                profileIds.toArray());
    }

    /**
     * Deletes the deals of the profiles and of the contacts (external identity values), and the profiles' tickets.
     *
     * @return how many rows it deleted
     */
    public int erase(Collection<String> profileIds, Collection<String> contactRefs) {
        if (profileIds.isEmpty() && contactRefs.isEmpty()) {
            return 0;
        }
        List<Object> parameters = new ArrayList<>(profileIds);
        parameters.addAll(contactRefs);
        int deals = jdbc.update("delete from timeline_deal where workspace_id = :workspace and ("
                + in("profile_id", profileIds.size()) + " or " + in("contact_ref", contactRefs.size()) + ")",
                parameters.toArray());
        int tickets = profileIds.isEmpty() ? 0 : jdbc.update("delete from timeline_ticket where workspace_id = "
                + ":workspace and " + in("profile_id", profileIds.size()), profileIds.toArray());
        return deals + tickets;
    }

    /** {@code text} cut to {@value #TEXT_LIMIT} characters, never between the two halves of a surrogate pair. */
    static String cut(String text) {
        if (text == null || text.length() <= TEXT_LIMIT) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(TEXT_LIMIT - 1)) ? TEXT_LIMIT - 1 : TEXT_LIMIT;
        return text.substring(0, end);
    }

    private <T> List<T> page(String select, Collection<String> profileIds, TimelineCursor after, int rows,
                             Jdbc.Row<T> reader) {
        if (profileIds.isEmpty()) {
            return List.of();
        }
        List<Object> parameters = new ArrayList<>(profileIds);
        String keyset = "";
        if (after != null) {
            keyset = " and (updated_at < ? or (updated_at = ? and id < ?))";
            parameters.addAll(List.of(after.updatedAt(), after.updatedAt(), after.id()));
        }
        return jdbc.query(select + " where workspace_id = :workspace and " + in("profile_id", profileIds.size())
                + keyset + " order by updated_at desc, id desc fetch first " + rows + " rows only", reader,
                parameters.toArray());
    }

    /** {@code column in (?, ...)}, or a condition that holds for no row when there is nothing to match. */
    private static String in(String column, int count) {
        return count == 0 ? "1 = 0" : column + " in (" + Jdbc.placeholders(count) + ")";
    }

    private static Object[] dealValues(DealState deal, Instant now) {
        return new Object[] {deal.connectionId(), deal.dealId(), deal.profileId(), deal.contactRef(),
            cut(deal.title()), deal.pipeline(), deal.stage(), deal.status().name(), deal.amount(), deal.currency(),
            deal.ownerId(), deal.createdAt(), deal.updatedAt(), now};
    }

    private static Object[] ticketValues(TicketState ticket, Instant now) {
        return new Object[] {ticket.connectionId(), ticket.ticketId(), ticket.profileId(), cut(ticket.subject()),
            ticket.status(), ticket.priority(), ticket.group(), ticket.assignee(), ticket.createdAt(),
            ticket.updatedAt(), now};
    }

    private static String cursor(Instant updatedAt, long id) {
        return new TimelineCursor(updatedAt, id).encode();
    }

    private static Deal deal(ResultSet row) throws SQLException {
        return new Deal(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), row.getString(7), DealStatus.valueOf(row.getString(8)), row.getBigDecimal(9),
                row.getString(10), row.getString(11), Jdbc.instant(row.getTimestamp(12)),
                Jdbc.instant(row.getTimestamp(13)));
    }

    private static Ticket ticket(ResultSet row) throws SQLException {
        return new Ticket(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), row.getString(7), row.getString(8), row.getString(9),
                Jdbc.instant(row.getTimestamp(10)), Jdbc.instant(row.getTimestamp(11)));
    }

    private boolean postgres() {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }
}
