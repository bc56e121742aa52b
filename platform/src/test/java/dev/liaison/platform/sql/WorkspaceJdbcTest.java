package dev.liaison.platform.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.liaison.platform.testing.TestDatabase;
import dev.liaison.platform.workspace.WorkspaceContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkspaceJdbcTest {

    @Test
    void bindsTheCurrentWorkspaceWhereTheStatementNamesIt() {
        WorkspaceJdbc.Bound bound = WorkspaceContext.call("acme", () -> WorkspaceJdbc.bind(
                "update t set a = ? where workspace_id = :workspace and b = ? and c in (select c from u "
                        + "where workspace_id = :workspace)", 1, 2));
        assertEquals("update t set a = ? where workspace_id = ? and b = ? and c in (select c from u "
                + "where workspace_id = ?)", bound.sql());
        assertArrayEquals(new Object[] {1, "acme", 2, "acme"}, bound.parameters());
    }

    @Test
    void leavesLiteralsAndLongerNamesAlone() {
        WorkspaceJdbc.Bound bound = WorkspaceContext.call("acme", () -> WorkspaceJdbc.bind(
                "select ':workspace ?' from t where workspace_id = :workspace and x = :workspaces", new Object[0]));
        assertEquals("select ':workspace ?' from t where workspace_id = ? and x = :workspaces", bound.sql());
        assertArrayEquals(new Object[] {"acme"}, bound.parameters());
    }

    @Test
    void refusesAStatementThatForgetsTheWorkspace() {
        assertThrows(IllegalArgumentException.class, () -> WorkspaceContext.call("acme",
                () -> WorkspaceJdbc.bind("select * from t where id = ?", 1)));
    }

    @Test
    void refusesAThreadWithNoWorkspaceOrAllOfThem() {
        assertThrows(IllegalStateException.class, () -> WorkspaceJdbc.bind("select 1 where :workspace = 'x'"));
        assertThrows(IllegalStateException.class, () -> WorkspaceContext.call(WorkspaceContext.ALL,
                () -> WorkspaceJdbc.bind("select 1 where :workspace = 'x'")));
    }

    @Test
    void refusesParametersThatDoNotMatchTheirPlaceholders() {
        assertThrows(IllegalArgumentException.class, () -> WorkspaceContext.call("acme",
                () -> WorkspaceJdbc.bind("select 1 where :workspace = ?")));
        assertThrows(IllegalArgumentException.class, () -> WorkspaceContext.call("acme",
                () -> WorkspaceJdbc.bind("select 1 where :workspace = 'x'", 1)));
    }

    @Test
    void readsAndWritesOnlyTheCurrentWorkspacesRows() throws Exception {
        TestDatabase database = TestDatabase.migrated();
        WorkspaceJdbc jdbc = new WorkspaceJdbc(database);
        String insert = "insert into audit_event (workspace_id, occurred_at, actor, action, target, outcome) "
                + "values (:workspace, current_timestamp, ?, ?, ?, ?)";
        database.inTransaction(() -> {
            WorkspaceContext.run("one", () -> jdbc.batch(insert, List.of(
                    new Object[] {"a", "x.done", "t1", "ok"}, new Object[] {"a", "x.done", "t2", "ok"})));
            WorkspaceContext.run("two", () -> jdbc.update(insert, "b", "x.done", "t3", "ok"));
        });
        String count = "select count(*) from audit_event where workspace_id = :workspace";
        database.inTransaction(() -> {
            assertEquals(2L, WorkspaceContext.call("one", () -> jdbc.query(count, row -> row.getLong(1)).get(0)));
            assertEquals(1L, WorkspaceContext.call("two", () -> jdbc.first(count, row -> row.getLong(1)).get()));
        });
    }
}
