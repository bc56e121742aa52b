package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The browser the console's journeys use, against two small pages served here rather than by WildFly: it signs in
 * and clicks, numbers its screenshots, and axe-core fails a page with serious or critical violations and passes a
 * clean one. Skipped, like the journeys, where Chromium is not installed.
 */
class ConsoleBrowserTest {

    private static final String CLEAN = """
            <!DOCTYPE html><html lang="en"><head><title>Clean</title></head><body><main>
            <h1>Sign in</h1>
            <form method="post" action="/signed-in"><input type="hidden" name="_csrf" value="t0ken">
            <label for="username">User</label><input id="username" name="username">
            <button id="sign-in" type="submit">Sign in</button></form></main></body></html>
            """;
    private static final String BROKEN = """
            <!DOCTYPE html><html lang="en"><head><title>Broken</title></head><body><main>
            <img src="/logo.png"><input type="text" id="q"></main></body></html>
            """;

    @RegisterExtension
    final ConsoleBrowser.Journey journey = new ConsoleBrowser.Journey();

    private HttpServer server;
    private URI base;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Map.of("/clean", CLEAN, "/broken", BROKEN, "/signed-in", "<!DOCTYPE html><html lang=\"en\"><head><title>In"
                + "</title></head><body><main><h1 id=\"who\">signed in</h1></main></body></html>")
                .forEach((path, page) -> server.createContext(path, exchange -> {
                    byte[] body = page.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aCleanPagePassesAndItsFormWorks() {
        ConsoleBrowser browser = journey.open(base);

        browser.go("clean").screen("clean");
        assertThat(browser.csrfToken()).isEqualTo("t0ken");
        browser.type("username", "admin").click("sign-in");

        assertThat(browser.path()).isEqualTo("/signed-in");
        assertThat(browser.text("who")).isEqualTo("signed in");
        Path second = browser.screenshot("after sign-in");
        assertThat(second.getFileName()).hasToString("02-after-sign-in.png");
        assertThat(second.getParent().getFileName()).hasToString("a-clean-page-passes-and-its-form-works");
        assertThat(second).isNotEmptyFile();
    }

    @Test
    void seriousAndCriticalViolationsFailWithEveryOneListed() {
        ConsoleBrowser browser = journey.open(base);

        browser.go("broken");

        assertThatThrownBy(() -> browser.assertAccessible("broken"))
                .hasMessageContaining("on broken (/broken)")
                .hasMessageContaining("critical image-alt")
                .hasMessageContaining("critical label")
                .hasMessageContaining("[#q]");
    }

    @Test
    void closingQuitsChromiumAndItsDriverAndDeletesTheProfile() throws IOException {
        long profilesBefore = profiles();
        ConsoleBrowser browser = journey.open(base);
        browser.go("clean");
        List<ProcessHandle> started = ProcessHandle.current().descendants()
                .filter(process -> process.info().command().orElse("").contains("chrom")).toList();

        browser.close();
        browser.close();

        assertThat(started).as("chromedriver and chromium were started").hasSizeGreaterThanOrEqualTo(2);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(started).noneMatch(ProcessHandle::isAlive));
        assertThat(profiles()).isEqualTo(profilesBefore);
    }

    private static long profiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith("liaison-chromium-")).count();
        }
    }
}
