package dev.liaison.profile.person;

import dev.liaison.platform.sql.Jdbc;
import dev.liaison.platform.sql.WorkspaceJdbc;
import dev.liaison.profile.identity.IdentifierNormalizer;
import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.identity.IdentityKind;
import dev.liaison.profile.identity.IdentitySettings;
import dev.liaison.profile.identity.InvalidIdentifierException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The people of the current workspace as a list a person can page through and search: the active profiles, newest
 * first, keyset-paged along {@code (created_at, id)}. A search term matches the start of an e-mail address, of a
 * phone number (E.164) or of a first or last name, a CRM record's id exactly (in any of the workspace's connections,
 * or a whole {@code system|connectionId|id}), or a profile id. Every comparison is on an indexed prefix or value, and
 * nothing counts the table, so a page costs the same at a million profiles as at ten. Reads only.
 */
@ApplicationScoped
public class PeopleDirectory {

    /** The longest search term: longer than any identifier Liaison stores, short enough to stay a prefix. */
    public static final int QUERY_LIMIT = 200;

    private static final Pattern PHONE_LIKE = Pattern.compile("[+0-9 ()\\-.]*[0-9][+0-9 ()\\-.]*");
    private static final Pattern PROFILE_ID = Pattern.compile("[0-9a-fA-F-]{36}");
    private static final int SHORTEST_PHONE_PREFIX = 3;
    private static final String NAMES = "name in ('firstName', 'lastName')";

    private final WorkspaceJdbc jdbc;
    private final IdentitySettings settings;

    @Inject
    public PeopleDirectory(DataSource dataSource, IdentitySettings settings) {
        this.jdbc = new WorkspaceJdbc(dataSource);
        this.settings = settings;
    }

    /** For the CDI client proxy only. */
    protected PeopleDirectory() {
        this.jdbc = null;
        this.settings = null;
    }

    /**
     * One page of people, newest first, after {@code after} (null for the first page).
     *
     * @param query a search term, or null or blank for everyone; at most {@value #QUERY_LIMIT} characters
     */
    public PeoplePage page(String query, PersonCursor after, int limit) {
        if (query != null && query.length() > QUERY_LIMIT) {
            throw new IllegalArgumentException("a search term has at most " + QUERY_LIMIT + " characters");
        }
        StringBuilder sql = new StringBuilder("select id, status, created_at, updated_at from profile "
                + "where workspace_id = :workspace and status = 'ACTIVE'");
        List<Object> parameters = new ArrayList<>();
        if (query != null && !query.isBlank()) {
            // The matches are collected first and their profiles read by primary key. As a semi-join ("id in"),
            // PostgreSQL guessed thousands of matches for any term (it keeps no statistics on the name prefix) and
            // hashed them against a scan of every profile: 840 ms a search at 1,000,000 profiles, 1 ms this way.
            sql.append(" and id = any(array(");
            matches(query.strip(), sql, parameters);
            sql.append("))");
        }
        if (after != null) {
            // The first comparison alone is an index range; the second picks the place within equal times.
            sql.append(" and created_at <= ? and (created_at < ? or id < ?)");
            parameters.addAll(List.of(after.createdAt(), after.createdAt(), after.id()));
        }
        sql.append(" order by created_at desc, id desc fetch first ").append(limit + 1).append(" rows only");
        List<Person> rows = withDetails(jdbc.query(sql.toString(), PeopleDirectory::person, parameters.toArray()));
        if (rows.size() <= limit) {
            return new PeoplePage(rows, null);
        }
        Person last = rows.get(limit - 1);
        return new PeoplePage(rows.subList(0, limit), new PersonCursor(last.createdAt(), last.id()).encode());
    }

    /** Appends the union of the profile ids the term matches, one indexed select per kind of match. */
    private void matches(String term, StringBuilder sql, List<Object> parameters) {
        String prefix = likePrefix(term.toLowerCase(Locale.ROOT));
        sql.append("select profile_id from profile_identity where workspace_id = :workspace and kind = 'EMAIL' "
                + "and identity_value like ? escape '!'");
        parameters.add(prefix);
        sql.append(" union select profile_id from profile_attribute where workspace_id = :workspace and " + NAMES
                + " and lower(left(attribute_value, 100)) like ? escape '!'");
        parameters.add(prefix);
        sql.append(" union select i.profile_id from connection c join profile_identity i "
                + "on i.identity_value = concat(c.kind, '|', c.id, '|', ?) where c.workspace_id = :workspace "
                + "and i.workspace_id = :workspace and i.kind = 'EXTERNAL'");
        parameters.add(term);
        if (term.indexOf('|') > 0) {
            sql.append(" union select profile_id from profile_identity where workspace_id = :workspace "
                    + "and kind = 'EXTERNAL' and identity_value = ?");
            parameters.add(term);
        }
        for (String phone : phonePrefixes(term, settings.normalizer())) {
            sql.append(" union select profile_id from profile_identity where workspace_id = :workspace "
                    + "and kind = 'PHONE' and identity_value like ? escape '!'");
            parameters.add(likePrefix(phone));
        }
        if (PROFILE_ID.matcher(term).matches()) {
            sql.append(" union select id from profile where workspace_id = :workspace and id = ?");
            parameters.add(term.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * The E.164 prefixes a phone-like term stands for: its digits after a {@code +}, and the whole number in E.164
     * when the term is a complete one in a national form (the default region's {@code 8 903 ...}).
     */
    static Set<String> phonePrefixes(String term, IdentifierNormalizer normalizer) {
        Set<String> prefixes = new LinkedHashSet<>();
        String digits = term.replaceAll("[^0-9]", "");
        if (!PHONE_LIKE.matcher(term).matches() || digits.length() < SHORTEST_PHONE_PREFIX) {
            return prefixes;
        }
        prefixes.add("+" + digits);
        try {
            prefixes.add(normalizer.phone(term).value());
        } catch (InvalidIdentifierException e) {
            // Not a whole number: the digits are the prefix.
        }
        return prefixes;
    }

    /** A {@code like} pattern for values starting with {@code text}, its wildcards escaped with {@code !}. */
    static String likePrefix(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /** The rows with their identities and names, two queries for the whole page. */
    private List<Person> withDetails(List<Person> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, Person> byId = new LinkedHashMap<>();
        rows.forEach(row -> byId.put(row.id(), row));
        Object[] ids = byId.keySet().toArray();
        String in = "profile_id in (" + Jdbc.placeholders(ids.length) + ")";
        Map<String, List<Identity>> identities = new LinkedHashMap<>();
        jdbc.query("select profile_id, kind, identity_value from profile_identity where workspace_id = :workspace "
                + "and " + in + " order by id", row -> identities.computeIfAbsent(row.getString(1),
                        id -> new ArrayList<>()).add(new Identity(IdentityKind.valueOf(row.getString(2)),
                        row.getString(3))), ids);
        Map<String, Map<String, String>> names = new LinkedHashMap<>();
        jdbc.query("select profile_id, name, attribute_value from profile_attribute where workspace_id = :workspace "
                + "and " + NAMES + " and " + in, row -> names.computeIfAbsent(row.getString(1),
                        id -> new LinkedHashMap<>()).put(row.getString(2), row.getString(3)), ids);
        return rows.stream().map(row -> {
            Map<String, String> name = names.getOrDefault(row.id(), Map.of());
            return new Person(row.id(), row.status(), row.createdAt(), row.updatedAt(), name.get("firstName"),
                    name.get("lastName"), identities.getOrDefault(row.id(), List.of()));
        }).toList();
    }

    private static Person person(ResultSet row) throws SQLException {
        return new Person(row.getString(1), ProfileStatus.valueOf(row.getString(2)), Jdbc.instant(row.getTimestamp(3)),
                Jdbc.instant(row.getTimestamp(4)), null, null, List.of());
    }
}
