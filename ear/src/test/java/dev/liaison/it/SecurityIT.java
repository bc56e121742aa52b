package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
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
 * The security issue's attacks, tried against the provisioned server the way an attacker would: rule expressions that
 * reach for the JVM, a forged bearer token beside valid credentials, workspace names that are not the caller's,
 * malformed headers, a key chain that tries to outlive its root, password guessing from an anonymous address, an
 * oversized body, and the headers and error documents of every kind of answer.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityIT {

    private static final List<String> SECURITY_HEADERS = List.of("x-content-type-options", "x-frame-options",
            "referrer-policy", "content-security-policy");

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
    void ruleExpressionsCannotReachTheJvmNorExhaustIt() throws Exception {
        Path canary = Path.of(System.getProperty("java.io.tmpdir"), "liaison-canary-" + UUID.randomUUID());
        List<String> escapes = List.of(
                "Runtime.getRuntime().exec('touch " + canary + "') != null",
                "''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('touch "
                        + canary + "') != null",
                "System.getenv('HOME') != null",
                "profile['class'] != null",
                "(x -> x.getClass())(1) != null",
                "deals.stream().map(d -> d.getClass()).toList() != null",
                "java.lang.System.exit(0) == null",
                "['aaaaaaaa'].stream()" + ".map(s -> s += s)".repeat(26) + ".toList().size() > 0",
                "[0,1,2].stream().anyMatch(a -> [0,1,2].stream().anyMatch(b -> [0,1,2].stream().anyMatch(c -> "
                        + "false)))",
                "(".repeat(400) + "true" + ")".repeat(400));
        String profileId = admin.personWithNewsletterConsent("security-it-secret-0001");

        for (String escape : escapes) {
            String scenario = "scenario: escape-" + Math.abs(escape.hashCode()) + "\ntrigger:\n  event: deal.won\n"
                    + "  when: \"" + escape.replace("\"", "\\\"") + "\"\nsteps:\n  - award:\n      points: 1\n"
                    + "      reason: test\n";
            LiaisonClient.Reply upload = admin.send("POST", "api/admin/scenarios", "application/yaml", scenario);
            LiaisonClient.Reply dryRun = admin.postJson("api/admin/scenarios/dry-run", Json.createObjectBuilder()
                    .add("definition", scenario).add("profileId", profileId)
                    .add("event", Json.createObjectBuilder().add("type", "deal.won").add("amount", 10)).build()
                    .toString());
            String rules = "rules:\n  - name: escape\n    when: \"" + escape.replace("\"", "\\\"") + "\"\n"
                    + "    route:\n      priority: high\n  - name: default\n    route:\n      priority: normal\n";
            LiaisonClient.Reply routing = admin.send("PUT", "api/admin/routing/rules", "application/yaml", rules);

            for (LiaisonClient.Reply refused : List.of(upload, dryRun, routing)) {
                assertThat(refused.status()).as(escape + " -> " + refused.body()).isEqualTo(400);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.body()).doesNotContain("java.lang.Runtime@").doesNotContain("HOME=");
            }
            assertThat(upload.body()).as(escape).contains("line 4");
        }
        assertThat(Files.exists(canary)).isFalse();
        assertThat(admin.get("api/admin/scenarios").body()).doesNotContain("escape-");
    }

    @Test
    void aForgedBearerBesideValidCredentialsIsRefusedAndAudited() {
        String forged = "Bearer x." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"workspaces\":[\"other\"]}".getBytes(StandardCharsets.UTF_8)) + ".x";
        String connectionsBefore = admin.get("api/admin/connections").body();

        RawHttp.Answer both = raw("127.0.0.1").send("POST", "/api/admin/connections", List.of(
                "Authorization: " + LiaisonClient.basic("admin", LiaisonClient.ADMIN_PASSWORD),
                "Authorization: " + forged, "Content-Type: application/json"),
                "{\"kind\":\"webhook\",\"name\":\"forged\",\"settings\":{\"signingSecret\":\"0123456789abcdef\"}}"
                        .getBytes(StandardCharsets.UTF_8));
        RawHttp.Answer bearerFirst = raw("127.0.0.1").send("GET", "/api/admin/connections", List.of(
                "Authorization: " + forged,
                "Authorization: " + LiaisonClient.basic("admin", LiaisonClient.ADMIN_PASSWORD)), null);
        RawHttp.Answer bearerOnly = raw("127.0.0.1").send("GET", "/api/admin/connections",
                List.of("Authorization: " + forged), null);

        assertThat(both.status()).as(both.body()).isEqualTo(400);
        assertThat(both.body()).contains("urn:liaison:problem:ambiguous-credentials").contains("Authorization");
        assertThat(bearerFirst.status()).isEqualTo(400);
        assertThat(bearerOnly.status()).as("an unverified token signs nobody in").isEqualTo(401);
        assertThat(admin.get("api/admin/connections").body()).isEqualTo(connectionsBefore);
        assertThat(admin.get("api/audit?limit=50").body()).contains("\"action\":\"sign-in.refused\"")
                .contains("\"status\":400");
    }

    @Test
    void aWorkspaceTheCallerNamesMustBeItsOwn() {
        for (String workspace : List.of("other", "x".repeat(300), "default'--", "DEFAULT")) {
            LiaisonClient.Reply named = admin.send("GET", "api/admin/connections?x=1", null, null);
            assertThat(named.status()).isEqualTo(200);
            RawHttp.Answer refused = raw("127.0.0.1").send("GET", "/api/admin/connections", List.of(
                    "Authorization: " + LiaisonClient.basic("admin", LiaisonClient.ADMIN_PASSWORD),
                    "Liaison-Workspace: " + workspace), null);

            assertThat(refused.status()).as(workspace).isEqualTo(403);
            assertThat(refused.body()).contains("urn:liaison:problem:forbidden").doesNotContain(workspace);
        }
        assertThat(admin.get("api/audit?limit=50").body())
                .contains("The caller does not belong to the workspace it named");
    }

    @Test
    void malformedHeadersAreClearProblemsNotErrors() {
        String connection = admin.createWebhookConnection("security-it-secret-0002");
        List<RawHttp.Answer> answers = new ArrayList<>();
        for (String path : List.of("/api/admin/connections", "/hooks/" + connection)) {
            answers.add(raw("127.0.0.1").send("GET", path, List.of("Authorization: Basic !!!"), null));
        }
        for (String timestamp : List.of("9223372036854775807", "-5", "1.5e9", "abc")) {
            answers.add(raw("127.0.0.1").send("POST", "/hooks/" + connection, List.of(
                    "X-Liaison-Timestamp: " + timestamp, "X-Liaison-Signature: v1=00",
                    "Content-Type: application/json"), "{}".getBytes(StandardCharsets.UTF_8)));
        }

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
            assertThat(answer.header("content-type")).startsWith("application/problem+json");
        });
        assertThat(answers.get(0).body()).contains("\"field\":\"Authorization\"");
        assertThat(admin.inbox(connection).getInt("backlog", 0)).isZero();
    }

    @Test
    void aKeyNeverOutlivesNorOutranksTheKeyThatMadeIt() {
        Instant parentExpiry = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        JsonObject parent = admin.postJson("api/admin/api-keys", "{\"name\":\"parent\",\"roles\":[\"crm-admin\","
                + "\"support-agent\"],\"expiresAt\":\"" + parentExpiry + "\"}").json();
        LiaisonClient parentKey = admin.withAuthorization(LiaisonClient.basic(parent.getString("id"),
                parent.getString("secret")));

        LiaisonClient.Reply forever = parentKey.postJson("api/admin/api-keys",
                "{\"name\":\"forever\",\"roles\":[\"crm-admin\"],\"expiresAt\":\"2099-01-01T00:00:00Z\"}");
        LiaisonClient.Reply outranking = parentKey.postJson("api/admin/api-keys",
                "{\"name\":\"officer\",\"roles\":[\"compliance-officer\"]}");
        LiaisonClient.Reply child = parentKey.postJson("api/admin/api-keys",
                "{\"name\":\"child\",\"roles\":[\"support-agent\"]}");
        assertThat(forever.status()).isEqualTo(400);
        assertThat(forever.json().getString("field")).isEqualTo("expiresAt");
        assertThat(outranking.status()).isEqualTo(400);
        assertThat(outranking.json().getString("field")).isEqualTo("roles");
        assertThat(child.status()).as(child.body()).isEqualTo(201);
        assertThat(Instant.parse(child.json().getString("expiresAt"))).isEqualTo(parentExpiry);
        LiaisonClient childKey = admin.withAuthorization(LiaisonClient.basic(child.json().getString("id"),
                child.json().getString("secret")));
        assertThat(childKey.get("api/profiles?email=nobody@example.com").status()).isEqualTo(200);

        assertThat(admin.send("DELETE", "api/admin/api-keys/" + parent.getString("id"), null, null).status())
                .isEqualTo(204);

        assertThat(childKey.get("api/profiles?email=nobody@example.com").status()).isEqualTo(401);
        assertThat(admin.get("api/admin/api-keys").jsonArray().getValuesAs(JsonObject.class))
                .filteredOn(key -> key.getString("id").equals(child.json().getString("id")))
                .singleElement().satisfies(key -> assertThat(key.containsKey("revokedAt")).isTrue());
    }

    @Test
    void anAnonymousGuesserSlowsOnlyItselfAndAnOperatorCanRelease() {
        String wrong = "Authorization: " + LiaisonClient.basic("admin", "guess");
        String right = "Authorization: " + LiaisonClient.basic("admin", LiaisonClient.ADMIN_PASSWORD);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            statuses.add(raw("127.0.0.2").send("GET", "/api/admin/connections", List.of(wrong), null).status());
        }
        JsonObject key = admin.postJson("api/admin/api-keys", "{\"name\":\"guessed\",\"roles\":[\"support-agent\"]}")
                .json();
        for (int i = 0; i < 30; i++) {
            raw("127.0.0.3").send("GET", "/api/profiles?email=a@example.com", List.of("Authorization: "
                    + LiaisonClient.basic(key.getString("id"), "guess")), null);
        }

        assertThat(statuses).startsWith(401, 401, 401, 401, 401).contains(429).doesNotContain(500);
        assertThat(admin.get("api/admin/connections").status()).as("the owner, from its own address").isEqualTo(200);
        assertThat(admin.withAuthorization(LiaisonClient.basic(key.getString("id"), key.getString("secret")))
                .get("api/profiles?email=a@example.com").status()).isEqualTo(200);
        RawHttp.Answer waiting = raw("127.0.0.2").send("GET", "/api/admin/connections", List.of(right), null);
        assertThat(waiting.status()).isEqualTo(429);
        assertThat(waiting.header("retry-after")).matches("[1-9][0-9]*");
        assertThat(waiting.body()).contains("urn:liaison:problem:sign-in-throttled");
        assertThat(admin.get("api/admin/sign-in-throttle").body()).contains("127.0.0.2");

        assertThat(admin.send("DELETE", "api/admin/sign-in-throttle?address=127.0.0.2", null, null).status())
                .isEqualTo(204);

        assertThat(raw("127.0.0.2").send("GET", "/api/admin/connections", List.of(right), null).status())
                .isEqualTo(200);
        assertThat(admin.get("api/audit?limit=50").body()).contains("sign-in-throttle.release");
    }

    @Test
    void pausingAndResumingTakeNoBodyAndEveryAttemptIsAudited() {
        String deep = "[".repeat(1000) + "]".repeat(1000);
        for (String path : List.of("api/admin/inbox/pause", "api/admin/inbox/resume")) {
            for (String[] body : List.of(new String[] {"application/json", deep},
                    new String[] {"application/json", "{\"minutes\":5}"}, new String[] {"text/plain", "ZQXJ"},
                    new String[] {"application/xml", "<pause>ZQXJ</pause>"})) {
                LiaisonClient.Reply refused = admin.send("POST", path, body[0], body[1]);

                assertThat(refused.status()).as(path + " " + body[0]).isEqualTo(400);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.json().getString("field")).isEqualTo("body");
                assertThat(refused.body()).doesNotContain("ZQXJ");
            }
        }
        assertThat(admin.postJson("api/admin/inbox/pause", "").status()).isEqualTo(204);
        assertThat(admin.postJson("api/admin/inbox/resume", "").status()).isEqualTo(204);

        List<String> audited = admin.get("api/audit?limit=100").jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(event -> event.getString("action").startsWith("inbox.processing."))
                .map(event -> event.getString("action") + " " + event.getInt("status")).toList();
        assertThat(audited).contains("inbox.processing.pause 400", "inbox.processing.resume 400",
                "inbox.processing.pause 204", "inbox.processing.resume 204");
    }

    @Test
    void aBodyOverTheLimitIs413WithoutBeingRead() {
        byte[] large = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(large, (byte) ' ');
        String authorization = "Authorization: " + LiaisonClient.basic("admin", LiaisonClient.ADMIN_PASSWORD);
        String connectionsBefore = admin.get("api/admin/connections").body();

        // A declared length over the limit is refused before any of the body is sent, as a client that waits for
        // 100-continue sees it.
        RawHttp.Answer declared = raw("127.0.0.1").send("POST", "/api/admin/connections",
                List.of(authorization, "Content-Type: application/json", "Content-Length: " + large.length), null);
        RawHttp.Answer hook = raw("127.0.0.1").send("POST", "/hooks/" + UUID.randomUUID(),
                List.of("Content-Type: application/json", "Content-Length: " + large.length), null);
        // A chunked body is cut off where it passes the limit: Undertow ends the connection there, so the answer
        // is a 413 only when it gets out before the connection is torn down; never anything else.
        Optional<RawHttp.Answer> chunked = raw("127.0.0.1").trySend("POST", "/api/admin/connections",
                List.of(authorization, "Content-Type: application/json", "Transfer-Encoding: chunked"), large);

        for (RawHttp.Answer answer : List.of(declared, hook)) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(413);
            assertThat(answer.body()).contains("urn:liaison:problem:payload-too-large");
        }
        chunked.ifPresent(answer -> assertThat(answer.status()).isEqualTo(413));
        assertThat(admin.get("api/admin/connections").body()).isEqualTo(connectionsBefore);
    }

    @Test
    void everyAnswerCarriesSecurityHeadersAndNoTraceOrVersion() {
        String authorization = "Authorization: " + LiaisonClient.basic("admin", LiaisonClient.ADMIN_PASSWORD);
        List<RawHttp.Answer> answers = List.of(
                raw("127.0.0.1").send("GET", "/api/admin/connections", List.of(authorization), null),
                raw("127.0.0.1").send("GET", "/api/admin/connections", List.of(), null),
                raw("127.0.0.1").send("GET", "/api/admin/connections/" + "x".repeat(300), List.of(authorization),
                        null),
                raw("127.0.0.1").send("GET", "/api/audit?limit=abc", List.of(authorization), null),
                raw("127.0.0.1").send("GET", "/no/such/page", List.of(), null),
                raw("127.0.0.1").send("TRACE", "/api/admin/connections", List.of(), null),
                raw("127.0.0.1").send("POST", "/hooks/" + UUID.randomUUID(), List.of("Content-Type: text/plain"),
                        "x".getBytes(StandardCharsets.UTF_8)),
                raw("127.0.0.1").send("GET", "/unsubscribe/not-a-token", List.of("Accept: text/html"), null),
                raw("127.0.0.1").send("GET", "/openapi", List.of("Origin: https://attacker.example"), null));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(SECURITY_HEADERS).allSatisfy(header -> assertThat(answer.header(header)).as(header + " on "
                    + answer.status()).isNotBlank());
            assertThat(answer.status()).isLessThan(500);
            assertThat(answer.body()).doesNotContain("WildFly").doesNotContain("Undertow").doesNotContain("\tat ")
                    .doesNotContain("Exception");
            if (answer.status() >= 400 && !answer.header("content-type").startsWith("text/html")) {
                assertThat(answer.header("content-type")).startsWith("application/problem+json");
            }
        });
        assertThat(answers.get(5).status()).isEqualTo(405);
        RawHttp.Answer openapi = answers.get(8);
        assertThat("*".equals(openapi.header("access-control-allow-origin"))
                && "true".equals(openapi.header("access-control-allow-credentials")))
                .as("CORS: any origin with credentials").isFalse();
    }

    private RawHttp raw(String from) {
        return new RawHttp(deploymentUrl.getHost(), deploymentUrl.getPort(), from);
    }
}
