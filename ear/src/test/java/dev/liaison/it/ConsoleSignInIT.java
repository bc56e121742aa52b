package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The console's sign-in in a real browser: the embedded admin signs in through the form and out again, a wrong
 * password is told so on the form, a form posted with a wrong CSRF token is refused and changes nothing, and the
 * language follows the browser and can be switched. Every screen is checked with axe-core.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleSignInIT {

    static final String ADMIN = "admin";

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    @RegisterExtension
    final ConsoleBrowser.Journey journey = new ConsoleBrowser.Journey();

    @Test
    void theAdminSignsInAndOut() {
        ConsoleBrowser browser = journey.open(root());

        browser.go("console/login").screen("login");
        assertThat(browser.language()).isEqualTo("en");
        assertThat(browser.element(By.cssSelector("input[type=hidden][name=_csrf]")).getAttribute("value"))
                .isNotBlank();
        browser.type("username", ADMIN).type("password", LiaisonClient.ADMIN_PASSWORD).click("sign-in")
                .waitUntil(ConsoleBrowser::signedIn, "a console page after signing in");
        browser.screen("landing");
        assertThat(browser.has(By.id("error-status"))).as("the landing page " + browser.path() + " is a page")
                .isFalse();

        for (String link : new String[] {"nav-connections", "nav-people", "nav-compliance", "nav-routing",
                                         "lang-en", "lang-ru"}) {
            assertThat(browser.byId(link).isDisplayed()).as("#" + link).isTrue();
        }
        assertThat(browser.byId("sign-out").findElement(By.xpath("ancestor::form")).getAttribute("method"))
                .isEqualToIgnoringCase("post");
        browser.signOut().screen("signed-out");
        browser.go("console/");
        assertThat(browser.path()).as("a signed-out browser is sent to the login page").startsWith("/console/login");
    }

    /** Once only: repeated failures would slow this address down (the sign-in throttle, SecurityIT). */
    @Test
    void aWrongPasswordIsToldOnTheForm() {
        ConsoleBrowser browser = journey.open(root());

        browser.signIn(ADMIN, "not-the-password");

        assertThat(browser.text("login-error")).isNotBlank();
        assertThat(browser.path()).startsWith("/console/login");
        browser.screen("wrong-password");
        browser.go("console/");
        assertThat(browser.path()).startsWith("/console/login");
    }

    @Test
    void aFormWithAWrongCsrfTokenIsRefusedAndChangesNothing() {
        ConsoleBrowser browser = journey.open(root());
        browser.go("console/login");
        String token = browser.csrfToken();

        LiaisonClient.Reply forgedSignIn = browser.postWithSession("console/login",
                Map.of("username", ADMIN, "password", LiaisonClient.ADMIN_PASSWORD, "_csrf", token + "x"));

        assertThat(forgedSignIn.status()).as(forgedSignIn.body()).isEqualTo(403);
        browser.go("console/");
        assertThat(browser.path()).as("the forged sign-in signed nobody in").startsWith("/console/login");

        browser.signIn(ADMIN, LiaisonClient.ADMIN_PASSWORD)
                .waitUntil(ConsoleBrowser::signedIn, "a console page after signing in");
        String signOut = URI.create(browser.byId("sign-out").findElement(By.xpath("ancestor::form"))
                .getAttribute("action")).getPath().substring(1);
        LiaisonClient.Reply forgedSignOut = browser.postWithSession(signOut, Map.of("_csrf", "not-the-token"));
        LiaisonClient.Reply noToken = browser.postWithSession(signOut, Map.of());

        assertThat(forgedSignOut.status()).as(forgedSignOut.body()).isEqualTo(403);
        assertThat(noToken.status()).as(noToken.body()).isEqualTo(403);
        browser.go("console/");
        assertThat(browser.signedIn()).as("the forged sign-out signed nobody out").isTrue();
        browser.screen("still-signed-in");
    }

    @Test
    void theLanguageFollowsTheBrowserAndCanBeSwitched() {
        ConsoleBrowser browser = journey.open(root(), Locale.forLanguageTag("ru-RU"));

        browser.go("console/login").screen("login-ru");
        assertThat(browser.language()).isEqualTo("ru");
        browser.signIn(ADMIN, LiaisonClient.ADMIN_PASSWORD)
                .waitUntil(ConsoleBrowser::signedIn, "a console page after signing in");
        assertThat(browser.language()).isEqualTo("ru");
        browser.screen("landing-ru");

        browser.click("lang-en");

        assertThat(browser.language()).isEqualTo("en");
        browser.screen("landing-switched-to-en");
        browser.go("console/");
        assertThat(browser.language()).as("the choice outlives the page").isEqualTo("en");
    }

    private URI root() {
        try {
            return new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/").toURI();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
