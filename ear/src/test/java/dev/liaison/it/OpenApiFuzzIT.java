package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The server's own OpenAPI document drives requests at every operation it lists ({@link FuzzRequests}: shaped as
 * documented, broken in the usual ways, and without credentials). Whatever the input, the server answers no 5xx and
 * only statuses the document lists for that operation. A failure lists every offending request.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenApiFuzzIT {

    /** Fixed so that a failure can be replayed; -Dliaison.fuzz.seed tries other requests. */
    private static final long SEED = Long.getLong("liaison.fuzz.seed", 20261207L);
    private static final int BODY_EXCERPT = 160;
    /** Every request's status, for reading what the fuzzer reached. */
    private static final Path LOG = Path.of("target", "openapi-fuzz.log");
    /** The document the requests were made from, to read along with the log. */
    private static final Path DOCUMENT = Path.of("target", "openapi.json");
    /** Body fields that name something by id: the fixture's, so that requests get past the existence checks. */
    private static final Set<String> BODY_FIELDS = Set.of("connectionId", "profileId");

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    private URI base;
    private LiaisonClient admin;

    @BeforeEach
    void connect() throws Exception {
        base = new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/").toURI();
        admin = new LiaisonClient(base);
    }

    @Test
    void everyOperationAnswersOnlyDocumentedStatusesAndNeverFails() throws IOException {
        JsonObject document = admin.get("openapi?format=JSON").json();
        ApiFixture fixture = ApiFixture.create(admin);
        storeExampleRoutingRules();
        FuzzRequests generator = new FuzzRequests(document, upTo -> knownId(fixture, upTo),
                field -> BODY_FIELDS.contains(field) ? fixture.parameter(field) : null, SEED);
        LiaisonClient anonymous = admin.withAuthorization(null);

        // Deleting last keeps the fixture's connection, key and scenario there for every other operation.
        List<FuzzRequests.Operation> operations = FuzzRequests.operations(document).stream()
                .sorted(Comparator.comparing(operation -> operation.method().equals("DELETE"))).toList();
        List<String> offences = new ArrayList<>();
        List<String> log = new ArrayList<>();
        int sent = 0;
        for (FuzzRequests.Operation operation : operations) {
            Set<String> documented = operation.statuses();
            for (FuzzRequests.Request request : generator.of(operation)) {
                sent++;
                LiaisonClient client = request.signedIn() ? admin : anonymous;
                String outcome;
                try {
                    LiaisonClient.Reply reply = client.send(request.method(), request.path(), request.contentType(),
                            request.body());
                    log.add(reply.status() + " " + operation.key() + " [" + request.label() + "] "
                            + excerpt(reply.body()));
                    if (reply.status() < 500 && documented.contains(Integer.toString(reply.status()))) {
                        continue;
                    }
                    outcome = reply.status() + (reply.status() >= 500 ? "" : " (documented: " + documented + ")")
                            + " " + excerpt(reply.body());
                } catch (AssertionError noAnswer) {
                    outcome = "no answer: " + noAnswer.getMessage();
                }
                offences.add(operation.key() + " [" + request.label() + "] " + request.method() + " /"
                        + excerpt(request.path()) + " -> " + outcome);
            }
        }
        Files.write(LOG, log, StandardCharsets.UTF_8);
        Files.writeString(DOCUMENT, document.toString(), StandardCharsets.UTF_8);

        assertThat(operations).as("operations in the document").hasSizeGreaterThanOrEqualTo(48);
        assertThat(offences).as("%d of %d requests (seed %d) answered 5xx or an undocumented status:%n%s",
                offences.size(), sent, SEED, String.join("\n", offences)).isEmpty();
    }

    @Test
    void theDocumentNamesSecuritySchemesAndTheProblemSchema() {
        JsonObject document = admin.get("openapi?format=JSON").json();
        JsonObject components = document.getJsonObject("components");

        assertThat(components.getJsonObject("securitySchemes").keySet()).contains("basic", "bearer");
        assertThat(components.getJsonObject("schemas").getJsonObject("Problem").getJsonObject("properties").keySet())
                .contains("type", "title", "status", "detail", "instance", "errors");
        for (FuzzRequests.Operation operation : FuzzRequests.operations(document)) {
            JsonObject responses = operation.description().getJsonObject("responses");
            if (operation.path().startsWith("/api/")) {
                assertThat(responses.keySet()).as(operation.key()).contains("400", "401", "403");
                assertThat(operation.description().getJsonArray("security")).as(operation.key()).isNotEmpty();
                assertThat(responses.getJsonObject("403").getString("description")).as(operation.key())
                        .startsWith("`forbidden`").contains("role");
            } else {
                assertThat(operation.description().containsKey("security")).as(operation.key()).isFalse();
            }
            responses.forEach((code, response) -> {
                if (code.startsWith("4")) {
                    assertThat(response.asJsonObject().getJsonObject("content").keySet())
                            .as(operation.key() + " " + code).contains("application/problem+json");
                }
            });
        }
    }

    @Test
    void aForbiddenCallIsTypedAndNamesTheRoleItNeeds() {
        LiaisonClient.Reply key = admin.postJson("api/admin/api-keys",
                "{\"name\":\"fuzz support agent\",\"roles\":[\"support-agent\"]}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        LiaisonClient agent = admin.withAuthorization(LiaisonClient.basic(key.json().getString("id"),
                key.json().getString("secret")));

        LiaisonClient.Reply refused = agent.get("api/admin/connections");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().getString("type")).isEqualTo("urn:liaison:problem:forbidden");
        assertThat(refused.json().getString("detail")).contains("crm-admin");
    }

    /** Another origin may not read the document with the caller's credentials: no CORS on /openapi at all. */
    @Test
    void theDocumentAllowsNoOtherOrigin() throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("openapi"))
                .header("Origin", "https://elsewhere.example").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(answer.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    /** With rules stored, the routing dry-run evaluates their conditions instead of answering 404. */
    private void storeExampleRoutingRules() throws IOException {
        String rules = Files.readString(Path.of(System.getProperty("liaison.config.dir"), "scenarios", "routing.yaml"));
        LiaisonClient.Reply stored = admin.send("PUT", "api/admin/routing/rules", "application/yaml", rules);
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
    }

    /** An existing thing for a path parameter, so that the shaped requests reach the resource's own checks. */
    private static String knownId(ApiFixture fixture, String upTo) {
        Map<String, String> kinds = Map.of(
                "/api/admin/connections/{id}", "connectionId",
                "/api/admin/connections/{id}/inbox/{entryId}", "entryId",
                "/api/admin/api-keys/{id}", "keyId",
                "/api/admin/scenarios/{name}", "scenarioName",
                "/api/compliance/requests/{id}", "requestId",
                "/api/profiles/{id}/consents/{consentId}", "consentId",
                "/api/profiles/{id}/merge-undo/{mergeId}", "mergeId",
                "/hooks/{connectionId}", "connectionId",
                "/install/bitrix24/{connectionId}", "connectionId");
        if (kinds.containsKey(upTo)) {
            return fixture.parameter(kinds.get(upTo));
        }
        return upTo.endsWith("{id}") || upTo.endsWith("{profileId}") ? fixture.parameter("profileId") : null;
    }

    private static String excerpt(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() > BODY_EXCERPT ? flat.substring(0, BODY_EXCERPT) + "…" : flat;
    }
}
