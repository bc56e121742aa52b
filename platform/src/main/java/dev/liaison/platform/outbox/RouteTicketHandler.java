package dev.liaison.platform.outbox;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.TicketRouter;
import dev.liaison.platform.registry.ConnectorRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;

/** Carries out {@code ROUTE_TICKET}: the connection's connector applies the routing decision to the ticket. */
@ApplicationScoped
public class RouteTicketHandler implements OutboxActionHandler {

    private final ConnectorRegistry connectors;

    @Inject
    public RouteTicketHandler(ConnectorRegistry connectors) {
        this.connectors = connectors;
    }

    /** For the CDI client proxy only. */
    protected RouteTicketHandler() {
        this(null);
    }

    @Override
    public Set<String> types() {
        return Set.of(RouteTicketPayload.TYPE);
    }

    @Override
    public Handled handle(OutboxAction action, ConnectionContext connection) {
        TicketRouter router = connectors.find(connection.kind(), TicketRouter.class)
                .orElseThrow(() -> new ActionFailed(action, false, "connector '" + connection.kind()
                        + "' cannot route tickets", Duration.ZERO, null));
        String ticketId = RouteTicketPayload.ticketId(action.payload());
        try {
            router.apply(connection, ticketId, RouteTicketPayload.decision(action.payload()));
            return new Handled.Done("ticket " + ticketId + " updated");
        } catch (RemoteSystemException e) {
            throw ActionFailed.remote(action, e);
        }
    }
}
