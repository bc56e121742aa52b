package dev.liaison.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Keycloak for the security ITs: the server distribution the build unpacked from Maven Central, started in
 * dev mode on 127.0.0.1:18180 (clear of the test servers: Arquillian's on 8580, LiaisonServer's on 8180, a -Prun
 * server on 8080) with Liaison's realm export, plus test users created through the admin REST API.
 * One server serves the whole test run and is stopped when the run ends.
 */
final class KeycloakServer implements BeforeAllCallback {

    static final URI BASE = URI.create("http://127.0.0.1:18180/");
    static final String REALM = "liaison";
    static final String PASSWORD = "user-password-for-its";
    private static final String ADMIN_PASSWORD = UUID.randomUUID().toString();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KeycloakServer.class, key -> start(), Running.class);
    }

    /** Stops Keycloak when JUnit closes the root store, at the end of the run. */
    private record Running(Process process) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }

    private Running start() {
        Path home = Path.of(System.getProperty("liaison.keycloak.home"));
        Path realm = Path.of(System.getProperty("liaison.keycloak.realm"));
        try {
            deleteRecursively(home.resolve("data/h2"));
            Files.createDirectories(home.resolve("data/import"));
            Files.copy(realm, home.resolve("data/import/liaison-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=18180", "--http-management-port=19180", "--import-realm")
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolveSibling("keycloak.log").toFile());
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            Process process = builder.start();
            Running running = new Running(process);
            awaitRealm(process);
            return running;
        } catch (IOException e) {
            throw new AssertionError("could not start Keycloak from " + home, e);
        }
    }

    private void awaitRealm(Process process) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("Keycloak exited with " + process.exitValue() + "; see keycloak.log");
            }
            try {
                if (status(HttpRequest.newBuilder(BASE.resolve("realms/" + REALM + "/.well-known/openid-configuration"))
                        .GET()) == 200) {
                    return;
                }
            } catch (AssertionError notYet) {
                // still starting
            }
            sleep(Duration.ofSeconds(1));
        }
        throw new AssertionError("Keycloak did not serve realm " + REALM + " within 4 minutes");
    }

    /** Creates a user with these realm roles, in these groups (workspaces), creating missing groups. */
    static void createUser(String username, List<String> roles, List<String> groups) {
        KeycloakServer keycloak = new KeycloakServer();
        String admin = keycloak.adminToken();
        for (String group : groups) {
            keycloak.send(HttpRequest.newBuilder(BASE.resolve("admin/realms/" + REALM + "/groups"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + group + "\"}")), 201, 409);
        }
        String groupPaths = groups.stream().map(group -> "\"/" + group + "\"").collect(Collectors.joining(","));
        HttpResponse<String> created = keycloak.send(HttpRequest.newBuilder(
                        BASE.resolve("admin/realms/" + REALM + "/users"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"enabled\":true,"
                        + "\"email\":\"" + username + "@example.com\",\"emailVerified\":true,\"firstName\":\""
                        + username + "\",\"lastName\":\"Tester\",\"groups\":[" + groupPaths + "],"
                        + "\"credentials\":[{\"type\":\"password\",\"value\":\"" + PASSWORD
                        + "\",\"temporary\":false}]}")), 201);
        String location = created.headers().firstValue("Location").orElseThrow();
        List<String> roleReps = new ArrayList<>();
        for (String role : roles) {
            roleReps.add(keycloak.send(HttpRequest.newBuilder(BASE.resolve("admin/realms/" + REALM + "/roles/" + role))
                    .header("Authorization", "Bearer " + admin).GET(), 200).body());
        }
        keycloak.send(HttpRequest.newBuilder(URI.create(location + "/role-mappings/realm"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", roleReps) + "]")), 204);
    }

    /** A client like {@code liaison-cli} whose access tokens live {@code seconds}, for expired-token tests. */
    static void createShortLivedClient(String clientId, int seconds) {
        KeycloakServer keycloak = new KeycloakServer();
        String admin = keycloak.adminToken();
        keycloak.send(HttpRequest.newBuilder(BASE.resolve("admin/realms/" + REALM + "/clients"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"clientId\":\"" + clientId + "\",\"enabled\":true,"
                        + "\"publicClient\":true,\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":false,"
                        + "\"attributes\":{\"access.token.lifespan\":\"" + seconds + "\"},"
                        + "\"protocolMappers\":[{\"name\":\"workspaces\",\"protocol\":\"openid-connect\","
                        + "\"protocolMapper\":\"oidc-group-membership-mapper\",\"config\":{\"claim.name\":"
                        + "\"workspaces\",\"full.path\":\"false\",\"access.token.claim\":\"true\"}}]}")), 201, 409);
    }

    /** A password-grant access token for a user created by {@link #createUser}. */
    static String accessToken(String clientId, String username) {
        return new KeycloakServer().token("realms/" + REALM, clientId, username, PASSWORD);
    }

    private String adminToken() {
        return token("realms/master", "admin-cli", "admin", ADMIN_PASSWORD);
    }

    private String token(String realmPath, String clientId, String username, String password) {
        String form = Map.of("grant_type", "password", "client_id", clientId, "username", username,
                        "password", password).entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        BASE.resolve(realmPath + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), 200);
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            JsonObject body = reader.readObject();
            return body.getString("access_token");
        }
    }

    private int status(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new AssertionError("Keycloak unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int... expected) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (int status : expected) {
                if (response.statusCode() == status) {
                    return response;
                }
            }
            throw new AssertionError("Keycloak answered " + response.statusCode() + " " + response.body() + " to "
                    + response.request().method() + " " + response.request().uri());
        } catch (IOException e) {
            throw new AssertionError("Keycloak unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
