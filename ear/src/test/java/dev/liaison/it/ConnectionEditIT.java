package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.File;
import java.net.URL;
import java.util.List;
import java.util.Map;
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

/** Editing a connection with PATCH (JSON Merge Patch), against the real EAR in the provisioned WildFly. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConnectionEditIT {

    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String OLD_SECRET = "edit-it-old-signing-secret";
    private static final String NEW_SECRET = "edit-it-new-signing-secret";

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    private LiaisonClient admin;
    private String connectionId;
    private String name;

    @BeforeEach
    void connect() throws Exception {
        admin = new LiaisonClient(new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(),
                deploymentUrl.getPort(), "/").toURI());
        name = LiaisonClient.uniqueName("edit");
        LiaisonClient.Reply created = admin.postJson("api/admin/connections", "{\"kind\":\"webhook\",\"name\":\""
                + name + "\",\"settings\":{\"signingSecret\":\"" + OLD_SECRET + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        connectionId = created.json().getString("id");
    }

    @Test
    void aPatchedNameAndSettingApplyAndTheAuditNamesThemWithoutValues() {
        String renamed = LiaisonClient.uniqueName("edited");

        LiaisonClient.Reply patched = patch("{\"name\":\"" + renamed + "\",\"settings\":{\"toleranceSeconds\":\"60\","
                + "\"signingSecret\":\"" + NEW_SECRET + "\"}}", Map.of());

        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.body()).doesNotContain(NEW_SECRET).doesNotContain(OLD_SECRET);
        JsonObject view = admin.get("api/admin/connections/" + connectionId).json();
        assertThat(view.getString("name")).isEqualTo(renamed);
        assertThat(view.getJsonObject("settings").getString("toleranceSeconds")).isEqualTo("60");
        assertThat(view.getJsonArray("secretSettings").getString(0)).isEqualTo("signingSecret");
        List<JsonObject> trail = admin.get("api/audit?limit=200").jsonArray().getValuesAs(JsonObject.class);
        assertThat(trail).filteredOn(entry -> entry.getString("action").equals("connection.update")
                        && connectionId.equals(entry.getString("target", null)))
                .singleElement().satisfies(entry -> {
                    assertThat(entry.getString("detail")).contains("name", "settings.signingSecret",
                            "settings.toleranceSeconds");
                    assertThat(entry.toString()).doesNotContain(NEW_SECRET).doesNotContain(OLD_SECRET)
                            .doesNotContain(renamed);
                });
    }

    @Test
    void aChangedSecretVerifiesTheNextWebhookAndTheOldOneNoLonger() {
        assertThat(admin.deliver(connectionId, OLD_SECRET, LiaisonClient.contactEvent("evt-old", "1")).status())
                .isEqualTo(202);

        assertThat(patch("{\"settings\":{\"signingSecret\":\"" + NEW_SECRET + "\"}}", Map.of()).status())
                .isEqualTo(200);

        assertThat(admin.deliver(connectionId, OLD_SECRET, LiaisonClient.contactEvent("evt-old-2", "2")).status())
                .as("signed with the replaced secret").isEqualTo(401);
        assertThat(admin.deliver(connectionId, NEW_SECRET, LiaisonClient.contactEvent("evt-new", "3")).status())
                .as("signed with the new secret").isEqualTo(202);
    }

    @Test
    void anUnknownOrMalformedSettingIsNamedAndChangesNothing() {
        String before = admin.get("api/admin/connections/" + connectionId).body();

        LiaisonClient.Reply unknown = patch("{\"name\":\"x\",\"settings\":{\"colour\":\"red\"}}", Map.of());
        LiaisonClient.Reply malformed = patch("{\"settings\":{\"toleranceSeconds\":\"1.5\",\"signingSecret\":null}}",
                Map.of());
        LiaisonClient.Reply tooLong = patch("{\"name\":\"" + "n".repeat(300) + "\"}", Map.of());

        assertProblem(unknown, 400, "validation", "settings.colour");
        assertProblem(malformed, 400, "validation", null);
        assertThat(malformed.body()).contains("settings.toleranceSeconds").contains("settings.signingSecret");
        assertProblem(tooLong, 400, "validation", "name");
        assertThat(stripInbox(admin.get("api/admin/connections/" + connectionId).body()))
                .isEqualTo(stripInbox(before));
        assertThat(admin.deliver(connectionId, OLD_SECRET, LiaisonClient.contactEvent("evt-" + UUID.randomUUID(),
                "4")).status()).as("the secret is still the old one").isEqualTo(202);
    }

    @Test
    void aStaleIfMatchIsRefusedAndACurrentOneApplies() {
        LiaisonClient.Reply read = admin.get("api/admin/connections/" + connectionId);
        assertThat(read.etag()).isNotBlank();
        assertThat(patch("{\"settings\":{\"toleranceSeconds\":\"120\"}}", Map.of("If-Match", read.etag())).status())
                .isEqualTo(200);

        LiaisonClient.Reply stale = patch("{\"settings\":{\"toleranceSeconds\":\"30\"}}",
                Map.of("If-Match", read.etag()));

        assertProblem(stale, 412, "precondition-failed", "If-Match");
        assertThat(admin.get("api/admin/connections/" + connectionId).json().getJsonObject("settings")
                .getString("toleranceSeconds")).isEqualTo("120");
        LiaisonClient.Reply current = admin.get("api/admin/connections/" + connectionId);
        assertThat(patch("{\"settings\":{\"toleranceSeconds\":null}}", Map.of("If-Match", current.etag())).status())
                .isEqualTo(200);
    }

    @Test
    void aNameTakenInTheWorkspaceIsAConflictIgnoringCase() {
        String other = LiaisonClient.uniqueName("other");
        assertThat(admin.postJson("api/admin/connections", "{\"kind\":\"webhook\",\"name\":\"" + other
                + "\",\"settings\":{\"signingSecret\":\"" + OLD_SECRET + "\"}}").status()).isEqualTo(201);

        LiaisonClient.Reply renamed = patch("{\"name\":\"" + other.toUpperCase() + "\"}", Map.of());
        LiaisonClient.Reply created = admin.postJson("api/admin/connections", "{\"kind\":\"webhook\",\"name\":\" "
                + name.toUpperCase() + " \",\"settings\":{\"signingSecret\":\"" + OLD_SECRET + "\"}}");

        assertProblem(renamed, 409, "name-taken", "name");
        assertProblem(created, 409, "name-taken", "name");
        assertThat(admin.get("api/admin/connections/" + connectionId).json().getString("name")).isEqualTo(name);
    }

    @Test
    void anotherWorkspacesOrAnUnknownConnectionIsNotFound() {
        LiaisonClient.Reply unknown = admin.send("PATCH", "api/admin/connections/" + UUID.randomUUID(), MERGE_PATCH,
                "{\"name\":\"x\"}");

        assertProblem(unknown, 404, "not-found", null);
    }

    @Test
    void aDisabledConnectionCanBeEnabledAgain() {
        assertThat(admin.send("DELETE", "api/admin/connections/" + connectionId, null, null).status()).isEqualTo(204);
        assertThat(admin.deliver(connectionId, OLD_SECRET, LiaisonClient.contactEvent("evt-off", "5")).status())
                .as("a disabled connection's webhooks are refused").isEqualTo(404);

        LiaisonClient.Reply enabled = admin.send("POST", "api/admin/connections/" + connectionId + "/enable", null,
                null);

        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        assertThat(enabled.json().getString("status")).isEqualTo("ACTIVE");
        assertThat(admin.deliver(connectionId, OLD_SECRET, LiaisonClient.contactEvent("evt-on", "6")).status())
                .isEqualTo(202);
    }

    @Test
    void twilioDerivesItsCallbackUrlAndRefusesItAsInput() {
        LiaisonClient.Reply typed = admin.postJson("api/admin/connections", "{\"kind\":\"twilio\",\"name\":\""
                + LiaisonClient.uniqueName("sms") + "\",\"settings\":{\"accountSid\":\"AC1\",\"authToken\":\"t\","
                + "\"from\":\"+15005550006\",\"callbackUrl\":\"https://elsewhere.example/hooks/1\"}}");
        assertProblem(typed, 400, "validation", "settings.callbackUrl");

        LiaisonClient.Reply created = admin.postJson("api/admin/connections", "{\"kind\":\"twilio\",\"name\":\""
                + LiaisonClient.uniqueName("sms") + "\",\"settings\":{\"accountSid\":\"AC1\",\"authToken\":\"t\","
                + "\"from\":\"+15005550006\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().getString("id");
        assertThat(created.json().getJsonObject("settings").getString("callbackUrl")).endsWith("/hooks/" + id);

        LiaisonClient.Reply patched = admin.send("PATCH", "api/admin/connections/" + id, "application/json",
                "{\"settings\":{\"callbackUrl\":null}}");
        assertProblem(patched, 400, "validation", "settings.callbackUrl");
    }

    private LiaisonClient.Reply patch(String body, Map<String, String> headers) {
        return admin.send("PATCH", "api/admin/connections/" + connectionId, MERGE_PATCH, body, headers);
    }

    private static void assertProblem(LiaisonClient.Reply reply, int status, String slug, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonObject problem = reply.json();
        assertThat(problem.getString("type")).isEqualTo("urn:liaison:problem:" + slug);
        if (field != null) {
            assertThat(problem.getString("field")).isEqualTo(field);
        }
    }

    /** The view without its intake counters, which a delivery moves on. */
    private static String stripInbox(String view) {
        return view.replaceAll("\"inbox\":\\{[^}]*}", "");
    }
}
