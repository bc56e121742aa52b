package dev.liaison.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium signed in (or not) to the console, as a person at a desk would use it: Debian's
 * {@code chromium} driven through its {@code chromedriver}, never a browser or driver downloaded at run time.
 *
 * <p>Each step of a journey can leave a numbered screenshot, {@code target/screenshots/<journey>/NN-<step>.png}, and
 * each screen is checked with axe-core: a serious or critical violation fails the test, moderate and minor ones are
 * printed. Browsers are opened through a {@link Journey} registered on the test, which skips the test when Chromium
 * is missing, screenshots every open browser when the test fails and quits them all afterwards, so no Chromium
 * outlives its test.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("liaison.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Path SCREENSHOTS = Path.of(System.getProperty("liaison.screenshots", "target/screenshots"));
    private static final String AXE_VERSION = System.getProperty("liaison.axe.version", "4.6.3");
    private static final List<String> FAILING_IMPACTS = List.of("serious", "critical");
    /** Every browser not yet quit, for the shutdown hook: a JVM ended mid-test must not leave Chromium behind. */
    private static final List<ConsoleBrowser> OPEN = new CopyOnWriteArrayList<>();
    private static final String AXE_RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, {resultTypes: ['violations']})
               .then(r => done(r.violations.map(v => ({id: v.id, impact: String(v.impact), help: v.help,
                                                       targets: v.nodes.map(n => n.target.join(' '))}))))
               .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), targets: []}]));
            """;

    /**
     * The driver looks for Chrome DevTools Protocol bindings of Chromium's exact version at every start, and warns
     * when Debian's Chromium is newer than the Selenium release; the journeys use no DevTools feature. Held here
     * because java.util.logging keeps loggers only weakly.
     */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(ConsoleBrowser::close)));
    }

    private final URI base;
    private final Journey journey;
    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private ConsoleBrowser(URI base, Journey journey, Locale language) throws IOException {
        this.base = base;
        this.journey = journey;
        this.profile = Files.createTempDirectory("liaison-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--lang=" + language.toLanguageTag(),
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguages(language)));
        // Naming the driver's executable is what keeps Selenium Manager from running (and downloading) at all.
        this.service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver started;
        try {
            started = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteProfile();
            throw e;
        }
        this.driver = started;
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        OPEN.add(this);
    }

    /** {@code ru-RU} becomes {@code ru-RU,ru}: the language with its region first, then the language alone. */
    private static String acceptLanguages(Locale language) {
        return language.getCountry().isEmpty() ? language.getLanguage()
                : language.toLanguageTag() + "," + language.getLanguage();
    }

    /** Opens {@code path} (relative to the server's root, e.g. {@code console/login}) and waits until it loaded. */
    ConsoleBrowser go(String path) {
        driver.get(base.resolve(path).toString());
        return this;
    }

    /** Signs in through the login form and waits to leave it; whether it worked is for the caller to check. */
    ConsoleBrowser signIn(String username, String password) {
        go("console/login");
        type("username", username);
        type("password", password);
        click("sign-in");
        return this;
    }

    /** Presses the navigation's sign-out button and waits for the login page. */
    ConsoleBrowser signOut() {
        click("sign-out");
        waitUntil(browser -> path().startsWith("/console/login"), "the login page after signing out");
        return this;
    }

    /** Whether a console page other than the login form is shown with its sign-out button: someone is signed in. */
    boolean signedIn() {
        return path().startsWith("/console") && !path().startsWith("/console/login") && has(By.id("sign-out"));
    }

    /** The path of the page shown, e.g. {@code /console/people}. */
    String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    String title() {
        return driver.getTitle();
    }

    /** The page's {@code <html lang>}. */
    String language() {
        return element(By.tagName("html")).getAttribute("lang");
    }

    WebElement byId(String id) {
        return element(By.id(id));
    }

    WebElement element(By by) {
        return new WebDriverWait(driver, WAIT).until(browser -> browser.findElement(by));
    }

    List<WebElement> elements(By by) {
        return driver.findElements(by);
    }

    boolean has(By by) {
        return !driver.findElements(by).isEmpty();
    }

    /** The visible text of the element with this id. */
    String text(String id) {
        return byId(id).getText();
    }

    ConsoleBrowser type(String id, String text) {
        WebElement input = byId(id);
        input.clear();
        input.sendKeys(text);
        return this;
    }

    /** Clicks the element with this id and waits for the page it leads to, if it leads anywhere. */
    ConsoleBrowser click(String id) {
        byId(id).click();
        waitUntil(browser -> "complete".equals(browser.driver.executeScript("return document.readyState")),
                "the page to load after clicking #" + id);
        return this;
    }

    /** Waits until the condition holds; {@code what} says what was awaited when it never does. */
    ConsoleBrowser waitUntil(Predicate<ConsoleBrowser> condition, String what) {
        new WebDriverWait(driver, WAIT).withMessage(what).until(ignored -> condition.test(this));
        return this;
    }

    /** Reloads the page shown, once a second for up to a minute, until {@code condition} holds: for work done later. */
    ConsoleBrowser reloadUntil(Predicate<ConsoleBrowser> condition, String what) {
        new WebDriverWait(driver, Duration.ofSeconds(60)).pollingEvery(Duration.ofSeconds(1)).withMessage(what)
                .until(ignored -> {
                    driver.navigate().refresh();
                    return condition.test(this);
                });
        return this;
    }

    /** The value of the current page's first hidden {@code _csrf} field. */
    String csrfToken() {
        return element(By.name("_csrf")).getAttribute("value");
    }

    /**
     * Posts a form to {@code path} with this browser's session cookies and an {@code Origin} of the server itself,
     * as the page's own form would, but with whatever fields the test chooses (a wrong {@code _csrf}, say); the
     * answer is not followed.
     */
    LiaisonClient.Reply postWithSession(String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return withSession(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", base.getScheme() + "://" + base.getAuthority())
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Gets {@code path} with this browser's session cookies, to see the status a browser does not show. */
    LiaisonClient.Reply getWithSession(String path) {
        return withSession(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private LiaisonClient.Reply withSession(HttpRequest.Builder request) {
        String cookies = driver.manage().getCookies().stream().map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        try {
            HttpResponse<String> answer = http.send(request.timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            return new LiaisonClient.Reply(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(""),
                    answer.body(), answer.headers().firstValue("ETag").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The session cookies the server set, e.g. to check their flags. */
    List<Cookie> cookies() {
        return new ArrayList<>(driver.manage().getCookies());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A screenshot of this step and axe-core's verdict on the screen: what every visited screen gets. */
    ConsoleBrowser screen(String step) {
        screenshot(step);
        assertAccessible(step);
        return this;
    }

    /** Saves {@code target/screenshots/<journey>/NN-<step>.png}, numbered in the journey's order, and returns it. */
    Path screenshot(String step) {
        Path file = journey.nextScreenshot(step);
        try {
            Files.createDirectories(file.getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Runs axe-core on the page shown and fails listing every serious or critical violation (rule, impact, what it
     * asks for and the elements it found); moderate and minor ones are printed, so they are seen without failing.
     */
    @SuppressWarnings("unchecked")
    void assertAccessible(String screen) {
        driver.executeScript(axeSource());
        List<Map<String, Object>> violations = (List<Map<String, Object>>) driver.executeAsyncScript(AXE_RUN);
        List<String> failing = new ArrayList<>();
        for (Map<String, Object> violation : violations) {
            String line = violation.get("impact") + " " + violation.get("id") + ": " + violation.get("help") + " at "
                    + violation.get("targets");
            if (FAILING_IMPACTS.contains(String.valueOf(violation.get("impact")))) {
                failing.add(line);
            } else {
                System.out.println("axe, " + journey.name + " / " + screen + " (" + path() + "): " + line);
            }
        }
        if (!failing.isEmpty()) {
            throw new AssertionError("axe-core found " + failing.size() + " serious or critical violation(s) on "
                    + screen + " (" + path() + "):\n  " + String.join("\n  ", failing));
        }
    }

    private static String axeSource() {
        String resource = "/META-INF/resources/webjars/axe-core/" + AXE_VERSION + "/axe.min.js";
        try (InputStream in = ConsoleBrowser.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("axe-core is not on the test class path: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Quits Chromium and its driver and deletes the browser profile; safe to call twice. */
    @Override
    public void close() {
        if (!OPEN.remove(this)) {
            return;
        }
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            System.out.println("could not delete the browser profile " + profile + ": " + e);
        }
    }

    /**
     * One test's journey: register it with {@code @RegisterExtension} and open browsers with {@link #open}. Its name
     * (the test method's, in words: {@code adminAddsAConnection} gives {@code admin-adds-a-connection}) names the
     * screenshot folder, which starts empty on every run; the screenshots of all its browsers share one numbering.
     */
    static final class Journey implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

        /** The build's output says once why browser tests were skipped; the test reports say it for each. */
        private static final AtomicBoolean TOLD_SKIPPED = new AtomicBoolean();

        private final List<ConsoleBrowser> browsers = new ArrayList<>();
        private final AtomicInteger screenshots = new AtomicInteger();
        private String name = "journey";

        @Override
        public void beforeEach(ExtensionContext context) throws IOException {
            for (Path executable : List.of(CHROMIUM, CHROMEDRIVER)) {
                String skipped = "browser tests skipped: " + executable + " not found; install chromium and "
                        + "chromium-driver";
                if (!Files.isExecutable(executable) && TOLD_SKIPPED.compareAndSet(false, true)) {
                    System.out.println(skipped);
                }
                assumeTrue(Files.isExecutable(executable), skipped);
            }
            name = context.getRequiredTestMethod().getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                    .replaceAll("([A-Z])([A-Z][a-z])", "$1-$2").toLowerCase(Locale.ROOT);
            screenshots.set(0);
            Path folder = SCREENSHOTS.resolve(name);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
            }
        }

        /** A new browser, with its own profile and session, asking for pages in English. */
        ConsoleBrowser open(URI base) {
            return open(base, Locale.forLanguageTag("en-US"));
        }

        /** A new browser whose language (the {@code Accept-Language} it sends, and its UI) is {@code language}. */
        ConsoleBrowser open(URI base, Locale language) {
            try {
                ConsoleBrowser browser = new ConsoleBrowser(base, this, language);
                browsers.add(browser);
                return browser;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Path nextScreenshot(String step) {
            String file = String.format(Locale.ROOT, "%02d-%s.png", screenshots.incrementAndGet(),
                    step.replaceAll("[^A-Za-z0-9-]+", "-"));
            return SCREENSHOTS.resolve(name).resolve(file);
        }

        /** A failing test leaves what each of its browsers showed at that moment. */
        @Override
        public void afterTestExecution(ExtensionContext context) {
            if (context.getExecutionException().isEmpty()) {
                return;
            }
            for (ConsoleBrowser browser : browsers) {
                try {
                    System.out.println("failed at " + browser.driver.getCurrentUrl() + ", screenshot "
                            + browser.screenshot("failed"));
                } catch (RuntimeException e) {
                    System.out.println("no screenshot of the failure: " + e);
                }
            }
        }

        @Override
        public void afterEach(ExtensionContext context) {
            browsers.forEach(ConsoleBrowser::close);
            browsers.clear();
        }
    }
}
