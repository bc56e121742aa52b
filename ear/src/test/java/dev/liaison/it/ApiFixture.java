package dev.liaison.it;

import static org.awaitility.Awaitility.await;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One of each thing the API's paths name (a connection, a profile, a consent grant, an API key), created in the
 * default workspace, and for each endpoint of the role matrix a request that a permitted caller could send.
 */
final class ApiFixture {

    record Call(String method, String path, String contentType, String body) {
    }

    private static final String SECRET = "matrix-signing-secret";
    private static final String SCENARIO = "matrix-scenario";

    private final Map<String, String> parameters;
    private final String email;

    private ApiFixture(Map<String, String> parameters, String email) {
        this.parameters = parameters;
        this.email = email;
    }

    /**
     * {@code setup} must be allowed to create connections, API keys for support agents and record consent in the
     * default workspace.
     */
    static ApiFixture create(LiaisonClient setup) {
        LiaisonClient.Reply connection = setup.postJson("api/admin/connections",
                "{\"kind\":\"webhook\",\"name\":\"" + LiaisonClient.uniqueName("matrix")
                        + "\",\"settings\":{\"signingSecret\":\"" + SECRET + "\"}}");
        if (connection.status() != 201) {
            throw new AssertionError("fixture connection not created: " + connection);
        }
        String connectionId = connection.json().getString("id");
        String contactId = UUID.randomUUID().toString();
        String email = "person-" + contactId + "@example.com";
        setup.deliver(connectionId, SECRET, LiaisonClient.contactEvent("evt-" + contactId, contactId));
        String profileId = await().atMost(Duration.ofSeconds(30)).until(() -> profileId(setup, email),
                id -> id != null);
        LiaisonClient.Reply consent = setup.postJson("api/profiles/" + profileId + "/consents",
                "{\"purpose\":\"marketing_email\",\"channel\":\"email\",\"decision\":\"GRANTED\","
                        + "\"occurredAt\":\"2026-11-01T10:00:00Z\",\"evidence\":{\"noticeVersion\":\"v1\","
                        + "\"noticeText\":\"I agree\",\"collectionMethod\":\"web form\"}}");
        if (consent.status() != 201) {
            throw new AssertionError("fixture consent not recorded: " + consent);
        }
        LiaisonClient.Reply request = setup.postJson("api/compliance/requests",
                "{\"type\":\"ACCESS\",\"regime\":\"GDPR\",\"subject\":{\"email\":\"" + email + "\"}}");
        if (request.status() != 201) {
            throw new AssertionError("fixture data-subject request not created: " + request);
        }
        // Saved and switched off at once, so that the scenario other tests share this server with never runs.
        LiaisonClient.Reply scenario = setup.send("POST", "api/admin/scenarios", "application/yaml",
                "scenario: " + SCENARIO + "\ntrigger: {event: ticket.solved}\nsteps: [{award: {points: 1}}]\n");
        LiaisonClient.Reply disabled = setup.send("DELETE", "api/admin/scenarios/" + SCENARIO, null, null);
        if (scenario.status() != 201 || disabled.status() != 200) {
            throw new AssertionError("fixture scenario not saved and disabled: " + scenario + " " + disabled);
        }
        LiaisonClient.Reply key = setup.postJson("api/admin/api-keys",
                "{\"name\":\"matrix\",\"roles\":[\"support-agent\"]}");
        if (key.status() != 201) {
            throw new AssertionError("fixture API key not created: " + key);
        }
        return new ApiFixture(Map.of(
                "keyId", key.json().getString("id"),
                "scenarioName", SCENARIO,
                "requestId", request.json().getString("id"),
                "connectionId", connectionId,
                "profileId", profileId,
                "consentId", Long.toString(consent.json().getJsonNumber("id").longValue()),
                "entryId", "1",
                // No example has it, so that the matrix imports nothing into the server other tests share.
                "exampleName", "no-such-example",
                "mergeId", UUID.randomUUID().toString()), email);
    }

    String connectionId() {
        return parameters.get("connectionId");
    }

    /** The id of the fixture's thing of this kind (connectionId, profileId, requestId, keyId, ...). */
    String parameter(String name) {
        return parameters.get(name);
    }

    String email() {
        return email;
    }

    Call call(RoleMatrix.Row row) {
        String path = row.path();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            path = path.replace("{" + parameter.getKey() + "}", parameter.getValue());
        }
        if (path.contains("{")) {
            throw new AssertionError("the fixture has no value for a parameter of " + row.path());
        }
        String relative = path.substring(1);
        return switch (row.method() + " " + row.path()) {
            case "POST /api/admin/connections" -> json("POST", relative,
                    "{\"kind\":\"webhook\",\"name\":\"" + LiaisonClient.uniqueName("matrix")
                            + "\",\"settings\":{\"signingSecret\":\"matrix-signing-secret\"}}");
            case "PUT /api/admin/routing/rules" -> new Call("PUT", relative, "application/yaml",
                    "rules: not-a-list\n");
            case "POST /api/admin/routing/dry-run" -> json("POST", relative,
                    "{\"ticket\":{\"id\":\"1\",\"subject\":\"Help\"},\"requester\":{\"email\":\"" + email + "\"}}");
            case "POST /api/compliance/requests" -> json("POST", relative,
                    "{\"type\":\"ACCESS\",\"regime\":\"152FZ\",\"subject\":{\"email\":\"" + email + "\"}}");
            case "POST /api/compliance/requests/{requestId}/extend", "POST /api/compliance/requests/{requestId}/reject"
                    -> json("POST", relative, "{\"reason\":\"matrix check\"}");
            case "POST /api/loyalty/{profileId}/redemptions", "POST /api/loyalty/{profileId}/adjustments"
                    -> json("POST", relative, "{\"points\":1,\"reason\":\"matrix check\",\"idempotencyKey\":\"matrix\"}");
            case "POST /api/admin/messages" -> json("POST", relative, "{\"connectionId\":\""
                    + parameters.get("connectionId") + "\",\"profileId\":\"" + parameters.get("profileId")
                    + "\",\"purpose\":\"service\",\"channel\":\"email\",\"text\":\"Hello\","
                    + "\"idempotencyKey\":\"matrix-1\"}");
            case "POST /api/admin/scenarios" -> new Call("POST", relative, "application/yaml", "scenario: [not, a, name]\n");
            case "POST /api/admin/scenarios/dry-run" -> json("POST", relative, "{\"scenario\":\"" + SCENARIO
                    + "\",\"profileId\":\"" + parameters.get("profileId") + "\",\"event\":{\"type\":\"ticket.solved\"}}");
            case "GET /api/routing/decisions" -> new Call("GET", relative + "?ticket=1", null, null);
            case "GET /api/profiles" -> new Call("GET", relative + "?email=" + email, null, null);
            case "POST /api/profiles/{profileId}/consents" -> json("POST", relative,
                    "{\"purpose\":\"marketing_email\",\"channel\":\"email\",\"decision\":\"WITHDRAWN\","
                            + "\"evidence\":{\"noticeVersion\":\"v1\",\"noticeText\":\"I agree\","
                            + "\"collectionMethod\":\"web form\"}}");
            default -> List.of("GET", "DELETE").contains(row.method()) ? new Call(row.method(), relative, null, null)
                    : json(row.method(), relative, "{}");
        };
    }

    static LiaisonClient.Reply send(LiaisonClient client, Call call) {
        return client.send(call.method(), call.path(), call.contentType(), call.body());
    }

    private static Call json(String method, String path, String body) {
        return new Call(method, path, "application/json", body);
    }

    private static String profileId(LiaisonClient client, String email) {
        LiaisonClient.Reply found = client.get("api/profiles?email=" + email);
        if (found.status() != 200) {
            return null;
        }
        JsonArray profiles = found.jsonArray();
        return profiles.isEmpty() ? null : profiles.getJsonObject(0).getString("id");
    }

    /** Every method and path the server's OpenAPI document lists under /api, shaped like {@link RoleMatrix.Row#shape}. */
    static Set<String> openApiShapes(LiaisonClient client) {
        JsonObject document = client.get("openapi?format=JSON").json();
        Set<String> shapes = new TreeSet<>();
        for (Map.Entry<String, JsonValue> path : document.getJsonObject("paths").entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (String method : path.getValue().asJsonObject().keySet()) {
                if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                    shapes.add(method.toUpperCase(Locale.ROOT) + " "
                            + path.getKey().replaceAll("\\{[^}]+}", "{}"));
                }
            }
        }
        return shapes;
    }
}
