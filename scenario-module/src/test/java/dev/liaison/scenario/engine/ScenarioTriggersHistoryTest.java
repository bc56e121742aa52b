package dev.liaison.scenario.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.DealStageChanged;
import dev.liaison.platform.inbox.InboundEvent;
import dev.liaison.platform.inbox.InboxEntry;
import dev.liaison.platform.inbox.InboxStatus;
import dev.liaison.platform.processing.InboundHandover;
import dev.liaison.profile.consent.ConsentRecord;
import dev.liaison.profile.consent.ConsentRecorded;
import dev.liaison.profile.consent.Decision;
import dev.liaison.profile.consent.Evidence;
import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.person.ProfileEntity;
import dev.liaison.profile.person.ProfileService;
import dev.liaison.profile.person.Source;
import dev.liaison.scenario.loyalty.TierChanged;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Synced history starts no scenario, directly or through the consents and tier changes it causes. */
class ScenarioTriggersHistoryTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final ConnectionContext CONNECTION = new ConnectionContext("c-1", "default", "bitrix24", Map.of());
    private static final InboxEntry PAGE = new InboxEntry(1, "default", "c-1", "sync:c-1:1:x", "application/json",
            Map.of(), null, new byte[0], NOW, InboxStatus.DONE, 1, NOW, null, NOW, "r-1");

    private final List<Occurrence> started = new ArrayList<>();
    private final List<Identity> lookedUp = new ArrayList<>();
    private final ScenarioTriggers triggers = new ScenarioTriggers(new ScenarioEngine() {
        @Override
        public void start(Occurrence occurrence) {
            started.add(occurrence);
        }
    }, null, new ProfileService() {
        @Override
        public Optional<ProfileEntity> findByIdentity(Identity identity) {
            lookedUp.add(identity);
            return Optional.empty();
        }
    }, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(1));

    private static DealStageChanged wonDeal(Instant at) {
        return new DealStageChanged(CONNECTION.ref("D_1"), at, CONNECTION.ref("C_2"), "0", "WON", true,
                BigDecimal.TEN, "RUB");
    }

    /** Hands {@code event} on as a sync or a webhook would, with {@code stage} standing in for the stages. */
    private static void handOn(CanonicalEvent event, boolean fromSync, Consumer<InboundEvent> stage) {
        new InboundHandover(new StageEvent(stage), null, null, null, null)
                .handOn(PAGE, CONNECTION, Set.of(), List.of(event), fromSync);
    }

    @Test
    void aWonDealFromLongAgoThatASyncReadStartsNothing() {
        handOn(wonDeal(NOW.minus(Duration.ofDays(30))), true, triggers::onInbound);

        assertThat(lookedUp).isEmpty();
    }

    @Test
    void aRecentSyncedDealAndALateWebhookStillCount() {
        handOn(wonDeal(NOW.minus(Duration.ofHours(1))), true, triggers::onInbound);
        handOn(wonDeal(NOW.minus(Duration.ofDays(30))), false, triggers::onInbound);

        assertThat(lookedUp).hasSize(2);
    }

    @Test
    void consentsAndTierChangesCausedByHistoryStartNothing() {
        ConsentRecorded consent = new ConsentRecorded(new ConsentRecord(7, "p-1", "marketing_email", "email",
                Decision.GRANTED, new Source("bitrix24", "c-1", "C_2"), Evidence.none(), NOW.minusSeconds(60), NOW));
        TierChanged tier = new TierChanged("p-1", "silver", "gold", NOW);

        handOn(wonDeal(NOW.minus(Duration.ofDays(30))), true, inbound -> {
            triggers.onConsentRecorded(consent);
            triggers.onTierChanged(tier);
        });
        assertThat(started).isEmpty();

        handOn(wonDeal(NOW.minus(Duration.ofHours(1))), true, inbound -> {
            triggers.onConsentRecorded(consent);
            triggers.onTierChanged(tier);
        });
        assertThat(started).extracting(Occurrence::type)
                .containsExactly(TriggerType.CONSENT_GRANTED, TriggerType.TIER_CHANGED);
    }

    /** The CDI event as the handover fires it: straight to the stand-in for the stages. */
    private record StageEvent(Consumer<InboundEvent> stage) implements Event<InboundEvent> {

        @Override
        public void fire(InboundEvent event) {
            stage.accept(event);
        }

        @Override
        public <U extends InboundEvent> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends InboundEvent> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<InboundEvent> select(Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends InboundEvent> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends InboundEvent> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
