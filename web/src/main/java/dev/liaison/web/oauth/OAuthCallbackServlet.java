package dev.liaison.web.oauth;

import dev.liaison.connector.api.Authorizable;
import dev.liaison.connector.api.CallbackRequest;
import dev.liaison.connector.api.CallbackResponse;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SetupRefusedException;
import dev.liaison.platform.connection.ConnectionStore;
import dev.liaison.platform.registry.ConnectorRegistry;
import dev.liaison.web.install.SetupProblems;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.problem.ProblemJson;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /oauth/{kind}/callback?code=...&state=...}: where the vendor sends the admin's browser after access was
 * granted (the Redirect URI of an {@link Authorizable} connector; amoCRM's is {@code /oauth/amocrm/callback}). No
 * sign-in: the browser comes back from the vendor, and the {@code state} the admin got from
 * {@code GET /api/admin/connections/{id}/oauth/authorize-url} is what makes the request trustworthy (the connector
 * issued it, bound to one connection, single-use, short-lived). The state names the connection; the connector checks
 * it, exchanges the code, stores the tokens and registers Liaison's webhook.
 * <p>
 * A servlet, like webhook intake, because the JAX-RS application authenticates every request it serves, and the
 * Redirect URI is one fixed URL per kind (the state names the connection) so that it can be registered at the vendor
 * before the connection exists.
 */
@WebServlet(name = "oauth-callback", urlPatterns = OAuthCallbackServlet.PATTERN)
public class OAuthCallbackServlet extends HttpServlet {

    static final String PATTERN = "/oauth/*";
    private static final Pattern CALLBACK = Pattern.compile("/([a-z0-9-]+)/callback");

    // Servlets are instantiated by the container through their no-argument constructor, hence field injection.
    @Inject
    private transient ConnectionStore connections;

    @Inject
    private transient ConnectorRegistry connectors;

    @Inject
    @ConfigProperty(name = "liaison.public-url", defaultValue = " ")
    private transient String publicUrl;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Matcher callback = CALLBACK.matcher(String.valueOf(request.getPathInfo()));
        Optional<Authorizable> found = callback.matches()
                ? connectors.find(callback.group(1), Authorizable.class) : Optional.empty();
        if (found.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String kind = callback.group(1);
        Authorizable connector = found.get();
        // The URL carries a code and a state: nothing on the way back may keep it.
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        try {
            CallbackParameters.check(request.getQueryString());
            CallbackRequest redirect = redirect(request, null, null);
            ConnectionContext connection = connector.connectionOf(redirect)
                    .flatMap(connections::findInAnyWorkspace)
                    .filter(candidate -> kind.equals(candidate.kind()))
                    .orElseThrow(() -> ProblemException.invalid("state", "is not a pending authorization of a "
                            + kind + " connection; ask for a new authorization URL"));
            String base = publicBase(connector, connection, request, "/oauth/" + kind + "/callback");
            write(response, connector.completeAuthorization(connection, redirect(request,
                    URI.create(base + "/hooks/" + connection.id()), URI.create(base + "/oauth/" + kind + "/callback"))));
        } catch (SetupRefusedException e) {
            problem(request, response, SetupProblems.of(e));
        } catch (RemoteSystemException e) {
            problem(request, response, new ProblemException(Response.Status.BAD_GATEWAY, "remote-failure",
                    "The remote system refused or failed", e.getMessage(), List.of()));
        } catch (ProblemException e) {
            problem(request, response, e);
        }
    }

    /**
     * Only GET is served: a HEAD would run the whole callback, exchange the code and spend the state, for an answer
     * without a body (a link checker or a prefetching proxy sends one).
     */
    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "GET");
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }

    private static CallbackRequest redirect(HttpServletRequest request, URI webhookUrl, URI callbackUrl) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return new CallbackRequest(request.getMethod(), request.getContentType(), headers, request.getQueryString(),
                null, webhookUrl, callbackUrl);
    }

    /**
     * Liaison's public address, under which the webhook URL is built: {@code liaison.public-url} when set, otherwise
     * the base of the connector's Redirect URI, which the vendor just reached through the browser and so is public,
     * otherwise the base of this request's URL. No trailing slash.
     */
    private String publicBase(Authorizable connector, ConnectionContext connection, HttpServletRequest request,
                              String callbackPath) {
        String base;
        if (!publicUrl.isBlank()) {
            base = publicUrl.trim();
        } else {
            String requestUrl = request.getRequestURL().toString();
            String redirectUri = connector.redirectUri(connection).map(URI::toString).orElse(requestUrl);
            int at = redirectUri.indexOf(callbackPath);
            base = at < 0 ? requestUrl.replace(callbackPath, "") : redirectUri.substring(0, at);
        }
        return base.replaceAll("/+$", "");
    }

    private static void write(HttpServletResponse response, CallbackResponse answer) throws IOException {
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        if (answer.location() != null) {
            response.setHeader("Location", answer.location().toString());
        }
        response.getOutputStream().write(answer.body().getBytes(StandardCharsets.UTF_8));
    }

    private static void problem(HttpServletRequest request, HttpServletResponse response, ProblemException problem)
            throws IOException {
        byte[] document = ProblemJson.write(problem.toProblem(request.getRequestURI())).getBytes(StandardCharsets.UTF_8);
        response.setStatus(problem.status().getStatusCode());
        response.setContentType(Problem.MEDIA_TYPE);
        response.getOutputStream().write(document);
    }
}
