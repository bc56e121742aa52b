package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Profiles, identity resolution, merges and the consent ledger, fed by real webhooks through the inbox. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProfileStoreIT {

    private static final String SECRET = "profile-it-secret";

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    private URI root;
    private LiaisonClient client;
    private String crm;
    private String helpDesk;
    private String person;

    @BeforeEach
    void connect() throws Exception {
        root = new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/").toURI();
        client = new LiaisonClient(root);
        crm = client.createWebhookConnection(SECRET);
        helpDesk = client.createWebhookConnection(SECRET);
        person = UUID.randomUUID().toString().substring(0, 8);
    }

    private String email() {
        return "anna." + person + "@example.com";
    }

    private String phone(int suffix) {
        return "8 903 " + (100 + Math.abs(person.hashCode() % 800)) + "-" + (10 + suffix) + "-55";
    }

    private static String contact(String eventId, String contactId, String occurredAt, String firstName,
                                  List<String> emails, List<String> phones) {
        return "{\"id\":\"" + eventId + "\",\"type\":\"contact.upserted\",\"occurredAt\":\"" + occurredAt + "\","
                + "\"data\":{\"id\":\"" + contactId + "\",\"firstName\":\"" + firstName + "\",\"emails\":"
                + strings(emails) + ",\"phones\":" + strings(phones) + "}}";
    }

    private static String strings(List<String> values) {
        return values.stream().map(value -> "\"" + value + "\"").reduce((a, b) -> a + "," + b)
                .map(joined -> "[" + joined + "]").orElse("[]");
    }

    private void deliverAndAwait(String connectionId, String body) {
        int before = client.inbox(connectionId).getInt("done");
        assertThat(client.deliver(connectionId, SECRET, body).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.inbox(connectionId).getInt("done") == before + 1);
    }

    private JsonArray search(String parameter, String value) {
        LiaisonClient.Reply reply = client.get("api/profiles?" + parameter + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.jsonArray();
    }

    private JsonObject profileByEmail() {
        JsonArray found = search("email", email());
        assertThat(found).hasSize(1);
        return found.getJsonObject(0);
    }

    @Test
    void aPersonKnownToTwoSystemsIsOneProfileWithNormalisedIdentities() {
        deliverAndAwait(crm, contact("e1", "89", "2026-11-01T10:00:00Z", "Anna",
                List.of("  Anna." + person + "@Example.COM "), List.of(phone(1))));
        deliverAndAwait(helpDesk, contact("e2", "6596848315901", "2026-11-01T11:00:00Z", "Ann",
                List.of(email()), List.of()));

        JsonObject profile = profileByEmail();
        assertThat(profile.getJsonArray("identities").getValuesAs(JsonObject.class))
                .extracting(identity -> identity.getString("kind") + ":" + identity.getString("value"))
                .contains("EMAIL:" + email(), "EXTERNAL:webhook|" + crm + "|89",
                        "EXTERNAL:webhook|" + helpDesk + "|6596848315901")
                .anySatisfy(identity -> assertThat(identity).matches("PHONE:\\+79031\\d{2}1155|PHONE:\\+7903\\d{3}1155"));
        JsonObject firstName = profile.getJsonObject("attributes").getJsonObject("firstName");
        assertThat(firstName.getString("value")).isEqualTo("Ann");
        assertThat(firstName.getJsonObject("source").getString("connectionId")).isEqualTo(helpDesk);
        assertThat(search("externalRef", "webhook|" + crm + "|89").getJsonObject(0).getString("id"))
                .isEqualTo(profile.getString("id"));
    }

    @Test
    void anOlderValueArrivingLateDoesNotOverwriteANewerOne() {
        deliverAndAwait(crm, contact("new", "1", "2026-11-02T10:00:00Z", "Maria", List.of(email()), List.of()));
        deliverAndAwait(crm, contact("old", "1", "2026-10-01T10:00:00Z", "Masha", List.of(email()), List.of()));

        assertThat(profileByEmail().getJsonObject("attributes").getJsonObject("firstName").getString("value"))
                .isEqualTo("Maria");
    }

    @Test
    void profilesSharingAPhoneAreMergedAndTheMergeCanBeUndone() {
        deliverAndAwait(crm, contact("a", "1", "2026-11-01T10:00:00Z", "Anna", List.of(email()), List.of()));
        deliverAndAwait(helpDesk, contact("b", "2", "2026-11-01T10:00:00Z", "Anya", List.of(), List.of(phone(2))));
        String byPhoneBefore = search("phone", phone(2)).getJsonObject(0).getString("id");
        assertThat(byPhoneBefore).isNotEqualTo(profileByEmail().getString("id"));
        LiaisonClient.Reply smsGrant = client.postJson("api/profiles/" + byPhoneBefore + "/consents",
                "{\"purpose\":\"marketing_sms\",\"channel\":\"sms\",\"decision\":\"GRANTED\","
                        + "\"occurredAt\":\"2026-11-01T10:30:00Z\",\"evidence\":{\"noticeVersion\":\"sms-v1\","
                        + "\"noticeText\":\"SMS offers\",\"collectionMethod\":\"web form\"}}");
        assertThat(smsGrant.status()).as(smsGrant.body()).isEqualTo(201);
        assertThat(consentPurposes(profileByEmail())).doesNotContain("marketing_sms");

        deliverAndAwait(crm, contact("c", "1", "2026-11-01T12:00:00Z", "Anna", List.of(email()), List.of(phone(2))));
        JsonObject merged = profileByEmail();
        assertThat(search("phone", phone(2)).getJsonObject(0).getString("id")).isEqualTo(merged.getString("id"));
        JsonObject merge = merged.getJsonArray("merges").getJsonObject(0);
        assertThat(merge.getString("reason")).contains("PHONE");
        assertThat(consentPurposes(merged)).as("the absorbed profile's consent counts for the survivor")
                .contains("marketing_sms");

        LiaisonClient.Reply undo = client.postJson("api/profiles/" + merged.getString("id") + "/merge-undo/"
                + merge.getString("id"), "");
        assertThat(undo.status()).as(undo.body()).isEqualTo(200);
        assertThat(search("phone", phone(2)).getJsonObject(0).getString("id")).isEqualTo(byPhoneBefore);
        assertThat(client.get("api/profiles/" + byPhoneBefore).json().getString("status")).isEqualTo("ACTIVE");
        assertThat(client.postJson("api/profiles/" + merged.getString("id") + "/merge-undo/" + merge.getString("id"),
                "").status()).isEqualTo(409);

        assertThat(consentPurposes(client.get("api/profiles/" + merged.getString("id")).json()))
                .doesNotContain("marketing_sms");

        deliverAndAwait(crm, contact("d", "1", "2026-11-01T13:00:00Z", "Anna", List.of(email()), List.of(phone(2))));
        assertThat(search("phone", phone(2)).getJsonObject(0).getString("id")).isEqualTo(byPhoneBefore);
    }

    private static List<String> consentPurposes(JsonObject profile) {
        return profile.getJsonArray("consents").getValuesAs(JsonObject.class).stream()
                .map(consent -> consent.getString("purpose")).toList();
    }

    @Test
    void fiftyConcurrentEventsFromTwoConnectionsYieldOneProfile() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<Integer>> replies = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String connection = i % 2 == 0 ? crm : helpDesk;
                String body = contact("burst-" + i, i % 2 == 0 ? "crm-1" : "desk-1",
                        "2026-11-01T10:00:" + String.format("%02d", i) + "Z", "Anna" + i,
                        List.of(email()), List.of(phone(3)));
                replies.add(CompletableFuture.supplyAsync(() -> client.deliver(connection, SECRET, body).status(),
                        senders));
            }
            for (CompletableFuture<Integer> reply : replies) {
                assertThat(reply.get()).isEqualTo(202);
            }
        } finally {
            senders.shutdown();
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> client.inbox(crm).getInt("done") == 25
                && client.inbox(helpDesk).getInt("done") == 25);

        String profileId = profileByEmail().getString("id");
        assertThat(search("phone", phone(3)).getJsonObject(0).getString("id")).isEqualTo(profileId);
        assertThat(search("externalRef", "webhook|" + crm + "|crm-1").getJsonObject(0).getString("id")).isEqualTo(profileId);
        assertThat(search("externalRef", "webhook|" + helpDesk + "|desk-1").getJsonObject(0).getString("id"))
                .isEqualTo(profileId);
        assertThat(client.get("api/profiles/" + profileId).json().getJsonArray("merges")).isEmpty();
        assertThat(client.inbox(crm).getInt("dead") + client.inbox(helpDesk).getInt("dead")).isZero();
    }

    @Test
    void theConsentLedgerOnlyGrowsAndItsReplayIsTheCurrentState() throws Exception {
        deliverAndAwait(crm, contact("p", "5", "2026-11-01T10:00:00Z", "Anna", List.of(email()), List.of()));
        String id = profileByEmail().getString("id");
        String consents = "api/profiles/" + id + "/consents";

        LiaisonClient.Reply noEvidence = client.postJson(consents,
                "{\"purpose\":\"marketing_email\",\"channel\":\"email\",\"decision\":\"GRANTED\"}");
        assertThat(noEvidence.status()).isEqualTo(400);
        assertThat(noEvidence.json().getString("field")).isEqualTo("evidence.noticeVersion");
        LiaisonClient.Reply unknownPurpose = client.postJson(consents,
                "{\"purpose\":\"telepathy\",\"channel\":\"email\",\"decision\":\"GRANTED\"}");
        assertThat(unknownPurpose.json().getString("field")).isEqualTo("purpose");

        LiaisonClient.Reply granted = client.postJson(consents, "{\"purpose\":\"marketing_email\",\"channel\":\"email\","
                + "\"decision\":\"GRANTED\",\"occurredAt\":\"2026-11-01T10:00:00Z\",\"evidence\":{\"noticeVersion\":"
                + "\"newsletter-v3\",\"noticeText\":\"Я согласна получать новости\",\"collectionMethod\":\"web form\"}}");
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(granted.json().getJsonObject("evidence").getString("noticeSha256")).hasSize(64);
        assertThat(client.postJson(consents, "{\"purpose\":\"marketing_sms\",\"channel\":\"sms\",\"decision\":\"GRANTED\","
                + "\"occurredAt\":\"2026-11-01T10:05:00Z\",\"evidence\":{\"noticeVersion\":\"sms-v1\",\"noticeSha256\":\""
                + "a".repeat(64) + "\",\"collectionMethod\":\"checkbox\"}}").status()).isEqualTo(201);
        assertThat(client.postJson(consents, "{\"purpose\":\"marketing_email\",\"channel\":\"email\","
                + "\"decision\":\"WITHDRAWN\",\"occurredAt\":\"2026-11-02T10:00:00Z\"}").status()).isEqualTo(201);

        String consentChanged = "{\"id\":\"consent-1\",\"type\":\"consent.changed\",\"occurredAt\":\"2026-11-03T09:00:00Z\","
                + "\"data\":{\"id\":\"c-1\",\"contactId\":\"5\",\"purpose\":\"loyalty\",\"channel\":\"any\","
                + "\"granted\":true,\"evidence\":\"checkbox 'loyalty programme' in the CRM\"}}";
        deliverAndAwait(crm, consentChanged);

        JsonArray ledger = client.get(consents).jsonArray();
        assertThat(ledger).hasSize(4);
        JsonObject fromCrm = ledger.getJsonObject(3);
        assertThat(fromCrm.getJsonObject("source").getString("system")).isEqualTo("webhook");
        assertThat(fromCrm.getJsonObject("source").getString("connectionId")).isEqualTo(crm);

        Map<String, String> replayed = new HashMap<>();
        ledger.getValuesAs(JsonObject.class).stream()
                .sorted((a, b) -> a.getString("occurredAt").compareTo(b.getString("occurredAt")) != 0
                        ? a.getString("occurredAt").compareTo(b.getString("occurredAt"))
                        : Long.compare(a.getJsonNumber("id").longValue(), b.getJsonNumber("id").longValue()))
                .forEach(entry -> replayed.put(entry.getString("purpose") + "/" + entry.getString("channel"),
                        entry.getString("decision") + "#" + entry.getJsonNumber("id")));
        Map<String, String> current = new HashMap<>();
        client.get("api/profiles/" + id).json().getJsonArray("consents").getValuesAs(JsonObject.class)
                .forEach(entry -> current.put(entry.getString("purpose") + "/" + entry.getString("channel"),
                        entry.getString("decision") + "#" + entry.getJsonNumber("id")));
        assertThat(current).isEqualTo(replayed).containsEntry("marketing_email/email",
                "WITHDRAWN#" + ledger.getJsonObject(2).getJsonNumber("id"));

        long grantId = granted.json().getJsonNumber("id").longValue();
        assertThat(send("PUT", consents + "/" + grantId, "{\"decision\":\"WITHDRAWN\"}")).isIn(404, 405);
        assertThat(send("DELETE", consents + "/" + grantId, null)).isIn(404, 405);
        assertThat(send("DELETE", consents, null)).isEqualTo(405);
        assertThat(client.get(consents).jsonArray()).hasSize(4);

        JsonObject receipt = client.get(consents + "/" + grantId + "/receipt").json();
        assertThat(receipt.getString("version")).isEqualTo("KI-CR-v1.1.0");
        assertThat(receipt.getString("piiPrincipalId")).isEqualTo(id);
        assertThat(client.get(consents + "/" + ledger.getJsonObject(2).getJsonNumber("id") + "/receipt").status())
                .isEqualTo(400);
    }

    @Test
    void aConsentCheckboxMappedInTheConnectionBecomesLedgerEntriesOnChange() {
        LiaisonClient.Reply created = client.postJson("api/admin/connections", "{\"kind\":\"webhook\",\"name\":\""
                + LiaisonClient.uniqueName("crm") + "\",\"settings\":{\"signingSecret\":\"" + SECRET
                + "\",\"consentFields\":\"UF_NEWS=marketing_email:email\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String mapped = created.json().getString("id");
        String withBox = "{\"id\":\"%s\",\"type\":\"contact.upserted\",\"occurredAt\":\"%s\",\"data\":{\"id\":\"9\","
                + "\"emails\":[\"" + email() + "\"],\"attributes\":{\"UF_NEWS\":\"%s\"}}}";

        deliverAndAwait(mapped, String.format(withBox, "box-1", "2026-11-01T10:00:00Z", "Y"));
        deliverAndAwait(mapped, String.format(withBox, "box-2", "2026-11-01T11:00:00Z", "Y"));
        deliverAndAwait(mapped, String.format(withBox, "box-3", "2026-11-01T12:00:00Z", "N"));

        JsonArray ledger = client.get("api/profiles/" + profileByEmail().getString("id") + "/consents").jsonArray();
        assertThat(ledger.getValuesAs(JsonObject.class))
                .extracting(entry -> entry.getString("decision") + " " + entry.getJsonObject("evidence")
                        .getString("collectionMethod"))
                .containsExactly("GRANTED CRM field UF_NEWS", "WITHDRAWN CRM field UF_NEWS");
    }

    @Test
    void lookupsNameTheBadField() {
        LiaisonClient.Reply badEmail = client.get("api/profiles?email=not-an-email");
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.json().getString("field")).isEqualTo("email");
        assertThat(client.get("api/profiles?phone=12").json().getString("field")).isEqualTo("phone");
        assertThat(client.get("api/profiles?email=" + email() + "&q=anna").json().getString("field")).isEqualTo("q");
        assertThat(client.get("api/profiles?externalRef=nope").json().getString("field")).isEqualTo("externalRef");
        assertThat(client.get("api/profiles/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void thePeopleListIsSearchedByEmailPrefixNameOrCrmIdAndPagedByCursor() {
        String name = "Zelda" + person;
        deliverAndAwait(crm, contact("l1", "list-" + person, "2026-11-01T10:00:00Z", name, List.of(email()),
                List.of()));
        deliverAndAwait(crm, contact("l2", "list2-" + person, "2026-11-01T10:00:00Z", name,
                List.of("boris." + person + "@example.com"), List.of()));
        String anna = profileByEmail().getString("id");

        assertThat(ids(people("q=anna." + person))).containsExactly(anna);
        assertThat(ids(people("q=list-" + person))).containsExactly(anna);
        assertThat(ids(people("q=webhook%7C" + crm + "%7Clist-" + person))).containsExactly(anna);
        JsonObject first = people("q=" + name.toLowerCase(Locale.ROOT) + "&limit=1");
        assertThat(first.getJsonArray("items")).hasSize(1);
        JsonObject second = people("q=" + name + "&limit=1&cursor=" + first.getString("nextCursor"));
        assertThat(second.containsKey("nextCursor")).isFalse();
        assertThat(ids(second)).doesNotContainAnyElementsOf(ids(first)).hasSize(1);
        assertThat(client.get(first.getString("next").substring(1)).json()).isEqualTo(second);
        assertThat(people("limit=5").getJsonArray("items")).hasSizeBetween(1, 5);

        assertThat(client.get("api/profiles?limit=0").json().getString("field")).isEqualTo("limit");
        assertThat(client.get("api/profiles?limit=x").json().getString("field")).isEqualTo("limit");
        assertThat(client.get("api/profiles?cursor=nope").json().getString("field")).isEqualTo("cursor");
        assertThat(client.get("api/profiles?q=" + "a".repeat(201)).json().getString("field")).isEqualTo("q");
    }

    private JsonObject people(String query) {
        LiaisonClient.Reply reply = client.get("api/profiles?" + query);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> ids(JsonObject page) {
        return page.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(item -> item.getString("id")).toList();
    }

    private int send(String method, String path, String json) {
        return client.send(method, path, "application/json", json).status();
    }
}
