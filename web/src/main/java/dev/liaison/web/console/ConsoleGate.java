package dev.liaison.web.console;

import dev.liaison.platform.account.ConsoleSessionStore;
import dev.liaison.platform.account.ConsoleSessionStore.ConsoleSession;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.platform.workspace.WorkspaceDirectory;
import dev.liaison.web.security.CallerWorkspace;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * The console's door. A console request is signed in only by the session cookie the sign-in page set: an
 * {@code Authorization} header (a user's password, an API key, a bearer token) opens nothing here. The session's
 * verified workspace is bound for the request, exactly as {@link CallerWorkspace} does for the API, and its roles
 * become the request's, so {@code @RolesAllowed} on the console's pages means what it means on the API. Every
 * request that changes something must carry the session's CSRF token, or it is refused before any page runs.
 */
@WebFilter(urlPatterns = {"/console", "/console/*"})
public class ConsoleGate extends HttpFilter {

    static final String SESSION_COOKIE = "liaison_console";
    static final String CSRF_FIELD = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String SESSION_ATTRIBUTE = ConsoleSession.class.getName();
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    // The servlet container creates filters with their no-argument constructor; CDI can only inject fields.
    @Inject
    private transient ConsoleSessionStore sessions;

    @Inject
    private transient WorkspaceDirectory workspaces;

    @Inject
    private transient ConsoleErrors errors;

    @Inject
    private transient Clock clock;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        request.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (SignInPage.isSignInPath(relativePath(request))) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ConsoleSession> session = sessions.find(cookie(request, SESSION_COOKIE), clock.instant())
                .filter(found -> workspaces.exists(found.workspace()));
        if (session.isEmpty()) {
            if (isSafe(request)) {
                String back = request.getQueryString() == null ? relativePath(request)
                        : relativePath(request) + "?" + request.getQueryString();
                response.sendRedirect(request.getContextPath() + SignInPage.PATH + "?next="
                        + URLEncoder.encode(back, StandardCharsets.UTF_8));
            } else {
                refuse(request, response, HttpServletResponse.SC_UNAUTHORIZED, "The console session ended");
            }
            return;
        }
        if (!isSafe(request) && !sameToken(session.get().csrfToken(), submittedCsrf(request))) {
            refuse(request, response, HttpServletResponse.SC_FORBIDDEN, "The form's CSRF token is missing or wrong");
            return;
        }
        request.setAttribute(SESSION_ATTRIBUTE, session.get());
        request.setAttribute(CallerWorkspace.PROPERTY, session.get().workspace());
        WorkspaceContext.enter(session.get().workspace());
        try {
            chain.doFilter(new SignedIn(request, session.get()), response);
        } finally {
            WorkspaceContext.clear();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write(errors.page(request, status, detail, detail));
    }

    static String relativePath(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    static boolean isSafe(HttpServletRequest request) {
        return SAFE_METHODS.contains(request.getMethod());
    }

    static String cookie(HttpServletRequest request, String name) {
        if (request.getCookies() == null) {
            return null;
        }
        for (Cookie cookie : request.getCookies()) {
            if (cookie.getName().equals(name)) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** The form field, or the header htmx sends; a form may be multipart, which the servlet reads too. */
    private static String submittedCsrf(HttpServletRequest request) {
        String header = request.getHeader(CSRF_HEADER);
        return header != null ? header : request.getParameter(CSRF_FIELD);
    }

    static boolean sameToken(String expected, String submitted) {
        return expected != null && submitted != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
    }

    /** The request as the session's user: the name and roles the sign-in verified, and nothing else. */
    private static final class SignedIn extends HttpServletRequestWrapper {

        private final ConsoleSession session;

        SignedIn(HttpServletRequest request, ConsoleSession session) {
            super(request);
            this.session = session;
        }

        @Override
        public Principal getUserPrincipal() {
            return session::username;
        }

        @Override
        public String getRemoteUser() {
            return session.username();
        }

        @Override
        public boolean isUserInRole(String role) {
            return session.roles().contains(role);
        }

        @Override
        public String getAuthType() {
            return FORM_AUTH;
        }
    }
}
