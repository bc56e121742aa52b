package dev.liaison.scenario.loyalty;

import dev.liaison.connector.api.DealStageChanged;
import dev.liaison.platform.inbox.InboundEvent;
import dev.liaison.platform.processing.InboundStages;
import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.person.ProfileEntity;
import dev.liaison.profile.person.ProfileService;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Earns points for won deals inside the inbox transaction, after the profile store has applied the event (hence the
 * later priority). The points go to the profile of the deal's contact; a deal without a contact, or whose contact
 * is no known profile, earns nothing and leaves a trace saying so rather than failing the inbox entry, because a
 * retry would not make the contact known. The points are dated to the deal's win as the CRM reports it
 * ({@link DealStageChanged#wonAt}), not to when Liaison processes the event, so a sync's import or a late webhook
 * earns what the deal would have earned on the day, expiry included.
 */
@ApplicationScoped
public class DealWonObserver {

    private final ProfileService profiles;
    private final LoyaltyService loyalty;

    @Inject
    public DealWonObserver(ProfileService profiles, LoyaltyService loyalty) {
        this.profiles = profiles;
        this.loyalty = loyalty;
    }

    /** For the CDI client proxy only. */
    protected DealWonObserver() {
        this(null, null);
    }

    void on(@Observes @Priority(InboundStages.LOYALTY) InboundEvent inbound) {
        if (!(inbound.event() instanceof DealStageChanged deal) || !deal.won()) {
            return;
        }
        WonDeal won = new WonDeal(deal.ref().system(), inbound.connection().id(), deal.ref().id(), deal.pipeline(),
                deal.stage(), deal.amount(), deal.currency(), deal.wonAt(), inbound.inboxEntryId(),
                inbound.seq());
        if (deal.contactRef() == null) {
            loyalty.unresolved(won, LoyaltyService.NO_CONTACT, "the deal names no contact");
            return;
        }
        Optional<ProfileEntity> profile = profiles.findByIdentity(Identity.of(deal.contactRef()));
        if (profile.isEmpty()) {
            loyalty.unresolved(won, LoyaltyService.UNKNOWN_CONTACT, "no profile has contact record "
                    + deal.contactRef().id() + " of connection " + deal.contactRef().connectionId());
            return;
        }
        loyalty.award(won, profile.get().id(), profiles.attributeValues(profile.get().id()));
    }
}
