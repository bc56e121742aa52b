package dev.liaison.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SignInPageTest {

    @Test
    void afterSigningInTheBrowserGoesBackToTheConsolePageItCameFrom() {
        assertEquals("/console/people?q=anna%40example.com", SignInPage.localNext("/console/people?q=anna%40example.com"));
        assertEquals("/console/connections/3f2c", SignInPage.localNext("/console/connections/3f2c"));
    }

    @Test
    void neverToAnotherSiteOrOutsideTheConsole() {
        for (String elsewhere : new String[] {"https://evil.example/", "//evil.example/console", "/console//evil.example",
                "/api/admin/connections", "/console/../api", "/consolex", "javascript:alert(1)", "/console\\evil",
                "/console/" + "a".repeat(3000), null, ""}) {
            assertEquals("/console/", SignInPage.localNext(elsewhere), String.valueOf(elsewhere));
        }
    }

    @Test
    void tokensAreComparedWhole() {
        assertTrue(ConsoleGate.sameToken("abc", "abc"));
        assertFalse(ConsoleGate.sameToken("abc", "abd"));
        assertFalse(ConsoleGate.sameToken("abc", "ab"));
        assertFalse(ConsoleGate.sameToken("abc", null));
        assertFalse(ConsoleGate.sameToken(null, null));
    }

    @Test
    void onlyTheEnglishAndRussianConsolesExist() {
        assertEquals(java.util.List.of("en", "ru"), ConsoleLocale.SUPPORTED);
        assertTrue(SignInPage.isSignInPath("/console/login"));
        assertFalse(SignInPage.isSignInPath("/console/login/../connections"));
    }
}
