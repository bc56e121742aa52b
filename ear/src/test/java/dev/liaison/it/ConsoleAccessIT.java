package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may open the console, over plain HTTP: only the session cookie the sign-in form set opens it. A password or
 * an API key in an {@code Authorization} header, or an API key typed into the form, opens nothing; every screen
 * answers as the README's console table says for each role; a form without the session's CSRF token is refused
 * before it changes anything.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleAccessIT {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    @Test
    void credentialsInAHeaderNeverOpenTheConsole() throws Exception {
        LiaisonClient admin = new LiaisonClient(deploymentUrl.toURI());
        String keySecret = admin.postJson("api/admin/api-keys", "{\"name\":\"" + LiaisonClient.uniqueName("console")
                + "\",\"roles\":[\"crm-admin\"]}").json().getString("secret");
        for (String authorization : new String[] {LiaisonClient.basic("admin", LiaisonClient.ADMIN_PASSWORD),
                "Bearer " + keySecret}) {
            HttpResponse<String> answer = anonymous().send(HttpRequest.newBuilder(uri("console/connections"))
                    .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location").orElseThrow()).contains("/console/login");
        }
    }

    @Test
    void anApiKeyCannotSignInThroughTheForm() throws Exception {
        LiaisonClient admin = new LiaisonClient(deploymentUrl.toURI());
        var key = admin.postJson("api/admin/api-keys", "{\"name\":\"" + LiaisonClient.uniqueName("form")
                + "\",\"roles\":[\"crm-admin\"]}").json();
        Session browser = new Session();

        HttpResponse<String> refused = browser.signIn(key.getString("id"), key.getString("secret"));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("id=\"login-error\"");
        assertThat(browser.get("console/people").statusCode()).isEqualTo(302);
    }

    @Test
    void eachRoleOpensTheScreensTheReadmeGivesIt() throws Exception {
        Map<String, Integer> agent = Map.of("console/people", 200, "console/connections", 403,
                "console/dashboard", 403, "console/routing", 403, "console/scenarios", 403, "console/users", 403,
                "console/compliance", 403, "console/compliance/audit", 403);
        Map<String, Integer> officer = Map.of("console/people", 200, "console/compliance", 200,
                "console/compliance/audit", 200, "console/connections", 403, "console/dashboard", 403,
                "console/users", 403);
        Map<String, Integer> crmAdmin = Map.of("console/people", 200, "console/connections", 200,
                "console/connections/new?kind=webhook", 200, "console/dashboard", 200, "console/routing", 200,
                "console/scenarios", 200, "console/users", 200, "console/compliance", 403);
        for (Map.Entry<String, Map<String, Integer>> role : Map.of("support-agent", agent, "compliance-officer",
                officer, "crm-admin", crmAdmin).entrySet()) {
            Session session = signedInWith(role.getKey());
            Map<String, Integer> answered = new TreeMap<>();
            for (String path : role.getValue().keySet()) {
                answered.put(path, session.get(path).statusCode());
            }
            assertThat(answered).as(role.getKey()).isEqualTo(new TreeMap<>(role.getValue()));
        }
    }

    @Test
    void aFormWithoutTheSessionsTokenChangesNothing() throws Exception {
        Session session = signedInWith("crm-admin");
        String name = LiaisonClient.uniqueName("csrf");

        HttpResponse<String> refused = session.post("console/connections/new", Map.of("kind", "webhook", "name",
                name, "setting.signingSecret", "a-long-enough-signing-secret"), "not-the-token");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(new LiaisonClient(deploymentUrl.toURI()).get("api/admin/connections").body()).doesNotContain(name);
        HttpResponse<String> accepted = session.post("console/connections/new", Map.of("kind", "webhook", "name",
                name, "setting.signingSecret", "a-long-enough-signing-secret"), session.csrf("console/connections"));
        assertThat(accepted.statusCode()).isEqualTo(303);
    }

    private Session signedInWith(String role) throws Exception {
        String username = role.replace("-", "") + UUID.randomUUID().toString().substring(0, 8);
        String password = "console-password-" + UUID.randomUUID();
        LiaisonClient.Reply created = new LiaisonClient(deploymentUrl.toURI()).postJson("api/admin/users",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"roles\":[\"" + role + "\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Session session = new Session();
        assertThat(session.signIn(username, password).statusCode()).isEqualTo(303);
        return session;
    }

    private URI uri(String path) throws Exception {
        return deploymentUrl.toURI().resolve(path);
    }

    private static HttpClient anonymous() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A browser as far as cookies go: it keeps what the server sets and sends it back, and follows nothing. */
    private final class Session {

        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        String csrf(String page) throws Exception {
            Matcher token = CSRF.matcher(get(page).body());
            assertThat(token.find()).as("a form on " + page).isTrue();
            return token.group(1);
        }

        HttpResponse<String> signIn(String username, String password) throws Exception {
            return post("console/login", Map.of("username", username, "password", password), csrf("console/login"));
        }

        HttpResponse<String> post(String path, Map<String, String> fields, String csrf) throws Exception {
            String form = fields.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                    .collect(Collectors.joining("&")) + "&_csrf=" + encode(csrf);
            return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type",
                    "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
