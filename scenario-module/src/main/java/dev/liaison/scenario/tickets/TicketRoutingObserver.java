package dev.liaison.scenario.tickets;

import dev.liaison.connector.api.Capability;
import dev.liaison.connector.api.TicketCreated;
import dev.liaison.connector.api.TicketUpdated;
import dev.liaison.platform.inbox.InboundEvent;
import dev.liaison.platform.outbox.OutboxActionAdded;
import dev.liaison.platform.outbox.OutboxStore;
import dev.liaison.platform.outbox.RouteTicketPayload;
import dev.liaison.platform.processing.InboundStages;
import dev.liaison.profile.identity.Identity;
import dev.liaison.scenario.engine.ScenarioEngine;
import dev.liaison.scenario.engine.ScenarioStore;
import dev.liaison.scenario.routing.Decision;
import dev.liaison.scenario.routing.RoutingContext;
import dev.liaison.scenario.routing.RoutingRules;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routes each new ticket from a help desk that can take a routing decision: after the profile store has applied
 * the event (hence the later priority), the active rules decide, the decision goes to the outbox in the same
 * transaction, and a trace records why. A ticket is routed once per connection, however often it is delivered.
 */
@ApplicationScoped
public class TicketRoutingObserver {

    /** The name routing decisions carry in a person's scenario trace. */
    public static final String ROUTING = "routing";

    private final RoutingService routing;
    private final RoutingTraceStore traces;
    private final OutboxStore outbox;
    private final Event<OutboxActionAdded> added;
    private final ScenarioStore personTraces;
    private final Clock clock;

    @Inject
    public TicketRoutingObserver(RoutingService routing, RoutingTraceStore traces, OutboxStore outbox,
                                 Event<OutboxActionAdded> added, ScenarioStore personTraces, Clock clock) {
        this.routing = routing;
        this.traces = traces;
        this.outbox = outbox;
        this.added = added;
        this.personTraces = personTraces;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected TicketRoutingObserver() {
        this(null, null, null, null, null, null);
    }

    void on(@Observes @Priority(InboundStages.ROUTING) InboundEvent inbound) {
        if (inbound.event() instanceof TicketCreated ticket && inbound.capabilities().contains(Capability.TICKET_ROUTING)) {
            route(inbound, ticket);
        } else if (inbound.event() instanceof TicketUpdated update && update.changes().containsKey("status")) {
            traces.statusChanged(update.ref().connectionId(), update.ref().id(), update.changes().get("status"));
        }
    }

    private void route(InboundEvent inbound, TicketCreated ticket) {
        String connectionId = inbound.connection().id();
        if (traces.routed(connectionId, ticket.ref().id())) {
            return;
        }
        Optional<RoutingRules> rules = routing.activeRules();
        if (rules.isEmpty()) {
            return;
        }
        Optional<Identity> requester = Optional.ofNullable(ticket.requesterRef()).map(Identity::of);
        Map<String, Object> person = routing.profileFacts(requester);
        Decision decision = routing.decide(rules.get(), new RoutingContext(ticketFacts(ticket), person, List.of(),
                Map.of()));
        Instant now = clock.instant();
        long actionId = outbox.enqueue(inbound.connection().workspace(), connectionId, inbound.actionKey(0),
                RouteTicketPayload.TYPE, RouteTicketPayload.write(ticket.ref().id(), decision.toRoutingDecision()),
                now);
        traces.record(connectionId, ticket.ref().id(), decision.ruleName(), decision.assignee(),
                RoutingTrace.of(decision), actionId, now);
        if (person.get("id") instanceof String profileId) {
            // The person's trace tells routing apart from scenarios by its name; the full trace is the ticket's.
            personTraces.trace(profileId, null, ROUTING, null, "route", ScenarioEngine.DONE, "ticket "
                    + ticket.ref().id() + ": rule '" + decision.ruleName() + "', assignee " + decision.assignee()
                    + ", outbox action " + actionId + " (GET /api/routing/decisions?ticket=" + ticket.ref().id() + ")",
                    now, actionId);
        }
        added.fire(new OutboxActionAdded(actionId));
    }

    static Map<String, Object> ticketFacts(TicketCreated ticket) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("id", ticket.ref().id());
        facts.put("subject", ticket.subject());
        facts.put("priority", ticket.priority());
        facts.put("tags", ticket.tags());
        facts.put("system", ticket.ref().system());
        return facts;
    }
}
