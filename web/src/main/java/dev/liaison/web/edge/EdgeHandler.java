package dev.liaison.web.edge;

import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.problem.ProblemResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.handlers.ServletRequestContext;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The first thing every request meets, before the server's sign-in: security headers on the answer, a refusal of
 * TRACE, of a body over the limit and of an {@code Authorization} header the sign-in could not read, and the
 * sign-in throttle. What it refuses it answers as problem+json, since nothing behind it has run.
 */
final class EdgeHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(EdgeHandler.class.getName());

    private final HttpHandler next;
    private final long maxBodyBytes;
    private final SignInThrottle throttle;
    private final Clock clock;

    EdgeHandler(HttpHandler next, long maxBodyBytes, SignInThrottle throttle, Clock clock) {
        this.next = next;
        this.maxBodyBytes = maxBodyBytes;
        this.throttle = throttle;
        this.clock = clock;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.addResponseCommitListener(SecurityHeaders::apply);
        if (exchange.getRequestMethod().equals(Methods.TRACE) || exchange.getRequestMethod().equalToString("TRACK")) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
            refuse(exchange, ProblemResponses.of(405, "method-not-allowed", "Method not allowed",
                    "TRACE is not served", exchange.getRequestPath(), List.of()));
            return;
        }
        if (exchange.getRequestContentLength() > maxBodyBytes) {
            // Reading the rest of an oversized body only to discard it would cost what the limit is there to save.
            exchange.setPersistent(false);
            refuse(exchange, ProblemException.tooLarge().toProblem(exchange.getRequestPath()));
            return;
        }
        exchange.setMaxEntitySize(maxBodyBytes);
        Optional<String> account = account(exchange);
        if (account == null) {
            return;
        }
        if (account.isEmpty()) {
            // Nothing to guess without credentials: webhooks and public pages are never held up by the throttle.
            next.handleRequest(exchange);
            return;
        }
        String address = address(exchange);
        Optional<Duration> wait = throttle.waitBefore(address, account.get(), clock.instant());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(seconds));
            refuse(exchange, ProblemResponses.of(429, "sign-in-throttled", "Too many failed sign-ins",
                    "Too many failed sign-ins from this address; try again in " + seconds + " s",
                    exchange.getRequestPath(), List.of()));
            return;
        }
        // Only the API signs in: a 401 elsewhere is a connector refusing a webhook, not a wrong password.
        boolean signsIn = exchange.getRequestPath().startsWith("/api/");
        String name = account.get();
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            if (signsIn && done.getStatusCode() == 401) {
                throttle.failed(address, name, clock.instant());
            } else if (signsIn && done.getStatusCode() < 400) {
                throttle.succeeded(address, name, clock.instant());
            }
            nextListener.proceed();
        });
        next.handleRequest(exchange);
    }

    /**
     * The Basic account the request names, empty for none; null when the request was refused because a header is
     * malformed (the sign-in would have failed on it with a 500).
     */
    private static Optional<String> account(HttpServerExchange exchange) throws IOException {
        HeaderValues headers = exchange.getRequestHeaders().get(Headers.AUTHORIZATION);
        if (headers == null) {
            return Optional.empty();
        }
        String account = null;
        for (String header : headers) {
            Optional<BasicCredentials.Parsed> parsed = BasicCredentials.parse(header);
            if (parsed.isEmpty()) {
                LOG.fine("Refused a malformed Authorization header");
                refuse(exchange, ProblemResponses.of(400, "validation", "Invalid request",
                        "Authorization is not a well-formed credential", exchange.getRequestPath(),
                        List.of(new Problem.FieldError("Authorization", "must be 'Basic ' and the Base64 of "
                                + "id:secret, or 'Bearer ' and a token"))));
                return null;
            }
            if (account == null) {
                account = parsed.get().account();
            }
        }
        return Optional.ofNullable(account);
    }

    private static String address(HttpServerExchange exchange) {
        InetSocketAddress source = exchange.getSourceAddress();
        return source == null || source.getAddress() == null ? "unknown" : source.getAddress().getHostAddress();
    }

    private static void refuse(HttpServerExchange exchange, Problem problem) throws IOException {
        ServletRequestContext context = exchange.getAttachment(ServletRequestContext.ATTACHMENT_KEY);
        ProblemResponses.write((HttpServletResponse) context.getServletResponse(), problem);
    }
}
