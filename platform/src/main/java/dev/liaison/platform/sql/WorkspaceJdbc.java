package dev.liaison.platform.sql;

import dev.liaison.platform.workspace.WorkspaceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The one place that binds the caller's workspace into plain SQL. A statement names the workspace as
 * {@value #WORKSPACE} wherever it needs it ({@code where workspace_id = :workspace}, {@code values (:workspace, ?)});
 * this replaces each with a parameter bound to {@link WorkspaceContext#current()} and binds the other {@code ?}
 * parameters around it in order. A statement without {@value #WORKSPACE} is refused, so a store cannot forget the
 * workspace, and so is a thread bound to no workspace or to all of them: such reads fail instead of leaking or
 * returning nothing. Failures leave without the database's message ({@link Jdbc#failure}).
 */
public final class WorkspaceJdbc {

    /** The token a statement writes where the current workspace belongs. */
    public static final String WORKSPACE = ":workspace";

    private final Jdbc jdbc;

    public WorkspaceJdbc(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    public int update(String sql, Object... parameters) {
        Bound bound = bind(sql, parameters);
        return jdbc.update(bound.sql(), bound.parameters());
    }

    /** Runs an insert into a table with an identity column {@code id} and returns the new row's id. */
    public long insert(String sql, Object... parameters) {
        Bound bound = bind(sql, parameters);
        return jdbc.insert(bound.sql(), bound.parameters());
    }

    public <T> List<T> query(String sql, Jdbc.Row<T> reader, Object... parameters) {
        Bound bound = bind(sql, parameters);
        return jdbc.query(bound.sql(), reader, bound.parameters());
    }

    /** The first row, if any. */
    public <T> Optional<T> first(String sql, Jdbc.Row<T> reader, Object... parameters) {
        return query(sql, reader, parameters).stream().findFirst();
    }

    /** Runs {@code sql} once per parameter row in one JDBC batch; returns the rows each run changed. */
    public int[] batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        Bound first = bind(sql, rows.get(0));
        return jdbc.batch(first.sql(), rows.stream().map(row -> bind(sql, row).parameters()).toList());
    }

    /**
     * A statement on {@code connection} with the workspace and {@code parameters} bound, for the few readers that
     * stream a result set themselves. The caller closes it.
     */
    public static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        Bound bound = bind(sql, parameters);
        PreparedStatement statement = connection.prepareStatement(bound.sql());
        try {
            Jdbc.bind(statement, bound.parameters());
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** {@code sql} with every {@value #WORKSPACE} turned into {@code ?}, and the parameters in their new order. */
    static Bound bind(String sql, Object... parameters) {
        String workspace = currentWorkspace();
        StringBuilder plain = new StringBuilder(sql.length());
        List<Object> ordered = new ArrayList<>(parameters.length + 2);
        int given = 0;
        int workspaces = 0;
        boolean inLiteral = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                inLiteral = !inLiteral;
            } else if (!inLiteral && c == '?') {
                if (given == parameters.length) {
                    throw new IllegalArgumentException("more ? than parameters in: " + sql);
                }
                ordered.add(parameters[given++]);
            } else if (!inLiteral && sql.startsWith(WORKSPACE, i) && !continuesName(sql, i + WORKSPACE.length())) {
                plain.append('?');
                ordered.add(workspace);
                workspaces++;
                i += WORKSPACE.length() - 1;
                continue;
            }
            plain.append(c);
        }
        if (given != parameters.length) {
            throw new IllegalArgumentException(parameters.length + " parameters for " + given + " ? in: " + sql);
        }
        if (workspaces == 0) {
            throw new IllegalArgumentException("a workspace statement must name " + WORKSPACE + ": " + sql);
        }
        return new Bound(plain.toString(), ordered.toArray());
    }

    private static boolean continuesName(String sql, int index) {
        return index < sql.length() && (Character.isLetterOrDigit(sql.charAt(index)) || sql.charAt(index) == '_');
    }

    private static String currentWorkspace() {
        String workspace = WorkspaceContext.current();
        if (workspace.isEmpty() || WorkspaceContext.ALL.equals(workspace)) {
            throw new IllegalStateException("a workspace statement needs one workspace; this thread is bound to "
                    + (workspace.isEmpty() ? "none" : "all of them"));
        }
        return workspace;
    }

    record Bound(String sql, Object[] parameters) {
    }
}
