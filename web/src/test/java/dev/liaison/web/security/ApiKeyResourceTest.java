package dev.liaison.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.liaison.platform.account.ApiKeyStore;
import dev.liaison.platform.account.ApiKeyStore.ApiKey;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Creating and revoking keys, with the store replaced by a fake that records what it is given. */
class ApiKeyResourceTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final List<ApiKey> created = new ArrayList<>();
    private final ApiKeyResource resource = new ApiKeyResource(new RecordingKeys(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aKeyIsCreatedWithItsSecretInTheAnswerOnly() {
        ApiKeyResource.CreatedKey answer = resource.issue(new ApiKeyRequest(" Shop sync ", List.of("support-agent"),
                "2027-01-01T00:00:00Z"), caller(Roles.CRM_ADMIN, Roles.SUPPORT_AGENT));

        assertThat(answer.name()).isEqualTo("Shop sync");
        assertThat(answer.roles()).containsExactly("support-agent");
        assertThat(answer.expiresAt()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(answer.secret()).hasSize(43);
        assertThat(answer.toString()).doesNotContain(answer.secret());
        assertThat(created).singleElement().satisfies(key -> {
            assertThat(key.id()).isEqualTo(answer.id());
            assertThat(key.createdBy()).isEqualTo("alice");
            assertThat(key.createdAt()).isEqualTo(NOW);
        });
    }

    @Test
    void aKeyCannotCarryARoleItsCreatorLacks() {
        assertThat(refusal(new ApiKeyRequest("k", List.of("compliance-officer"), null), Roles.CRM_ADMIN))
                .isEqualTo("roles");
        assertThat(created).isEmpty();
    }

    @Test
    void eachInvalidFieldIsNamed() {
        assertThat(refusal(new ApiKeyRequest("k", List.of("root"), null), Roles.CRM_ADMIN)).isEqualTo("roles");
        assertThat(refusal(new ApiKeyRequest("k", List.of(), null), Roles.CRM_ADMIN)).isEqualTo("roles");
        assertThat(refusal(new ApiKeyRequest("k", null, null), Roles.CRM_ADMIN)).isEqualTo("roles");
        assertThat(refusal(new ApiKeyRequest(" ", List.of("crm-admin"), null), Roles.CRM_ADMIN)).isEqualTo("name");
        assertThat(refusal(new ApiKeyRequest("k", List.of("crm-admin"), "2026-11-23T10:00:00Z"), Roles.CRM_ADMIN))
                .isEqualTo("expiresAt");
        assertThat(refusal(new ApiKeyRequest("k", List.of("crm-admin"), "tomorrow"), Roles.CRM_ADMIN))
                .isEqualTo("expiresAt");
        assertThat(created).isEmpty();
    }

    @Test
    void aKeyMadeByAKeyNeverOutlivesIt() {
        Instant parentExpiry = Instant.parse("2026-11-23T11:00:00Z");
        created.add(new ApiKey("lk_parent", "parent", Set.of(Roles.CRM_ADMIN), "alice", NOW, parentExpiry, null));
        SecurityContext parent = callerNamed("lk_parent", Roles.CRM_ADMIN);

        ProblemException later = catchThrowableOfType(() -> resource.issue(new ApiKeyRequest("child",
                List.of(Roles.CRM_ADMIN), "2030-01-01T00:00:00Z"), parent), ProblemException.class);
        ApiKeyResource.CreatedKey unnamedExpiry = resource.issue(new ApiKeyRequest("child", List.of(Roles.CRM_ADMIN),
                null), parent);
        ApiKeyResource.CreatedKey earlier = resource.issue(new ApiKeyRequest("child", List.of(Roles.CRM_ADMIN),
                "2026-11-23T10:30:00Z"), parent);

        assertThat(later.toProblem(null).field()).isEqualTo("expiresAt");
        assertThat(unnamedExpiry.expiresAt()).isEqualTo(parentExpiry);
        assertThat(earlier.expiresAt()).isEqualTo(Instant.parse("2026-11-23T10:30:00Z"));
        assertThat(created).extracting(ApiKey::createdBy).containsExactly("alice", "lk_parent", "lk_parent");
    }

    @Test
    void anUnknownKeyIsNotFound() {
        ProblemException refused = catchThrowableOfType(() -> resource.revoke("lk_unknown"), ProblemException.class);

        assertThat(refused.status().getStatusCode()).isEqualTo(404);
    }

    private String refusal(ApiKeyRequest request, String... roles) {
        ProblemException refused = catchThrowableOfType(() -> resource.issue(request, caller(roles)),
                ProblemException.class);
        assertThat(refused.status().getStatusCode()).isEqualTo(400);
        Problem problem = refused.toProblem(null);
        return problem.field();
    }

    private static SecurityContext caller(String... roles) {
        return callerNamed("alice", roles);
    }

    private static SecurityContext callerNamed(String name, String... roles) {
        Set<String> held = Set.of(roles);
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return () -> name;
            }

            @Override
            public boolean isUserInRole(String role) {
                return held.contains(role);
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return BASIC_AUTH;
            }
        };
    }

    private final class RecordingKeys extends ApiKeyStore {

        RecordingKeys() {
            super(null);
        }

        @Override
        public void create(ApiKey key, String secretDigest, String secretSalt) {
            created.add(key);
        }

        @Override
        public List<ApiKey> list() {
            return List.copyOf(created);
        }

        @Override
        public boolean revoke(String id, Instant at) {
            return false;
        }
    }
}
