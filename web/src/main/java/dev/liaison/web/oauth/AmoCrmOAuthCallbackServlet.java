package dev.liaison.web.oauth;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connectors.amocrm.AmoAuthorizationException;
import dev.liaison.connectors.amocrm.AmoCrmConnector;
import dev.liaison.platform.connection.ConnectionStore;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.problem.ProblemJson;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /oauth/amocrm/callback?code=...&state=...&referer=...}: where amoCRM sends the admin's browser after
 * access was granted (the integration's Redirect URI). No sign-in: the browser comes back from amoCRM, and the
 * {@code state} the admin got from {@code GET /api/admin/connections/{id}/oauth/authorize-url} is what makes the
 * request trustworthy (256 random bits, bound to one connection, single-use, 30 minutes). Then the code is
 * exchanged, the tokens stored, and Liaison's webhook registered in the account.
 * <p>
 * A servlet, like webhook intake, because the JAX-RS application authenticates every request it serves, and the
 * Redirect URI is one fixed URL (the state names the connection) so that it can be registered in amoCRM before the
 * connection exists.
 */
@WebServlet(name = "amocrm-oauth-callback", urlPatterns = AmoCrmOAuthCallbackServlet.PATH)
public class AmoCrmOAuthCallbackServlet extends HttpServlet {

    static final String PATH = "/oauth/amocrm/callback";
    private static final Logger LOG = Logger.getLogger(AmoCrmOAuthCallbackServlet.class.getName());

    // Servlets are instantiated by the container through their no-argument constructor, hence field injection.
    @Inject
    private transient ConnectionStore connections;

    @Inject
    private transient AmoCrmConnector amocrm;

    @Inject
    @ConfigProperty(name = "liaison.public-url", defaultValue = " ")
    private transient String publicUrl;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The URL carries a code and a state: nothing on the way back may keep it.
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        try {
            String state = request.getParameter("state");
            ConnectionContext connection = AmoCrmConnector.connectionOfState(state)
                    .flatMap(connections::findInAnyWorkspace)
                    .filter(found -> AmoCrmConnector.KIND.equals(found.kind()))
                    .orElseThrow(() -> ProblemException.invalid("state", "is not a pending amoCRM authorization; "
                            + "ask for a new authorization URL"));
            amocrm.completeAuthorization(connection, request.getParameter("code"), state,
                    request.getParameter("referer"));
            String webhookId = amocrm.registrar().register(connection, hookUrl(connection, request));
            LOG.info(() -> "amoCRM connection " + connection.id() + " authorized; webhook " + webhookId
                    + " registered");
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("application/json");
            response.getOutputStream().write(Json.createObjectBuilder()
                    .add("status", "connected")
                    .add("connectionId", connection.id())
                    .add("webhookId", webhookId)
                    .build().toString().getBytes(StandardCharsets.UTF_8));
        } catch (AmoAuthorizationException e) {
            problem(request, response, ProblemException.invalid(e.field(), e.getMessage()));
        } catch (RemoteSystemException e) {
            problem(request, response, new ProblemException(Response.Status.BAD_GATEWAY, "remote-failure",
                    "amoCRM refused or failed", e.getMessage(), List.of()));
        } catch (ProblemException e) {
            problem(request, response, e);
        }
    }

    /**
     * The intake URL amoCRM is to post to: under {@code liaison.public-url} when set, otherwise under the Redirect
     * URI, which amoCRM just reached through the browser and so is public.
     */
    private URI hookUrl(ConnectionContext connection, HttpServletRequest request) {
        String base;
        if (!publicUrl.isBlank()) {
            base = publicUrl.trim();
        } else {
            String redirect = connection.setting(AmoCrmConnector.REDIRECT_URI_SETTING).orElse(request.getRequestURL().toString());
            int at = redirect.indexOf(PATH);
            base = at < 0 ? request.getRequestURL().toString().replace(PATH, "") : redirect.substring(0, at);
        }
        return URI.create(base.replaceAll("/+$", "") + "/hooks/" + connection.id());
    }

    private static void problem(HttpServletRequest request, HttpServletResponse response, ProblemException problem)
            throws IOException {
        byte[] document = ProblemJson.write(problem.toProblem(request.getRequestURI())).getBytes(StandardCharsets.UTF_8);
        response.setStatus(problem.status().getStatusCode());
        response.setContentType(Problem.MEDIA_TYPE);
        response.getOutputStream().write(document);
    }
}
