package dev.liaison.platform.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.platform.sql.Jdbc;
import dev.liaison.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntrySavepointTest {

    private final TestDatabase database = TestDatabase.migrated();
    private final Jdbc jdbc = new Jdbc(database);
    private final String prefix = "sp-" + System.nanoTime() + "-";

    @Test
    void aFailedEntryIsUndoneAloneAndTheTransactionGoesOnAfterAFailedStatement() throws Exception {
        database.inTransaction(() -> {
            try (Connection transaction = database.getConnection()) {
                EntrySavepoint savepoint = new EntrySavepoint(transaction);
                savepoint.set();
                insertWorkspace("kept-1");
                savepoint.release();

                savepoint.set();
                insertWorkspace("undone");
                assertThatThrownBy(() -> insertWorkspace("undone")).as("a duplicate key")
                        .isInstanceOf(IllegalStateException.class);
                savepoint.rollback();

                savepoint.set();
                insertWorkspace("kept-2");
                savepoint.release();
            }
        });

        assertThat(jdbc.query("select id from workspace where id like ? order by id", row -> row.getString(1),
                prefix + "%")).isEqualTo(List.of(prefix + "kept-1", prefix + "kept-2"));
    }

    private void insertWorkspace(String id) throws SQLException {
        jdbc.update("insert into workspace (id, name, created_at) values (?, 'n', current_timestamp)", prefix + id);
    }
}
