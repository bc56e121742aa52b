package dev.liaison.platform.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UniqueConnectionNamesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void duplicatesAreRenamedOldestFirstAndTheIndexHoldsAfterwards() throws Exception {
        TestDatabase database = TestDatabase.migratedTo("14");
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("insert into workspace (id, name, created_at) values ('two', 'Two', current_timestamp)");
            insert(connection, "c1", "default", "mail", 1);
            insert(connection, "c2", "default", "MAIL", 2);
            insert(connection, "c3", "default", "Mail (2)", 3);
            insert(connection, "c4", "default", " mail", 4);
            insert(connection, "c5", "two", "mail", 5);
            insert(connection, "c6", "default", "x".repeat(200), 6);
            insert(connection, "c7", "default", "X".repeat(200), 7);
        }

        new DatabaseMigration(database).migrate();

        try (Connection connection = database.getConnection()) {
            Map<String, String> names = names(connection);
            assertThat(names).containsEntry("c1", "mail").containsEntry("c2", "MAIL (3)")
                    .containsEntry("c3", "Mail (2)").containsEntry("c4", "mail (4)").containsEntry("c5", "mail")
                    .containsEntry("c6", "x".repeat(200)).containsEntry("c7", "X".repeat(196) + " (2)");
            assertThatThrownBy(() -> insert(connection, "c8", "default", "MaiL", 8))
                    .isInstanceOf(SQLException.class);
            insert(connection, "c9", "two", "Mail (2)", 9);
        }
    }

    @Test
    void aFreeNameSkipsNamesTakenBeforeAndAfter() {
        assertThat(UniqueConnectionNames.free("desk", Set.of("desk", "desk (2)"), Set.of("desk (3)")))
                .isEqualTo("desk (4)");
    }

    private static void insert(Connection connection, String id, String workspace, String name, int minute)
            throws SQLException {
        boolean keyed = hasNameKey(connection);
        try (PreparedStatement insert = connection.prepareStatement("insert into connection (id, workspace_id, kind, "
                + "name, settings, status, created_at, version" + (keyed ? ", name_key" : "")
                + ") values (?, ?, 'webhook', ?, 'sealed', 'ACTIVE', ?, 0" + (keyed ? ", ?" : "") + ")")) {
            insert.setString(1, id);
            insert.setString(2, workspace);
            insert.setString(3, name);
            insert.setTimestamp(4, Timestamp.from(T0.plusSeconds(60L * minute)));
            if (keyed) {
                insert.setString(5, name.trim().toLowerCase(Locale.ROOT));
            }
            insert.executeUpdate();
        }
    }

    private static boolean hasNameKey(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet columns = statement.executeQuery("select * from connection where 1 = 0")) {
            for (int i = 1; i <= columns.getMetaData().getColumnCount(); i++) {
                if ("name_key".equalsIgnoreCase(columns.getMetaData().getColumnName(i))) {
                    return true;
                }
            }
            return false;
        }
    }

    private static Map<String, String> names(Connection connection) throws SQLException {
        Map<String, String> names = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select id, name from connection order by id")) {
            while (rows.next()) {
                names.put(rows.getString(1), rows.getString(2));
            }
        }
        return names;
    }
}
