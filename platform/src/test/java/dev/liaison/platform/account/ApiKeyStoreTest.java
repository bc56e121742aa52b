package dev.liaison.platform.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.liaison.platform.account.ApiKeyStore.ApiKey;
import dev.liaison.platform.testing.TestDatabase;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.platform.workspace.WorkspaceDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyStoreTest {

    private final TestDatabase database = TestDatabase.migrated();
    private final ApiKeyStore keys = new ApiKeyStore(database);
    private final Instant now = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void aWorkspaceListsItsOwnKeysWithTheirRolesAndNoSecret() {
        new WorkspaceDirectory(database).register("acme", now);
        WorkspaceContext.run("default", () -> {
            keys.create(key("lk_first", Set.of("support-agent", "crm-admin"), null), "aa", "bb");
            keys.create(key("lk_second", Set.of("support-agent"), now.plusSeconds(3600)), "cc", "dd");
        });
        WorkspaceContext.run("acme", () -> keys.create(key("lk_theirs", Set.of("crm-admin"), null), "ee", "ff"));

        List<ApiKey> listed = WorkspaceContext.call("default", keys::list);

        assertThat(listed).extracting(ApiKey::id).containsExactly("lk_first", "lk_second");
        assertThat(listed.get(0).roles()).containsExactly("crm-admin", "support-agent");
        assertThat(listed.get(1).expiresAt()).isEqualTo(now.plusSeconds(3600));
        assertThat(listed.get(0).createdBy()).isEqualTo("admin");
        assertThat(listed).allSatisfy(key -> assertThat(key.revokedAt()).isNull());
    }

    @Test
    void revokingKeepsTheKeyAndItsFirstRevocationTime() {
        WorkspaceContext.run("default", () -> keys.create(key("lk_revoked", Set.of("support-agent"), null), "aa",
                "bb"));

        boolean revoked = WorkspaceContext.call("default", () -> keys.revoke("lk_revoked", now.plusSeconds(60)));
        boolean again = WorkspaceContext.call("default", () -> keys.revoke("lk_revoked", now.plusSeconds(120)));

        assertThat(revoked).isTrue();
        assertThat(again).isTrue();
        assertThat(WorkspaceContext.call("default", keys::list)).singleElement()
                .extracting(ApiKey::revokedAt).isEqualTo(now.plusSeconds(60));
    }

    @Test
    void revokingAKeyRevokesEveryKeyItCreatedAndTheirs() {
        WorkspaceContext.run("default", () -> {
            keys.create(key("lk_parent", Set.of("crm-admin"), null), "aa", "bb");
            keys.create(new ApiKey("lk_child", "child", Set.of("crm-admin"), "lk_parent", now, null, null), "aa", "bb");
            keys.create(new ApiKey("lk_grandchild", "grandchild", Set.of("support-agent"), "lk_child", now, null,
                    null), "aa", "bb");
            keys.create(key("lk_sibling", Set.of("crm-admin"), null), "aa", "bb");
        });

        WorkspaceContext.run("default", () -> keys.revoke("lk_parent", now.plusSeconds(5)));

        assertThat(WorkspaceContext.call("default", keys::list))
                .extracting(ApiKey::id, ApiKey::revokedAt)
                .containsExactlyInAnyOrder(tuple("lk_parent", now.plusSeconds(5)),
                        tuple("lk_child", now.plusSeconds(5)), tuple("lk_grandchild", now.plusSeconds(5)),
                        tuple("lk_sibling", null));
    }

    @Test
    void anotherWorkspacesKeyCannotBeRevoked() {
        new WorkspaceDirectory(database).register("acme", now);
        WorkspaceContext.run("acme", () -> keys.create(key("lk_theirs", Set.of("crm-admin"), null), "aa", "bb"));

        assertThat(WorkspaceContext.call("default", () -> keys.revoke("lk_theirs", now))).isFalse();
        assertThat(WorkspaceContext.call("default", () -> keys.revoke("lk_unknown", now))).isFalse();
        assertThat(WorkspaceContext.call("acme", keys::list)).singleElement()
                .extracting(ApiKey::revokedAt).isNull();
    }

    @Test
    void aKeySignsInToItsOwnWorkspaceLikeAUser() {
        new WorkspaceDirectory(database).register("acme", now);
        UserAccountStore accounts = new UserAccountStore(database);
        accounts.createIfAbsent("admin", "$2a$10$hash", "default", Set.of("crm-admin"), now);
        WorkspaceContext.run("acme", () -> keys.create(key("lk_acme", Set.of("support-agent"), null), "aa", "bb"));

        assertThat(accounts.workspaceOf("lk_acme")).isEqualTo("acme");
        assertThat(accounts.workspaceOf("admin")).isEqualTo("default");
    }

    private ApiKey key(String id, Set<String> roles, Instant expiresAt) {
        return new ApiKey(id, "integration " + id, roles, "admin", now, expiresAt, null);
    }
}
