package dev.liaison.bench;

import dev.liaison.platform.connection.ConnectionEntity;
import dev.liaison.platform.connection.ConnectionStatus;
import dev.liaison.platform.connection.ConnectionStore;
import dev.liaison.platform.metrics.PipelineMetrics;
import dev.liaison.platform.outbox.OutboxActionAdded;
import dev.liaison.platform.outbox.OutboxStore;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.profile.consent.ConsentLedger;
import dev.liaison.profile.consent.ConsentSettings;
import dev.liaison.profile.consent.ConsentState;
import dev.liaison.profile.messaging.GateDecision;
import dev.liaison.profile.messaging.MessageGate;
import dev.liaison.profile.messaging.MessageLogStore;
import dev.liaison.profile.messaging.MessageRequest;
import dev.liaison.profile.messaging.Messages;
import dev.liaison.profile.person.AttributeEntity;
import dev.liaison.profile.person.IdentityEntity;
import dev.liaison.profile.person.ProfileService;
import dev.liaison.scenario.engine.Occurrence;
import dev.liaison.scenario.engine.ScenarioCatalog;
import dev.liaison.scenario.engine.ScenarioEngine;
import dev.liaison.scenario.engine.ScenarioStore;
import dev.liaison.scenario.engine.TriggerType;
import dev.liaison.scenario.loyalty.LoyaltyProgram;
import dev.liaison.scenario.loyalty.LoyaltyService;
import dev.liaison.scenario.loyalty.LoyaltySettings;
import dev.liaison.scenario.loyalty.LoyaltyStore;
import dev.liaison.scenario.loyalty.TierChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The scenario engine wired as CDI wires it in the server, outside a container: the real JDBC stores (scenarios,
 * loyalty ledger, outbox, message log) on the given datasource, and stand-ins for what the server backs with JPA or
 * with checks this benchmark does not measure (profiles, connections, the consent ledger, the message gate). A tier
 * change starts the tier.changed scenarios in the same transaction, as {@code ScenarioTriggers} does.
 */
record StandaloneEngine(ScenarioEngine engine, ScenarioCatalog catalog) {

    /** The purposes the server allows by default ({@code liaison.consent.purposes}). */
    static final Set<String> PURPOSES = Set.of("marketing_email", "marketing_sms", "loyalty", "profiling", "service");
    static final String MAIL_CONNECTION_NAME = "mail";
    private static final Duration EXPIRING_SOON = Duration.ofDays(30);

    static StandaloneEngine assemble(DataSource dataSource, String mailConnectionId, LoyaltyProgram program,
                                     Clock clock) {
        ScenarioStore store = new ScenarioStore(dataSource);
        ScenarioCatalog catalog = new ScenarioCatalog(store, new DefaultPurposes(), clock);
        SynchronousEvent<TierChanged> tierChanges = new SynchronousEvent<>();
        LoyaltyStore loyaltyStore = new LoyaltyStore(dataSource);
        LoyaltyService loyalty = new LoyaltyService(loyaltyStore, new LoyaltySettings(program, EXPIRING_SOON),
                tierChanges, clock);
        OutboxStore outbox = new OutboxStore(dataSource);
        // Nothing executes the outbox here: a queued action only has to be in the table.
        SynchronousEvent<OutboxActionAdded> added = new SynchronousEvent<>();
        Messages messages = new Messages(outbox, new MessageLogStore(dataSource), added, clock);
        ScenarioEngine engine = new ScenarioEngine(store, catalog, new NoProfileData(), loyalty, messages,
                new GrantingGate(), new NoConsentHistory(), new MailOnly(mailConnectionId), outbox, added, clock,
                PipelineMetrics.NONE);
        tierChanges.observeWith(change -> engine.start(tierChanged(change)));
        return new StandaloneEngine(engine, catalog);
    }

    /** The occurrence ScenarioTriggers makes of a tier change. */
    static Occurrence tierChanged(TierChanged change) {
        return new Occurrence(TriggerType.TIER_CHANGED, change.profileId(), "tier:" + change.profileId() + ":"
                + change.to() + ":" + change.at().toEpochMilli(), null, null,
                Map.of("from", change.from(), "to", change.to()));
    }

    /**
     * Profiles without attributes or identities: the server reads both through JPA, and those reads are not what this
     * benchmark measures. The deal-won scenario needs neither; the engine asks for the attributes all the same.
     */
    private static final class NoProfileData extends ProfileService {

        @Override
        public List<AttributeEntity> attributes(String profileId) {
            return List.of();
        }

        @Override
        public List<IdentityEntity> identities(String profileId) {
            return List.of();
        }
    }

    /**
     * Lets every message through, to one address, in Moscow time: the gate's own checks (consent, suppression,
     * frequency cap, quiet hours) run again when the outbox sends, and are not what this benchmark measures.
     */
    private static final class GrantingGate extends MessageGate {

        private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

        @Override
        public GateDecision decide(MessageRequest request, Instant now) {
            return new GateDecision.Send("someone@example.com", "bench-recipient-hash", "granted by the benchmark");
        }

        @Override
        public ZoneId zone(String profileId) {
            return MOSCOW;
        }
    }

    private static final class DefaultPurposes extends ConsentSettings {

        @Override
        public Set<String> purposes() {
            return PURPOSES;
        }
    }

    /** The engine reads the consent ledger for dry runs only, which the benchmark does not make. */
    private static final class NoConsentHistory extends ConsentLedger {

        @Override
        public ConsentState current(String profileId) {
            return ConsentState.replay(List.of());
        }
    }

    private static final class MailOnly extends ConnectionStore {

        private final ConnectionEntity mail;

        MailOnly(String mailConnectionId) {
            this.mail = new MailConnection(mailConnectionId);
        }

        @Override
        public List<ConnectionEntity> list() {
            return List.of(mail);
        }

        @Override
        public Optional<ConnectionEntity> find(String id) {
            return mail.id().equals(id) ? Optional.of(mail) : Optional.empty();
        }
    }

    /** The e-mail connection row the benchmark inserted, as the engine sees it. */
    private static final class MailConnection extends ConnectionEntity {

        private final String id;

        MailConnection(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String workspaceId() {
            return WorkspaceContext.DEFAULT;
        }

        @Override
        public String kind() {
            return "email";
        }

        @Override
        public String name() {
            return MAIL_CONNECTION_NAME;
        }

        @Override
        public ConnectionStatus status() {
            return ConnectionStatus.ACTIVE;
        }
    }
}
