package dev.liaison.profile.person;

import static dev.liaison.platform.testing.TwoWorkspaces.ONE;
import static dev.liaison.platform.testing.TwoWorkspaces.TWO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.platform.testing.TwoWorkspaces;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityRecordsTest {

    private final TwoWorkspaces workspaces = new TwoWorkspaces();
    private final IdentityRecords records = new IdentityRecords(workspaces.database());
    private final String portal = workspaces.connection(ONE);
    private final ConnectionContext connection = new ConnectionContext(portal, ONE, "bitrix24", Map.of());

    @Test
    void theConnectionsExternalIdsComePagedInOrderAndNothingElse() {
        String anna = workspaces.profile(ONE);
        identity(ONE, anna, "EXTERNAL", "bitrix24|" + portal + "|C_4");
        identity(ONE, anna, "EXTERNAL", "bitrix24|" + portal + "|C_2");
        identity(ONE, anna, "EMAIL", "anna@example.com");
        identity(ONE, anna, "EXTERNAL", "bitrix24|" + portal + "|L_7");
        identity(ONE, anna, "EXTERNAL", "bitrix24|another-connection|C_3");
        identity(ONE, anna, "EXTERNAL", "amocrm|" + portal + "|C_5");
        String boris = workspaces.profile(TWO);
        identity(TWO, boris, "EXTERNAL", "bitrix24|" + portal + "|C_6");

        assertThat(records.idsAfter(connection, null, 2)).containsExactly("C_2", "C_4");
        assertThat(records.idsAfter(connection, "C_4", 2)).containsExactly("L_7");
        assertThat(records.idsAfter(connection, "L_7", 2)).isEmpty();
    }

    @Test
    void likesOwnCharactersInTheConnectionIdAreTakenLiterally() {
        assertThat(IdentityRecords.likePrefix("a_b%c\\|")).isEqualTo("a\\_b\\%c\\\\|%");
    }

    private void identity(String workspace, String profile, String kind, String value) {
        workspaces.sql("insert into profile_identity (workspace_id, profile_id, kind, identity_value, source_system, "
                + "created_at) values (?, ?, ?, ?, 'test', current_timestamp)", workspace, profile, kind, value);
    }
}
