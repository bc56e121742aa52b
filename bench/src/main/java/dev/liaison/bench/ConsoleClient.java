package dev.liaison.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's part in the console, as the benchmark needs it: signs in once through the login form (its CSRF token
 * and form cookie, then the session cookie the 303 sets) and then asks for pages with that session. Each answer
 * carries the server's own time for it ({@link ServerTiming}), which is what the benchmark measures.
 */
final class ConsoleClient {

    static final String SESSION_COOKIE = "liaison_console";
    static final String FORM_COOKIE = "liaison_console_login";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** One page as the benchmark saw it. */
    record Page(int status, String body, Optional<Double> serverMillis, long roundTripNanos) {
    }

    private final HttpClient http;
    private final URI base;
    private String session;

    ConsoleClient(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    /** Signs in as {@code username}; throws when the console does not open a session. */
    void signIn(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(base.resolve("/console/login")).timeout(TIMEOUT)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(form.body());
        Optional<String> formCookie = cookie(form, FORM_COOKIE);
        if (form.statusCode() != 200 || !csrf.find() || formCookie.isEmpty()) {
            throw new IllegalStateException("GET /console/login answered HTTP " + form.statusCode()
                    + " without a form token and its cookie");
        }
        String body = Map.of("username", username, "password", password, "_csrf", csrf.group(1)).entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(base.resolve("/console/login"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", FORM_COOKIE + "=" + formCookie.get())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        session = cookie(signedIn, SESSION_COOKIE).filter(value -> !value.isEmpty()).orElseThrow(
                () -> new IllegalStateException("POST /console/login answered HTTP " + signedIn.statusCode()
                        + " without a session cookie"));
        if (signedIn.statusCode() != 303) {
            throw new IllegalStateException("POST /console/login answered HTTP " + signedIn.statusCode());
        }
    }

    /** @param pathAndQuery e.g. {@code /console/people?q=...}, the query already encoded */
    Page get(String pathAndQuery) throws IOException, InterruptedException {
        if (session == null) {
            throw new IllegalStateException("sign in first");
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(TIMEOUT)
                .header("Cookie", SESSION_COOKIE + "=" + session)
                .header("Accept-Language", "en")
                .GET().build();
        long startedAt = System.nanoTime();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        long roundTrip = System.nanoTime() - startedAt;
        return new Page(answer.statusCode(), answer.body(),
                answer.headers().firstValue("Server-Timing").flatMap(ServerTiming::appMillis), roundTrip);
    }

    /** The value of cookie {@code name} among the answer's Set-Cookie headers. */
    static Optional<String> cookie(HttpResponse<?> answer, String name) {
        return cookie(answer.headers().allValues("Set-Cookie"), name);
    }

    static Optional<String> cookie(List<String> setCookies, String name) {
        String prefix = name + "=";
        return setCookies.stream().filter(header -> header.startsWith(prefix))
                .map(header -> header.substring(prefix.length()).split(";", 2)[0].strip())
                .findFirst();
    }
}
