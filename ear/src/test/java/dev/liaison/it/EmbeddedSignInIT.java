package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.File;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The embedded sign-in, with no Keycloak anywhere: anonymous callers get 401 on every endpoint of the README's role
 * matrix, the bootstrap admin (all three roles) is let in wherever a role is, and its actions land in the audit trail.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EmbeddedSignInIT {

    private static final List<String> ROLES = List.of("crm-admin", "support-agent", "compliance-officer");

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    private LiaisonClient admin;
    private final RoleMatrix matrix = RoleMatrix.fromReadme();

    @BeforeEach
    void connect() throws Exception {
        admin = new LiaisonClient(
                new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/").toURI());
    }

    @Test
    void everyApiEndpointIsInTheRoleMatrix() {
        assertThat(matrix.shapes()).containsExactlyInAnyOrderElementsOf(ApiFixture.openApiShapes(admin));
    }

    @Test
    void withoutCredentialsEveryEndpointAnswers401() {
        ApiFixture fixture = ApiFixture.create(admin);
        LiaisonClient anonymous = admin.withAuthorization(null);

        for (RoleMatrix.Row row : matrix.rows()) {
            LiaisonClient.Reply reply = ApiFixture.send(anonymous, fixture.call(row));
            assertThat(reply.status()).as(row.shape() + " anonymous").isEqualTo(401);
        }
    }

    /** Once only: repeated failures would slow this test's own address (the sign-in throttle, SecurityIT). */
    @Test
    void aWrongPasswordIsRefused() {
        LiaisonClient.Reply refused = admin.withAuthorization(LiaisonClient.basic("admin", "not-the-password"))
                .get("api/admin/connections");

        assertThat(refused.status()).isEqualTo(401);
        assertThat(admin.get("api/admin/connections").status()).isEqualTo(200);
    }

    @Test
    void theBootstrapAdminHoldsEveryRole() {
        ApiFixture fixture = ApiFixture.create(admin);

        for (RoleMatrix.Row row : matrix.rows()) {
            LiaisonClient.Reply reply = ApiFixture.send(admin, fixture.call(row));
            if (row.allowedForAnyRole(ROLES)) {
                assertThat(reply.status()).as(row.shape() + " " + reply.body()).isNotIn(401, 403).isLessThan(500);
            } else {
                assertThat(reply.status()).as(row.shape()).isEqualTo(403);
            }
        }
    }

    @Test
    void adminActionsAreAuditedWithTheActorAndOutcome() {
        LiaisonClient.Reply created = admin.postJson("api/admin/connections",
                "{\"kind\":\"webhook\",\"name\":\"" + LiaisonClient.uniqueName("audited")
                        + "\",\"settings\":{\"signingSecret\":\"audited-signing-secret\"}}");
        LiaisonClient.Reply refused = admin.postJson("api/admin/connections", "{\"kind\":\"no-such-kind\"}");

        List<JsonObject> trail = admin.get("api/audit?limit=1000").jsonArray().getValuesAs(JsonObject.class);

        assertThat(created.status()).isEqualTo(201);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(trail).anySatisfy(event -> {
            assertThat(event.getString("action")).isEqualTo("connection.create");
            assertThat(event.getString("actor")).isEqualTo("admin");
            assertThat(event.getString("outcome")).isEqualTo("SUCCEEDED");
        });
        assertThat(trail).anySatisfy(event -> {
            assertThat(event.getString("action")).isEqualTo("connection.create");
            assertThat(event.getString("outcome")).isEqualTo("REFUSED");
            assertThat(event.getInt("status")).isEqualTo(400);
        });
        assertThat(admin.postJson("api/admin/secrets/rotate", "").status()).isEqualTo(200);
        assertThat(admin.get("api/audit?limit=100").jsonArray().getValuesAs(JsonObject.class))
                .anySatisfy(event -> {
                    assertThat(event.getString("action")).isEqualTo("secrets.rotate");
                    assertThat(event.getString("actor")).isEqualTo("admin");
                });
    }
}
