package dev.liaison.scenario.engine;

import dev.liaison.connector.api.DealStageChanged;
import dev.liaison.connector.api.TicketCreated;
import dev.liaison.connector.api.TicketUpdated;
import dev.liaison.platform.inbox.InboundEvent;
import dev.liaison.platform.processing.InboundHandover;
import dev.liaison.platform.processing.InboundStages;
import dev.liaison.profile.consent.ConsentRecord;
import dev.liaison.profile.consent.ConsentRecorded;
import dev.liaison.profile.consent.Decision;
import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.person.ProfileEntity;
import dev.liaison.profile.person.ProfileService;
import dev.liaison.scenario.loyalty.TierChanged;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns what happens into scenario triggers, in the transaction it happens in. Inbox events are observed after the
 * profile store and the loyalty program have applied them (the later priority), so a deal.won scenario sees the
 * points the deal earned, and a tier change the deal caused has already started its own scenarios.
 *
 * <p>History that a sync imports starts no scenario: a deal a CRM marked won last year, read by the initial import,
 * must not send today's thank-you message. A synced record older than {@code liaison.sync.scenario-horizon} (default
 * one day) is left alone here, and so are the consents and tier changes it causes (an imported contact's consent
 * field, the points of an imported won deal); the earlier stages still apply it (the profile, consent, loyalty
 * points), and a ticket's requester is still remembered, so a later webhook that solves the ticket starts its scenario.
 */
@ApplicationScoped
public class ScenarioTriggers {

    /** Zendesk's statuses for a ticket the agent considers done. */
    private static final Set<String> SOLVED = Set.of("solved", "closed");

    private final ScenarioEngine engine;
    private final ScenarioStore store;
    private final ProfileService profiles;
    private final Clock clock;
    private final Duration historyHorizon;

    @Inject
    public ScenarioTriggers(ScenarioEngine engine, ScenarioStore store, ProfileService profiles, Clock clock,
                            @ConfigProperty(name = "liaison.sync.scenario-horizon", defaultValue = "P1D")
                            Duration historyHorizon) {
        this.engine = engine;
        this.store = store;
        this.profiles = profiles;
        this.clock = clock;
        this.historyHorizon = historyHorizon;
    }

    /** For the CDI client proxy only. */
    protected ScenarioTriggers() {
        this(null, null, null, null, null);
    }

    void onInbound(@Observes @Priority(InboundStages.SCENARIOS) InboundEvent inbound) {
        boolean history = historical(inbound);
        if (inbound.event() instanceof DealStageChanged deal && deal.won() && deal.contactRef() != null) {
            if (history) {
                return;
            }
            profiles.findByIdentity(Identity.of(deal.contactRef())).ifPresent(profile -> engine.start(
                    new Occurrence(TriggerType.DEAL_WON, profile.id(),
                            "deal:" + deal.ref().connectionId() + ":" + deal.ref().id(), deal.ref().connectionId(),
                            deal.ref().id(), Facts.of("id", deal.ref().id(), "system", deal.ref().system(),
                                    "pipeline", deal.pipeline(), "stage", deal.stage(), "amount", deal.amount(),
                                    "currency", deal.currency()))));
        } else if (inbound.event() instanceof TicketCreated ticket && ticket.requesterRef() != null) {
            profiles.findByIdentity(Identity.of(ticket.requesterRef())).ifPresent(profile -> store.rememberTicket(
                    ticket.ref().connectionId(), ticket.ref().id(), profile.id(), ticket.occurredAt()));
        } else if (inbound.event() instanceof TicketUpdated ticket && !history
                && SOLVED.contains(ticket.changes().getOrDefault("status", ""))) {
            Optional<String> profileId = store.ticketProfile(ticket.ref().connectionId(), ticket.ref().id())
                    .flatMap(profiles::find).map(ProfileEntity::id);
            profileId.ifPresent(id -> engine.start(new Occurrence(TriggerType.TICKET_SOLVED, id,
                    "ticket:" + ticket.ref().connectionId() + ":" + ticket.ref().id() + ":solved",
                    ticket.ref().connectionId(), ticket.ref().id(), Facts.of("id", ticket.ref().id(),
                            "system", ticket.ref().system(), "status", ticket.changes().get("status")))));
        }
    }

    void onTierChanged(@Observes TierChanged change) {
        if (causedByHistory()) {
            return;
        }
        engine.start(new Occurrence(TriggerType.TIER_CHANGED, change.profileId(), "tier:" + change.profileId() + ":"
                + change.to() + ":" + change.at().toEpochMilli(), null, null,
                Facts.of("from", change.from(), "to", change.to())));
    }

    void onConsentRecorded(@Observes ConsentRecorded recorded) {
        ConsentRecord record = recorded.record();
        if (record.decision() == Decision.GRANTED && !causedByHistory()) {
            engine.start(new Occurrence(TriggerType.CONSENT_GRANTED, record.profileId(), "consent:" + record.id(),
                    null, null, Facts.of("purpose", record.purpose(), "channel", record.channel())));
        }
    }

    private boolean historical(InboundEvent inbound) {
        return inbound.historical(clock.instant(), historyHorizon);
    }

    /** Whether what is observed now was caused, in this thread, by synced history handed to the stages. */
    private boolean causedByHistory() {
        return InboundHandover.handingOn().map(this::historical).orElse(false);
    }
}
