package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Liaison secured by a real Keycloak (the server in target/wildfly-keycloak has config/keycloak/enable-oidc.cli
 * applied): every cell of the README's role matrix, for each role, no token, an expired token, a token signed by a
 * key Keycloak never had, and a token of a user in another workspace.
 */
@ExtendWith({KeycloakServer.class, ArquillianExtension.class})
@RunAsClient
class KeycloakRoleMatrixIT {

    private static final String CLIENT = "liaison-cli";
    private static final String SHORT_LIVED_CLIENT = "liaison-cli-short";

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    private LiaisonClient anonymous;

    @BeforeAll
    static void users() {
        KeycloakServer.createUser("carol", List.of("crm-admin"), List.of("default"));
        KeycloakServer.createUser("sam", List.of("support-agent"), List.of("default"));
        KeycloakServer.createUser("olga", List.of("compliance-officer"), List.of("default"));
        KeycloakServer.createUser("root", List.of("crm-admin", "support-agent", "compliance-officer"),
                List.of("default"));
        KeycloakServer.createUser("otto", List.of("crm-admin", "support-agent", "compliance-officer"),
                List.of("acme"));
        KeycloakServer.createShortLivedClient(SHORT_LIVED_CLIENT, 1);
    }

    @BeforeEach
    void connect() throws Exception {
        anonymous = new LiaisonClient(new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(),
                deploymentUrl.getPort(), "/").toURI()).withAuthorization(null);
    }

    @Test
    void everyCellOfTheReadmeRoleMatrixHolds() throws Exception {
        RoleMatrix matrix = RoleMatrix.fromReadme();
        ApiFixture fixture = ApiFixture.create(as("root"));
        String expired = KeycloakServer.accessToken(SHORT_LIVED_CLIENT, "root");
        Map<String, String> authorizations = new LinkedHashMap<>();
        authorizations.put("crm-admin", bearer(KeycloakServer.accessToken(CLIENT, "carol")));
        authorizations.put("support-agent", bearer(KeycloakServer.accessToken(CLIENT, "sam")));
        authorizations.put("compliance-officer", bearer(KeycloakServer.accessToken(CLIENT, "olga")));
        authorizations.put("no token", null);
        authorizations.put("expired token", bearer(expired));
        authorizations.put("token signed by another key", bearer(forged(KeycloakServer.accessToken(CLIENT, "root"))));
        authorizations.put("token for another workspace", bearer(KeycloakServer.accessToken(CLIENT, "otto")));
        assertThat(matrix.callers()).containsExactlyElementsOf(authorizations.keySet());
        Thread.sleep(2500);

        for (RoleMatrix.Row row : matrix.rows()) {
            ApiFixture.Call call = fixture.call(row);
            for (Map.Entry<String, String> caller : authorizations.entrySet()) {
                LiaisonClient.Reply reply = ApiFixture.send(anonymous.withAuthorization(caller.getValue()), call);
                RoleMatrix.check(row, caller.getKey(), reply.status(), reply.body());
            }
        }
    }

    @Test
    void anotherWorkspaceSeesNoneOfTheDefaultWorkspacesData() {
        ApiFixture fixture = ApiFixture.create(as("root"));
        LiaisonClient outsider = as("otto");

        String theirConnections = outsider.get("api/admin/connections").body();
        String ourConnections = as("carol").get("api/admin/connections").body();

        assertThat(ourConnections).contains(fixture.connectionId());
        assertThat(theirConnections).doesNotContain(fixture.connectionId());
        assertThat(outsider.get("api/profiles?email=" + fixture.email()).jsonArray()).isEmpty();
        assertThat(as("sam").get("api/profiles?email=" + fixture.email()).jsonArray()).hasSize(1);
    }

    @Test
    void theAuditTrailNamesTheKeycloakSubject() {
        LiaisonClient carol = as("carol");
        assertThat(carol.postJson("api/admin/secrets/rotate", "").status()).isEqualTo(200);

        String subject = claim(KeycloakServer.accessToken(CLIENT, "carol"), "sub");
        assertThat(as("olga").get("api/audit?limit=20").body()).contains("\"actor\":\"" + subject + "\"");
    }

    private LiaisonClient as(String username) {
        return anonymous.withAuthorization(bearer(KeycloakServer.accessToken(CLIENT, username)));
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    /** The same header and claims, signed with a fresh RSA key: only the signature is wrong. */
    private static String forged(String token) throws Exception {
        String[] parts = token.split("\\.");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey key = generator.generateKeyPair().getPrivate();
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    }

    private static String claim(String token, String name) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return jakarta.json.Json.createReader(new java.io.StringReader(payload)).readObject().getString(name);
    }
}
