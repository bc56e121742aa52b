package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
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
 * The install and callback endpoints of {@code web}, which knows no connector, reach the connector of the kind their
 * path names and answer as before: the amoCRM authorization URL and OAuth callback, the Bitrix24 install handler.
 * Only requests the connectors decide without calling the vendor.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConnectorCallbacksIT {

    private static final String REDIRECT_URI = "https://liaison.example/oauth/amocrm/callback";

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    private LiaisonClient admin;
    private LiaisonClient anonymous;

    @BeforeEach
    void connect() throws Exception {
        admin = new LiaisonClient(new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(),
                "/").toURI());
        anonymous = admin.withAuthorization(null);
    }

    @Test
    void theAmoCrmConnectFlowGoesThroughItsConnectorAndRefusesAnotherAccount() {
        String amo = create("{\"kind\":\"amocrm\",\"name\":\"oauth\",\"settings\":{\"subdomain\":\"example\","
                + "\"accountId\":\"29873610\",\"webhookSecret\":\"callbacks-it-webhook-secret-0123456789\","
                + "\"clientId\":\"xxxx-xxxx\",\"clientSecret\":\"client-secret-0123456789\",\"redirectUri\":\""
                + REDIRECT_URI + "\"}}");

        LiaisonClient.Reply authorize = admin.get("api/admin/connections/" + amo + "/oauth/authorize-url");

        assertThat(authorize.status()).as(authorize.body()).isEqualTo(200);
        URI url = URI.create(authorize.json().getString("url"));
        assertThat(url.getHost()).isEqualTo("www.amocrm.ru");
        assertThat(authorize.json().getJsonNumber("expiresInSeconds").longValue()).isEqualTo(1800);
        String state = URLDecoder.decode(url.getRawQuery().replaceAll(".*state=([^&]*).*", "$1"), StandardCharsets.UTF_8);
        assertThat(state).startsWith(amo + ".");

        LiaisonClient.Reply otherAccount = anonymous.get("oauth/amocrm/callback?code=def502&state="
                + URLEncoder.encode(state, StandardCharsets.UTF_8) + "&referer=other.amocrm.ru");
        assertThat(otherAccount.status()).as(otherAccount.body()).isEqualTo(400);
        assertThat(otherAccount.contentType()).startsWith("application/problem+json");
        assertThat(otherAccount.json().getString("field")).isEqualTo("referer");

        LiaisonClient.Reply forged = anonymous.get("oauth/amocrm/callback?code=def502&state=" + UUID.randomUUID()
                + ".forged&referer=example.amocrm.ru");
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.json().getString("field")).isEqualTo("state");
        assertThat(forged.json().getString("instance")).isEqualTo("/oauth/amocrm/callback");
        assertThat(anonymous.get("oauth/nothing/callback").status()).isEqualTo(404);
    }

    @Test
    void aRedirectWithARepeatedOrOverlongParameterOrAnErrorIsRefusedBeforeItsStateIsRead() {
        String amo = create("{\"kind\":\"amocrm\",\"name\":\"edges\",\"settings\":{\"subdomain\":\"example\","
                + "\"accountId\":\"29873610\",\"webhookSecret\":\"callbacks-it-webhook-secret-0123456789\","
                + "\"clientId\":\"xxxx-xxxx\",\"clientSecret\":\"client-secret-0123456789\",\"redirectUri\":\""
                + REDIRECT_URI + "\"}}");
        String url = admin.get("api/admin/connections/" + amo + "/oauth/authorize-url").json().getString("url");
        String state = url.replaceAll(".*state=([^&]*).*", "$1");
        String forged = URLEncoder.encode(amo + ".ZQXJforged", StandardCharsets.UTF_8);

        LiaisonClient.Reply validFirst = anonymous.get("oauth/amocrm/callback?code=def502&state=" + state + "&state="
                + forged + "&referer=example.amocrm.ru");
        LiaisonClient.Reply forgedFirst = anonymous.get("oauth/amocrm/callback?code=def502&state=" + forged
                + "&state=" + state + "&referer=example.amocrm.ru");
        LiaisonClient.Reply denied = anonymous.get("oauth/amocrm/callback?error=access_denied&state=" + state);
        LiaisonClient.Reply longCode = anonymous.get("oauth/amocrm/callback?code=ZQXJ" + "c".repeat(5000) + "&state="
                + state + "&referer=example.amocrm.ru");
        LiaisonClient.Reply head = anonymous.send("HEAD", "oauth/amocrm/callback?code=def502&state=" + state
                + "&referer=example.amocrm.ru", null, null);

        for (LiaisonClient.Reply refused : List.of(validFirst, forgedFirst, denied, longCode)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body()).doesNotContain("ZQXJ");
        }
        assertThat(validFirst.json().getString("field")).isEqualTo("state");
        assertThat(forgedFirst.json().getString("field")).isEqualTo("state");
        assertThat(denied.json().getString("field")).isEqualTo("error");
        assertThat(denied.json().getString("detail")).contains("access_denied");
        assertThat(longCode.json().getString("field")).isEqualTo("code");
        assertThat(head.status()).isEqualTo(405);
        assertThat(admin.get("api/admin/connections/" + amo).body()).as("no tokens, no webhook")
                .doesNotContain("accessToken").doesNotContain("webhookUrl");
    }

    @Test
    void aKindWithoutAnOAuthFlowOrAConnectionWithoutItsSettingsIsNotAuthorizable() {
        String hook = admin.createWebhookConnection("callbacks-it-signing-secret-0123456789");
        String bare = create("{\"kind\":\"amocrm\",\"name\":\"token\",\"settings\":{\"subdomain\":\"example\","
                + "\"accountId\":\"29873610\",\"webhookSecret\":\"callbacks-it-webhook-secret-0123456789\","
                + "\"accessToken\":\"long-lived\"}}");

        JsonObject wrongKind = admin.get("api/admin/connections/" + hook + "/oauth/authorize-url").json();
        JsonObject noClient = admin.get("api/admin/connections/" + bare + "/oauth/authorize-url").json();

        assertThat(wrongKind.getInt("status")).isEqualTo(409);
        assertThat(wrongKind.getString("type")).endsWith(":not-authorizable");
        assertThat(wrongKind.getString("field")).isEqualTo("kind");
        assertThat(noClient.getInt("status")).isEqualTo(409);
        assertThat(noClient.getString("field")).isEqualTo("settings.clientId");
    }

    @Test
    void theBitrix24InstallHandlerGoesThroughItsConnector() {
        String portal = create("{\"kind\":\"bitrix24\",\"name\":\"" + LiaisonClient.uniqueName("app") + "\",\"settings\":{\"clientId\":\"local.1\","
                + "\"clientSecret\":\"callbacks-it-client-secret-0123456789\"}}");

        LiaisonClient.Reply unknownEvent = anonymous.send("POST", "install/bitrix24/" + portal,
                "application/x-www-form-urlencoded", "event=ONCRMCONTACTADD");
        LiaisonClient.Reply untrusted = anonymous.send("POST", "install/bitrix24/" + portal,
                "application/x-www-form-urlencoded", "event=ONAPPUNINSTALL&auth%5Bapplication_token%5D=forged");

        assertThat(unknownEvent.status()).as(unknownEvent.body()).isEqualTo(400);
        assertThat(unknownEvent.json().getString("field")).isEqualTo("event");
        assertThat(untrusted.status()).as(untrusted.body()).isIn(401, 409);
        assertThat(untrusted.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.get("install/bitrix24/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(anonymous.get("install/amocrm/" + portal).status()).isEqualTo(404);
    }

    private String create(String json) {
        LiaisonClient.Reply created = admin.postJson("api/admin/connections", json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getString("id");
    }
}
