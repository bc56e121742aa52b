package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.connectors.email.UnsubscribeTokens;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * RFC 8058 in the server: the link of a marketing mail's {@code List-Unsubscribe} header, POSTed with
 * {@code List-Unsubscribe=One-Click} and no sign-in, withdraws the consent the mail relied on, once; a GET does not;
 * a forged or altered token finds nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OneClickUnsubscribeIT {

    private static final String UNSUBSCRIBE_SECRET = "unsubscribe-secret-for-this-it-only-0123456789";

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    @Test
    void oneClickWithdrawsTheConsentOnceAndNothingElseDoes() throws Exception {
        LiaisonClient admin = new LiaisonClient(new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(),
                deploymentUrl.getPort(), "/").toURI());
        LiaisonClient.Reply mail = admin.postJson("api/admin/connections", "{\"kind\":\"email\",\"name\":\""
                + LiaisonClient.uniqueName("news") + "\",\"settings\":{\"from\":\"Shop <news@shop.example>\",\"unsubscribeBaseUrl\":"
                + "\"https://liaison.example/unsubscribe/\",\"unsubscribeSecret\":\"" + UNSUBSCRIBE_SECRET + "\"}}");
        assertThat(mail.status()).as(mail.body()).isEqualTo(201);
        String mailConnection = mail.json().getString("id");
        String profileId = admin.personWithNewsletterConsent("unsubscribe-it-webhook-secret");
        String token = new UnsubscribeTokens(List.of(UNSUBSCRIBE_SECRET)).issue(new UnsubscribeTokens.Unsubscribe(
                mailConnection, profileId, "marketing_email", "email", "msg-" + UUID.randomUUID(), Instant.now()));
        LiaisonClient anonymous = admin.withAuthorization(null);

        LiaisonClient.Reply form = anonymous.get("unsubscribe/" + token);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("List-Unsubscribe").contains("One-Click");
        assertThat(withdrawals(admin, profileId)).as("a GET unsubscribes nobody").isZero();

        String altered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        assertThat(oneClick(anonymous, altered).status()).isEqualTo(404);
        assertThat(anonymous.send("POST", "unsubscribe/" + token, "application/x-www-form-urlencoded",
                "List-Unsubscribe=Maybe").status()).isEqualTo(400);

        assertThat(oneClick(anonymous, token).status()).isEqualTo(200);
        assertThat(oneClick(anonymous, token).status()).isEqualTo(200);

        List<JsonObject> ledger = admin.get("api/profiles/" + profileId + "/consents").jsonArray()
                .getValuesAs(JsonObject.class);
        assertThat(ledger).filteredOn(entry -> "WITHDRAWN".equals(entry.getString("decision"))).singleElement()
                .satisfies(withdrawal -> {
                    assertThat(withdrawal.getString("purpose")).isEqualTo("marketing_email");
                    assertThat(withdrawal.toString()).contains("RFC 8058").contains(mailConnection);
                });
    }

    private static LiaisonClient.Reply oneClick(LiaisonClient client, String token) {
        return client.send("POST", "unsubscribe/" + token, "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click");
    }

    private static long withdrawals(LiaisonClient admin, String profileId) {
        return admin.get("api/profiles/" + profileId + "/consents").jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(entry -> "WITHDRAWN".equals(entry.getString("decision"))).count();
    }
}
