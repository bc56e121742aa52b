package dev.liaison.web.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.NewCookie;
import java.util.Set;

/**
 * The console's cookies: never readable by scripts, sent on same-site navigations only ({@code SameSite=Lax}, so the
 * way back from an OAuth consent screen keeps the session), and {@code Secure}. {@code liaison.console.secure-cookie}
 * is {@code auto} by default: Secure unless the console is opened over plain HTTP on this machine's loopback
 * address, where browsers would drop a Secure cookie and nobody else can listen; {@code true} or {@code false}
 * force it.
 */
final class ConsoleCookies {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private ConsoleCookies() {
    }

    static NewCookie cookie(HttpServletRequest request, String security, String name, String value, String path,
                            int maxAge) {
        return new NewCookie.Builder(name).value(value).path(request.getContextPath() + path).maxAge(maxAge)
                .httpOnly(true).secure(secure(request, security)).sameSite(NewCookie.SameSite.LAX).build();
    }

    static boolean secure(HttpServletRequest request, String security) {
        if ("true".equalsIgnoreCase(security)) {
            return true;
        }
        if ("false".equalsIgnoreCase(security)) {
            return false;
        }
        return request.isSecure() || !LOOPBACK.contains(request.getServerName());
    }
}
