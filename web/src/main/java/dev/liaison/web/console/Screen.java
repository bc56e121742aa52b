package dev.liaison.web.console;

import dev.liaison.platform.account.ConsoleSessionStore.ConsoleSession;
import dev.liaison.web.security.Roles;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * One page about to be rendered: its template and what the template may read. Every page gets the words of the
 * user's language ({@code m}), the language, the signed-in user and roles (to show only the menus the role matrix
 * allows) and the CSRF token its forms carry.
 */
public final class Screen {

    /** Where the WebJars' files are, versions from the POM. */
    private static final Map<String, String> ASSETS = assets();

    private final String template;
    private final Map<String, Object> model = new HashMap<>();

    private Screen(String template, String language) {
        this.template = template;
        model.put("lang", language);
        model.put("m", ConsoleMessages.of(language));
        model.put("assets", ASSETS);
        model.put("otherLanguages", ConsoleLocale.SUPPORTED.stream().filter(other -> !other.equals(language))
                .toList());
    }

    /** A page for the signed-in user of {@code request}. */
    public static Screen of(HttpServletRequest request, String template) {
        Screen screen = new Screen(template, ConsoleLocale.of(request));
        Object session = request.getAttribute(ConsoleGate.SESSION_ATTRIBUTE);
        if (session instanceof ConsoleSession signedIn) {
            screen.model.put("user", signedIn.username());
            screen.model.put("workspace", signedIn.workspace());
            screen.model.put("csrf", signedIn.csrfToken());
            screen.model.put("isAdmin", signedIn.roles().contains(Roles.CRM_ADMIN));
            screen.model.put("isAgent", signedIn.roles().contains(Roles.SUPPORT_AGENT));
            screen.model.put("isOfficer", signedIn.roles().contains(Roles.COMPLIANCE_OFFICER));
            screen.model.put("seesPeople", !signedIn.roles().isEmpty());
        }
        String path = ConsoleGate.relativePath(request);
        screen.model.put("path", path);
        screen.model.put("pathParam", URLEncoder.encode(path, StandardCharsets.UTF_8));
        return screen;
    }

    public Screen with(String name, Object value) {
        model.put(name, value);
        return this;
    }

    /** The page's title, from the messages, and which menu entry is highlighted. */
    public Screen titled(String messageKey, String menu) {
        model.put("title", ((Map<?, ?>) model.get("m")).get(messageKey));
        model.put("menu_" + menu, true);
        return this;
    }

    public String language() {
        return (String) model.get("lang");
    }

    /** A word of the page's language, formatted with {@code arguments}. */
    public String text(String key, Object... arguments) {
        return ConsoleMessages.text(language(), key, arguments);
    }

    private static Map<String, String> assets() {
        Properties found = new Properties();
        try (InputStream in = Screen.class.getResourceAsStream("/console/webjars.properties")) {
            found.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("console/webjars.properties is part of the WAR", e);
        }
        Map<String, String> assets = new HashMap<>();
        found.stringPropertyNames().forEach(name -> assets.put(name, found.getProperty(name)));
        return Map.copyOf(assets);
    }

    String template() {
        return template;
    }

    Map<String, Object> model() {
        return model;
    }
}
