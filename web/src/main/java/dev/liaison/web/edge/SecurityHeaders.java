package dev.liaison.web.edge;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;

/**
 * Headers every answer of the web module carries, set as the response is committed so that error pages written by
 * the container get them too. (The server sets the same on answers outside the web module, such as /openapi:
 * config/wildfly/configure-security.cli.) Liaison serves JSON, two tiny HTML forms and the console, and embeds
 * nothing, so the policies can be strict: no framing, no sniffing, no referrer, and a Content-Security-Policy that
 * allows nothing but the form's own post, or for the console its own scripts and styles.
 */
final class SecurityHeaders {

    private static final HttpString CONTENT_SECURITY_POLICY = new HttpString("Content-Security-Policy");
    private static final HttpString CONTENT_TYPE_OPTIONS = new HttpString("X-Content-Type-Options");
    private static final HttpString FRAME_OPTIONS = new HttpString("X-Frame-Options");
    private static final HttpString REFERRER_POLICY = new HttpString("Referrer-Policy");
    private static final HttpString CACHE_CONTROL = new HttpString("Cache-Control");
    private static final String NOTHING = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'none'";
    /**
     * The console loads its own scripts, styles and images and nothing else; no inline script or style runs, so an
     * injected tag could do nothing even if escaping ever failed. Pico's icons are data: SVGs.
     */
    private static final String CONSOLE = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'self'";
    private static final String OWN_FORMS = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'self'";

    private SecurityHeaders() {
    }

    static void apply(HttpServerExchange exchange) {
        HeaderMap headers = exchange.getResponseHeaders();
        String contentType = headers.getFirst(io.undertow.util.Headers.CONTENT_TYPE);
        boolean html = contentType != null && contentType.regionMatches(true, 0, "text/html", 0, 9);
        boolean console = exchange.getRequestPath().startsWith("/console");
        headers.put(CONTENT_SECURITY_POLICY, html && console ? CONSOLE : html ? OWN_FORMS : NOTHING);
        headers.put(CONTENT_TYPE_OPTIONS, "nosniff");
        headers.put(FRAME_OPTIONS, "DENY");
        headers.put(REFERRER_POLICY, "no-referrer");
        if (exchange.getRequestPath().startsWith("/api/") || console) {
            // Answers carry personal data; no shared cache or browser history should keep them.
            putIfAbsent(headers, CACHE_CONTROL, "no-store");
        }
    }

    private static void putIfAbsent(HeaderMap headers, HttpString name, String value) {
        if (!headers.contains(name)) {
            headers.put(name, value);
        }
    }
}
