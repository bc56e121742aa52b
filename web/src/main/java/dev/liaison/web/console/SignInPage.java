package dev.liaison.web.console;

import dev.liaison.platform.account.ConsoleSessionStore;
import dev.liaison.platform.account.UserAccountStore;
import dev.liaison.platform.audit.AuditEvent;
import dev.liaison.platform.audit.AuditStore;
import dev.liaison.platform.workspace.WorkspaceDirectory;
import dev.liaison.web.edge.EdgeExtension;
import dev.liaison.web.edge.SignInThrottle;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console's sign-in and sign-out. The password is checked by the server's own realm ({@code request.login}),
 * the one the API's HTTP Basic uses, then the verified name, roles and workspace open a console session. API keys
 * ({@code lk_…}) never sign in here, and the form is guarded against login CSRF by a value the page set in a cookie
 * and repeats in the form. Failed attempts count against the same throttle as the API's.
 */
@Path(SignInPage.PATH)
@RequestScoped
@PermitAll
public class SignInPage {

    static final String PATH = "/console/login";
    static final String LANGUAGE_PATH = "/console/language";
    static final String FORM_COOKIE = "liaison_console_login";
    private static final Logger LOG = Logger.getLogger(SignInPage.class.getName());
    private static final Pattern LOCAL_NEXT = Pattern.compile("/console(/[A-Za-z0-9._~%/-]*)?(\\?[^\\\\]*)?");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConsolePages pages;
    private final ConsoleSessionStore sessions;
    private final UserAccountStore accounts;
    private final WorkspaceDirectory workspaces;
    private final AuditStore trail;
    private final Clock clock;
    private final String cookieSecurity;

    @Context
    HttpServletRequest request;

    @Inject
    public SignInPage(ConsolePages pages, ConsoleSessionStore sessions, UserAccountStore accounts,
                      WorkspaceDirectory workspaces, AuditStore trail, Clock clock,
                      @ConfigProperty(name = "liaison.console.secure-cookie", defaultValue = "auto")
                      String cookieSecurity) {
        this.pages = pages;
        this.sessions = sessions;
        this.accounts = accounts;
        this.workspaces = workspaces;
        this.trail = trail;
        this.clock = clock;
        this.cookieSecurity = cookieSecurity;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public SignInPage() {
        this(null, null, null, null, null, null, "auto");
    }

    static boolean isSignInPath(String path) {
        return path.equals(PATH) || path.equals(LANGUAGE_PATH);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response form(@QueryParam("next") String next) {
        return page(next, null, Response.Status.OK).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@FormParam("username") String username, @FormParam("password") String password,
                           @FormParam(ConsoleGate.CSRF_FIELD) String csrf, @FormParam("next") String next) {
        if (!ConsoleGate.sameToken(ConsoleGate.cookie(request, FORM_COOKIE), csrf)) {
            return page(next, "login_expired", Response.Status.FORBIDDEN).build();
        }
        if (username == null || username.isBlank() || username.length() > 255 || password == null
                || password.isEmpty() || password.length() > 1024) {
            return page(next, "login_failed", Response.Status.BAD_REQUEST).build();
        }
        SignInThrottle throttle = (SignInThrottle) request.getServletContext()
                .getAttribute(EdgeExtension.THROTTLE_ATTRIBUTE);
        String address = request.getRemoteAddr();
        Instant now = clock.instant();
        Optional<Duration> wait = throttle.waitBefore(address, username, now);
        if (wait.isPresent()) {
            return page(next, "login_throttled", Response.Status.TOO_MANY_REQUESTS)
                    .header("Retry-After", Math.max(1, wait.get().toSeconds()))
                    .build();
        }
        Optional<Set<String>> roles = username.startsWith("lk_") ? Optional.empty() : verifiedRoles(username,
                password);
        if (roles.isEmpty()) {
            throttle.failed(address, username, now);
            return page(next, "login_failed", Response.Status.UNAUTHORIZED).build();
        }
        throttle.succeeded(address, username, now);
        String workspace = accounts.workspaceOf(username);
        if (roles.get().isEmpty() || !workspaces.exists(workspace)) {
            return page(next, "login_no_role", Response.Status.FORBIDDEN).build();
        }
        ConsoleSessionStore.Opened opened = sessions.open(username, workspace, roles.get(), now);
        trail.record(new AuditEvent(workspace, now, username, "console.sign-in", null,
                AuditEvent.Outcome.SUCCEEDED, 303, null));
        return Response.seeOther(URI.create(request.getContextPath() + localNext(next)))
                .cookie(sessionCookie(opened.token(), (int) ConsoleSessionStore.ABSOLUTE_TIMEOUT.toSeconds()))
                .cookie(formCookie("", 0))
                .build();
    }

    /** The roles the realm grants after it checked the password; empty when it did not accept it. */
    private Optional<Set<String>> verifiedRoles(String username, String password) {
        try {
            request.login(username, password);
        } catch (ServletException refused) {
            LOG.fine("A console sign-in was refused by the realm");
            return Optional.empty();
        }
        try {
            Set<String> granted = new LinkedHashSet<>();
            for (String role : Roles.ALL) {
                if (request.isUserInRole(role)) {
                    granted.add(role);
                }
            }
            return Optional.of(granted);
        } finally {
            logoutQuietly();
        }
    }

    /** Forgets the realm's identity, and the container session it cached it in: the console keeps its own. */
    private void logoutQuietly() {
        try {
            request.logout();
        } catch (ServletException e) {
            LOG.fine("The realm kept no identity to sign out");
        }
        HttpSession cached = request.getSession(false);
        if (cached != null) {
            cached.invalidate();
        }
    }

    private Response.ResponseBuilder page(String next, String errorKey, Response.Status status) {
        String formToken = ConsoleGate.cookie(request, FORM_COOKIE);
        if (formToken == null || formToken.length() != 43) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            formToken = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        Screen screen = Screen.of(request, "login").titled("login_title", "login")
                .with("formCsrf", formToken)
                .with("next", localNext(next));
        if (errorKey != null) {
            screen.with("error", screen.text(errorKey));
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(pages.render(screen))
                .cookie(formCookie(formToken, -1));
    }

    /** Where to go after signing in: a console page of this server, never another site. */
    static String localNext(String next) {
        return next != null && next.length() <= 2000 && LOCAL_NEXT.matcher(next).matches() && !next.contains("//")
                && !next.contains("/../") ? next : "/console/";
    }

    NewCookie sessionCookie(String token, int maxAge) {
        return ConsoleCookies.cookie(request, cookieSecurity, ConsoleGate.SESSION_COOKIE, token, "/console", maxAge);
    }

    private NewCookie formCookie(String value, int maxAge) {
        return ConsoleCookies.cookie(request, cookieSecurity, FORM_COOKIE, value, PATH, maxAge);
    }
}
