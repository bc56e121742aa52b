package dev.liaison.platform.account;

import static dev.liaison.platform.testing.TwoWorkspaces.ONE;
import static dev.liaison.platform.testing.TwoWorkspaces.TWO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.liaison.platform.account.ApiKeyStore.ApiKey;
import dev.liaison.platform.testing.TwoWorkspaces;
import dev.liaison.platform.workspace.WorkspaceContext;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The account stores against two workspaces: each call sees and changes its own workspace's rows only. */
class WorkspaceIsolationTest {

    private final TwoWorkspaces workspaces = new TwoWorkspaces();
    private final ApiKeyStore keys = new ApiKeyStore(workspaces.database());
    private final UserAccountStore accounts = new UserAccountStore(workspaces.database());
    private final Instant now = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void aKeyIsListedFoundAndRevokedInItsOwnWorkspaceOnly() {
        WorkspaceContext.run(ONE, () -> keys.create(key("lk_one", "admin"), "aa", "bb"));
        WorkspaceContext.run(TWO, () -> {
            keys.create(key("lk_two", "admin"), "cc", "dd");
            keys.create(key("lk_two_child", "lk_one"), "ee", "ff");
        });

        assertThat(workspaces.rowsPerWorkspace("api_key")).containsExactly(entry(ONE, 1L), entry(TWO, 2L));
        assertThat(WorkspaceContext.call(ONE, keys::list)).extracting(ApiKey::id).containsExactly("lk_one");
        assertThat(WorkspaceContext.call(ONE, () -> keys.find("lk_two"))).isEmpty();
        assertThat(WorkspaceContext.call(ONE, () -> keys.revoke("lk_two", now))).isFalse();

        assertThat(WorkspaceContext.call(ONE, () -> keys.revoke("lk_one", now))).isTrue();

        assertThat(WorkspaceContext.call(ONE, keys::list)).singleElement().extracting(ApiKey::revokedAt)
                .isEqualTo(now);
        assertThat(WorkspaceContext.call(TWO, keys::list))
                .extracting(ApiKey::id, ApiKey::revokedAt, ApiKey::roles)
                .containsExactly(tuple("lk_two", null, Set.of("support-agent")),
                        tuple("lk_two_child", null, Set.of("support-agent")));
    }

    @Test
    void aKeyCannotBeReadOrWrittenWithoutAWorkspace() {
        assertThatThrownBy(keys::list).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> WorkspaceContext.call(WorkspaceContext.ALL, keys::list))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> keys.create(key("lk_nowhere", "admin"), "aa", "bb"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(workspaces.rowsPerWorkspace("api_key")).isEmpty();
    }

    @Test
    void aUserIsCreatedInTheWorkspaceItNamesWhateverTheThreadIsBoundTo() {
        WorkspaceContext.run(TWO, () -> accounts.createIfAbsent("ann", "$2a$10$one", ONE, Set.of("crm-admin"), now));
        accounts.createIfAbsent("bob", "$2a$10$two", TWO, Set.of("support-agent"), now);

        boolean again = accounts.createIfAbsent("ann", "$2a$10$other", TWO, Set.of("crm-admin"), now);

        assertThat(again).isFalse();
        assertThat(workspaces.rowsPerWorkspace("app_user")).containsExactly(entry(ONE, 1L), entry(TWO, 1L));
        assertThat(accounts.workspaceOf("ann")).isEqualTo(ONE);
        assertThat(accounts.workspaceOf("bob")).isEqualTo(TWO);
    }

    private ApiKey key(String id, String createdBy) {
        return new ApiKey(id, "integration " + id, Set.of("support-agent"), createdBy, now, null, null);
    }
}
