package dev.liaison.web.unsubscribe;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.UnsubscribeLinks;
import dev.liaison.platform.connection.ConnectionStore;
import dev.liaison.platform.registry.ConnectorRegistry;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.profile.consent.ConsentEntry;
import dev.liaison.profile.consent.ConsentLedger;
import dev.liaison.profile.consent.ConsentRecord;
import dev.liaison.profile.consent.ConsentState;
import dev.liaison.profile.consent.ConsentViolation;
import dev.liaison.profile.consent.Decision;
import dev.liaison.profile.consent.Evidence;
import dev.liaison.profile.person.Source;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The target of marketing mails' {@code List-Unsubscribe} header. RFC 8058: the mail client POSTs
 * {@code List-Unsubscribe=One-Click}, which withdraws the consent the mail relied on, with the mail as evidence.
 * A GET only shows a confirmation form, because link scanners follow GETs and must not unsubscribe anyone.
 * The token is the only authentication: the connector that sent the mail ({@link UnsubscribeLinks}, the e-mail
 * connector's HMAC-signed tokens) vouches for it with the secret of the connection it names.
 */
@Path("/unsubscribe/{token}")
@RequestScoped
@PermitAll
public class OneClickUnsubscribe {

    static final String ONE_CLICK = "One-Click";
    static final String METHOD = "one-click unsubscribe (RFC 8058)";

    private final ConnectionStore connections;
    private final ConnectorRegistry connectors;
    private final ConsentLedger ledger;
    private final Clock clock;

    @Inject
    public OneClickUnsubscribe(ConnectionStore connections, ConnectorRegistry connectors, ConsentLedger ledger,
                               Clock clock) {
        this.connections = connections;
        this.connectors = connectors;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public OneClickUnsubscribe() {
        this(null, null, null, null);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String confirmationForm(@PathParam("token") String token) {
        verified(token);
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Unsubscribe</title></head><body>"
                + "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"" + ONE_CLICK + "\">"
                + "<button type=\"submit\">Unsubscribe / Отписаться</button></form></body></html>";
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @Produces(MediaType.TEXT_PLAIN)
    @APIResponse(responseCode = "200", description = "Unsubscribed (again, when the consent was already withdrawn)")
    public Response unsubscribe(@PathParam("token") String token, @FormParam("List-Unsubscribe") String oneClick,
                                @Context HttpServletRequest http) {
        if (!ONE_CLICK.equals(oneClick)) {
            throw ProblemException.invalid("List-Unsubscribe", "must be " + ONE_CLICK);
        }
        Verified verified = verified(token);
        UnsubscribeLinks.Unsubscribe unsubscribe = verified.unsubscribe();
        WorkspaceContext.run(verified.connection().workspace(), () -> withdraw(verified, http));
        return Response.ok("Unsubscribed from " + unsubscribe.purpose() + "\n").build();
    }

    private record Verified(ConnectionContext connection, UnsubscribeLinks.Unsubscribe unsubscribe) {
    }

    /** The first connector whose token this is, verified by the connection the token names, which is of its kind. */
    private Verified verified(String token) {
        for (Map.Entry<String, UnsubscribeLinks> kind : connectors.implementing(UnsubscribeLinks.class).entrySet()) {
            UnsubscribeLinks links = kind.getValue();
            Optional<Verified> verified = links.connectionOf(token)
                    .flatMap(connections::findInAnyWorkspace)
                    .filter(found -> kind.getKey().equals(found.kind()))
                    .flatMap(found -> links.verify(found, token).map(unsubscribe -> new Verified(found, unsubscribe)));
            if (verified.isPresent()) {
                return verified.get();
            }
        }
        throw new ProblemException(Response.Status.NOT_FOUND, "not-found", "Not found",
                "This unsubscribe link is not valid", List.of());
    }

    /** A second click changes nothing: the ledger gets a withdrawal only while the consent still stands. */
    private void withdraw(Verified verified, HttpServletRequest http) {
        UnsubscribeLinks.Unsubscribe unsubscribe = verified.unsubscribe();
        ConsentState state = ledger.current(unsubscribe.profileId());
        boolean standing = state.governing(unsubscribe.purpose(), unsubscribe.channel())
                .map(ConsentRecord::decision).filter(Decision.GRANTED::equals).isPresent();
        if (!standing) {
            return;
        }
        Evidence evidence = new Evidence(null, null, METHOD, "mail " + unsubscribe.messageId(),
                http.getRemoteAddr(), http.getHeader("User-Agent"));
        try {
            ledger.record(unsubscribe.profileId(), new ConsentEntry(unsubscribe.purpose(), unsubscribe.channel(),
                    Decision.WITHDRAWN, new Source(verified.connection().kind(), verified.connection().id(),
                    unsubscribe.messageId()), evidence, clock.instant()));
        } catch (ConsentViolation e) {
            throw ProblemException.invalid(e.problems().stream()
                    .map(problem -> new Problem.FieldError(problem.field(), problem.message())).toList());
        }
    }
}
