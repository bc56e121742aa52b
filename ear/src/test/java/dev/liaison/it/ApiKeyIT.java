package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * API keys in the provisioned server: Elytron's jdbc-realm verifies them (no code of Liaison's does), a key acts
 * with its roles in its creator's workspace, and a wrong, revoked or expired one is refused. Each key is sent at
 * most one wrong secret, so that the sign-in throttle never slows this test's own address.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiKeyIT {

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    private LiaisonClient admin;

    @BeforeEach
    void connect() throws Exception {
        admin = new LiaisonClient(
                new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/").toURI());
    }

    @Test
    void aSupportAgentKeyReadsProfilesUntilItIsRevoked() {
        String profileId = admin.personWithNewsletterConsent("api-key-it-secret");
        String email = admin.get("api/profiles/" + profileId).json().getJsonArray("identities").stream()
                .map(JsonValue::asJsonObject).filter(identity -> identity.getString("kind").equals("EMAIL"))
                .map(identity -> identity.getString("value")).findFirst().orElseThrow();

        LiaisonClient.Reply created = admin.postJson("api/admin/api-keys",
                "{\"name\":\"Shop sync\",\"roles\":[\"support-agent\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonObject answer = created.json();
        String id = answer.getString("id");
        String secret = answer.getString("secret");
        assertThat(answer.getString("name")).isEqualTo("Shop sync");
        assertThat(answer.getJsonArray("roles").getString(0)).isEqualTo("support-agent");
        assertThat(answer.getString("createdAt")).isNotBlank();
        LiaisonClient key = admin.withAuthorization(LiaisonClient.basic(id, secret));

        LiaisonClient.Reply found = key.get("api/profiles?email=" + email);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.jsonArray()).singleElement()
                .satisfies(profile -> assertThat(profile.asJsonObject().getString("id")).isEqualTo(profileId));
        assertThat(key.get("api/admin/connections").status()).isEqualTo(403);
        assertThat(admin.withAuthorization(LiaisonClient.basic(id, secret + "x")).get("api/profiles?email=" + email)
                .status()).isEqualTo(401);

        LiaisonClient.Reply listed = admin.get("api/admin/api-keys");
        assertThat(listed.body()).contains(id).doesNotContain(secret).doesNotContain("secret").doesNotContain("digest");

        assertThat(admin.send("DELETE", "api/admin/api-keys/" + id, null, null).status()).isEqualTo(204);
        assertThat(key.get("api/profiles?email=" + email).status()).isEqualTo(401);
        assertThat(admin.get("api/admin/api-keys").jsonArray().getValuesAs(JsonObject.class))
                .filteredOn(listedKey -> listedKey.getString("id").equals(id)).singleElement()
                .satisfies(revoked -> assertThat(revoked.getString("revokedAt")).isNotBlank());
        assertThat(admin.get("api/audit?limit=100").jsonArray().getValuesAs(JsonObject.class))
                .extracting(event -> event.getString("action"))
                .contains("api-key.create", "api-key.revoke");
    }

    @Test
    void aKeyStopsWorkingWhenItExpires() {
        Instant expiresAt = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        JsonObject answer = created("{\"name\":\"short-lived\",\"roles\":[\"support-agent\"],\"expiresAt\":\""
                + expiresAt + "\"}");
        assertThat(Instant.parse(answer.getString("expiresAt"))).isEqualTo(expiresAt);
        LiaisonClient key = admin.withAuthorization(LiaisonClient.basic(answer.getString("id"),
                answer.getString("secret")));

        assertThat(key.get("api/profiles?email=nobody@example.com").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiresAt.plusMillis(500)));
        assertThat(key.get("api/profiles?email=nobody@example.com").status()).isEqualTo(401);
    }

    @Test
    void aKeyThatWouldExpireInThePastIsNotCreated() {
        LiaisonClient.Reply refused = admin.postJson("api/admin/api-keys",
                "{\"name\":\"stale\",\"roles\":[\"support-agent\"],\"expiresAt\":\"2020-01-01T00:00:00Z\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().getString("field")).isEqualTo("expiresAt");
    }

    /** A key with crm-admin alone is a caller without the other roles: it may not hand them out. */
    @Test
    void aKeyCarriesOnlyRolesItsCreatorHolds() {
        JsonObject adminOnly = created("{\"name\":\"admin only\",\"roles\":[\"crm-admin\"]}");
        LiaisonClient crmAdmin = admin.withAuthorization(LiaisonClient.basic(adminOnly.getString("id"),
                adminOnly.getString("secret")));

        LiaisonClient.Reply escalation = crmAdmin.postJson("api/admin/api-keys",
                "{\"name\":\"more\",\"roles\":[\"support-agent\"]}");
        LiaisonClient.Reply unknown = admin.postJson("api/admin/api-keys", "{\"name\":\"x\",\"roles\":[\"root\"]}");
        LiaisonClient.Reply same = crmAdmin.postJson("api/admin/api-keys",
                "{\"name\":\"same\",\"roles\":[\"crm-admin\"]}");

        assertThat(escalation.status()).isEqualTo(400);
        assertThat(escalation.json().getString("field")).isEqualTo("roles");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().getString("field")).isEqualTo("roles");
        assertThat(same.status()).as(same.body()).isEqualTo(201);
    }

    @Test
    void invalidRequestsNameTheirFieldAndUnknownKeysAreNotFound() {
        for (String body : List.of("{\"name\":\" \",\"roles\":[\"support-agent\"]}", "{\"name\":\"x\",\"roles\":[]}")) {
            LiaisonClient.Reply refused = admin.postJson("api/admin/api-keys", body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.json().getString("field")).isEqualTo(body.contains("[]") ? "roles" : "name");
        }
        assertThat(admin.send("DELETE", "api/admin/api-keys/lk_unknown", null, null).status()).isEqualTo(404);
    }

    private JsonObject created(String body) {
        LiaisonClient.Reply created = admin.postJson("api/admin/api-keys", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }
}
