package dev.liaison.scenario.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.liaison.platform.connection.ConnectionEntity;
import dev.liaison.platform.connection.ConnectionStatus;
import dev.liaison.platform.connection.ConnectionStore;
import dev.liaison.platform.metrics.PipelineMetrics;
import dev.liaison.platform.outbox.OutboxActionAdded;
import dev.liaison.platform.outbox.OutboxStore;
import dev.liaison.platform.testing.TestDatabase;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.profile.consent.ConsentLedger;
import dev.liaison.profile.consent.ConsentSettings;
import dev.liaison.profile.consent.ConsentState;
import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.messaging.GateDecision;
import dev.liaison.profile.messaging.MessageGate;
import dev.liaison.profile.messaging.MessageLogStore;
import dev.liaison.profile.messaging.MessageRequest;
import dev.liaison.profile.messaging.Messages;
import dev.liaison.profile.person.AttributeEntity;
import dev.liaison.profile.person.IdentityEntity;
import dev.liaison.profile.person.ProfileEntity;
import dev.liaison.profile.person.ProfileService;
import dev.liaison.scenario.loyalty.LoyaltyProgram;
import dev.liaison.scenario.loyalty.LoyaltyService;
import dev.liaison.scenario.loyalty.LoyaltySettings;
import dev.liaison.scenario.loyalty.LoyaltyStore;
import dev.liaison.scenario.loyalty.TierChanged;
import dev.liaison.scenario.testing.MutableClock;
import dev.liaison.scenario.testing.RecordingEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScenarioEngineTest {

    private static final Instant START = Instant.parse("2026-03-02T07:00:00Z");
    private static final String PROGRAM = """
            earning:
              - name: won-deal
                trigger: deal.won
                points-per-unit: { RUB: 0.01 }
            tiers:
              window: P365D
              levels:
                - { name: basic, threshold: 0 }
                - { name: silver, threshold: 100 }
            expiry:
              after: P12M
            """;

    private final MutableClock clock = new MutableClock(START);
    private final RecordingEvent<TierChanged> tierChanges = new RecordingEvent<>();
    private final Set<String> grants = new HashSet<>();
    private final List<String> gateCalls = new ArrayList<>();
    private TestDatabase database;
    private ScenarioStore store;
    private ScenarioCatalog catalog;
    private ScenarioEngine engine;
    private String connectionId;

    @BeforeEach
    void setUp() throws Exception {
        database = TestDatabase.migrated();
        WorkspaceContext.enter(WorkspaceContext.DEFAULT);
        connectionId = UUID.randomUUID().toString();
        sql("insert into connection (id, workspace_id, kind, name, settings, status, created_at, version) values "
                + "(?, 'default', 'email', 'mail', 'x', 'ACTIVE', current_timestamp, 0)", connectionId);
        store = new ScenarioStore(database);
        catalog = new ScenarioCatalog(store, new Purposes(), clock);
        LoyaltyStore loyaltyStore = new LoyaltyStore(database);
        LoyaltyService loyalty = new LoyaltyService(loyaltyStore,
                new LoyaltySettings(LoyaltyProgram.parse(PROGRAM), Duration.ofDays(30)), tierChanges, clock);
        OutboxStore outbox = new OutboxStore(database);
        Messages messages = new Messages(outbox, new MessageLogStore(database), new RecordingEvent<OutboxActionAdded>(),
                clock);
        engine = new ScenarioEngine(store, catalog, new NoProfiles(), loyalty, messages, new Gate(),
                new EmptyLedger(), new OneConnection(), outbox, new RecordingEvent<>(), clock, PipelineMetrics.NONE);
        tierChanges.observeWith(change -> engine.start(new Occurrence(TriggerType.TIER_CHANGED, change.profileId(),
                "tier:" + change.profileId() + ":" + change.to(), null, null,
                Facts.of("from", change.from(), "to", change.to()))));
    }

    @AfterEach
    void tearDown() {
        WorkspaceContext.clear();
    }

    @Test
    void aWonDealAwardsAndATierChangeItCausesSendsOneCongratulation() throws Exception {
        catalog.save("""
                scenario: first-deal-bonus
                trigger: { event: deal.won }
                once-per-profile: true
                steps:
                  - award: { points: 150, reason: first deal }
                """, "test");
        catalog.save("""
                scenario: congratulate
                trigger: { event: tier.changed, when: "event.to == 'silver'" }
                steps:
                  - send: { connection: mail, channel: email, purpose: marketing_email, template: tier-upgrade,
                            variables: { tier: "${event.to}", points: "${loyalty.balance}" } }
                """, "test");
        String person = person();
        grants.add(person);

        engine.start(wonDeal(person, "d-1"));
        engine.start(wonDeal(person, "d-1"));
        engine.start(wonDeal(person, "d-2"));

        assertThat(count("select count(*) from loyalty_entry where profile_id = '" + person + "'")).isEqualTo(1);
        assertThat(count("select count(*) from outbox_action where action_type = 'SEND_MESSAGE'")).isEqualTo(1);
        assertThat(payload()).contains("\"tier\":\"silver\"").contains("\"points\":\"150\"");
        assertThat(store.traces(person)).extracting(ScenarioStore.TraceEntry::scenarioName,
                        ScenarioStore.TraceEntry::outcome)
                .containsExactly(
                        tuple("first-deal-bonus", ScenarioEngine.STARTED),
                        tuple("congratulate", ScenarioEngine.STARTED),
                        tuple("congratulate", ScenarioEngine.DONE),
                        tuple("first-deal-bonus", ScenarioEngine.DONE),
                        tuple("first-deal-bonus", ScenarioEngine.SKIPPED));
        assertThat(store.runsOf(person)).extracting(ScenarioStore.Run::status)
                .containsOnly(RunStatus.COMPLETED);
    }

    @Test
    void aQueuedStepsTraceShowsWhatBecameOfItsActionWithoutPersonalData() throws Exception {
        catalog.save("""
                scenario: congratulate
                trigger: { event: deal.won }
                steps:
                  - send: { connection: mail, channel: email, purpose: marketing_email, template: tier-upgrade }
                """, "test");
        String person = person();
        grants.add(person);
        engine.start(wonDeal(person, "d-1"));
        OutboxStore outbox = new OutboxStore(database);

        ScenarioStore.ActionOutcome queued = sendStep(person).action();
        assertThat(queued.status()).isEqualTo(ScenarioStore.ActionOutcome.PENDING);
        assertThat(queued.type()).isEqualTo("SEND_MESSAGE");
        outbox.recordFailure(queued.id(), "550 <anna@example.com> unknown", Optional.empty(), START);

        ScenarioStore.ActionOutcome failed = sendStep(person).action();
        assertThat(sendStep(person).outcome()).as("the step itself did queue").isEqualTo(ScenarioEngine.DONE);
        assertThat(failed.status()).isEqualTo(ScenarioStore.ActionOutcome.FAILED);
        assertThat(failed.error()).isEqualTo("550 <a***@example.com> unknown");
        assertThat(store.traces(person)).filteredOn(entry -> !"send".equals(entry.stepKind()))
                .allSatisfy(entry -> assertThat(entry.action()).isNull());
    }

    private ScenarioStore.TraceEntry sendStep(String person) {
        return store.traces(person).stream().filter(entry -> "send".equals(entry.stepKind())).findFirst()
                .orElseThrow();
    }

    @Test
    void withoutConsentNothingIsQueuedAndTheTraceSaysWhy() throws Exception {
        catalog.save("""
                scenario: congratulate
                trigger: { event: deal.won }
                steps:
                  - send: { connection: mail, channel: email, purpose: marketing_email, template: tier-upgrade }
                  - award: { points: 5 }
                """, "test");
        String person = person();

        engine.start(wonDeal(person, "d-1"));

        assertThat(count("select count(*) from outbox_action")).isZero();
        assertThat(store.traces(person)).filteredOn(entry -> "send".equals(entry.stepKind())).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.outcome()).isEqualTo(ScenarioEngine.REFUSED);
                    assertThat(entry.detail()).contains("no consent recorded for marketing_email by email");
                });
        assertThat(count("select coalesce(sum(points), 0) from loyalty_entry")).isEqualTo(5);
    }

    @Test
    void aWaitSleepsInTheDatabaseAndFiresOnce() throws Exception {
        catalog.save("""
                scenario: follow-up
                trigger: { event: deal.won }
                steps:
                  - wait: PT48H
                  - send: { connection: mail, channel: email, purpose: service, subject: Thanks,
                            text: "Deal ${deal.id}" }
                """, "test");
        String person = person();
        engine.start(wonDeal(person, "d-7"));

        ScenarioStore.Run waiting = store.runsOf(person).get(0);
        assertThat(waiting.status()).isEqualTo(RunStatus.WAITING);
        assertThat(waiting.wakeAt()).isEqualTo(START.plus(Duration.ofHours(48)));
        clock.advance(Duration.ofHours(47));
        assertThat(engine.resumeNextDue()).isFalse();

        clock.advance(Duration.ofHours(1));
        assertThat(engine.resumeNextDue()).isTrue();
        assertThat(engine.resumeNextDue()).isFalse();

        assertThat(store.runsOf(person).get(0).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(count("select count(*) from outbox_action where idempotency_key = 'scenario/"
                + waiting.id() + "/2'")).isEqualTo(1);
        assertThat(payload()).contains("Deal d-7");
    }

    @Test
    void waitUntilPicksTheNextTimeOfDayInThePersonsZone() throws Exception {
        catalog.save("""
                scenario: morning
                trigger: { event: deal.won }
                steps:
                  - wait-until: "09:30"
                  - award: { points: 1 }
                """, "test");
        String person = person();
        engine.start(wonDeal(person, "d-1"));

        // 07:00 UTC is 10:00 in Moscow: today's 09:30 has passed, so tomorrow's, 06:30 UTC.
        assertThat(store.runsOf(person).get(0).wakeAt()).isEqualTo(Instant.parse("2026-03-03T06:30:00Z"));
    }

    @Test
    void aFalseConditionStopsTheRunAndAFalseTriggerStartsNone() throws Exception {
        catalog.save("""
                scenario: big-deals
                trigger: { event: deal.won, when: "deal.amount >= 1000" }
                steps:
                  - if: "loyalty.balance > 1000000"
                  - award: { points: 1 }
                """, "test");
        String small = person();
        String big = person();

        engine.start(wonDeal(small, "d-1", 10));
        engine.start(wonDeal(big, "d-2", 5000));

        assertThat(store.runsOf(small)).isEmpty();
        assertThat(store.traces(small)).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo(ScenarioEngine.NOT_MATCHED);
            assertThat(entry.detail()).contains("deal.amount=10");
        });
        assertThat(store.runsOf(big)).singleElement().extracting(ScenarioStore.Run::status)
                .isEqualTo(RunStatus.STOPPED);
        assertThat(count("select count(*) from loyalty_entry")).isZero();
    }

    @Test
    void conditionsSeeThePointsAsTheyAreAndAStepAfterAnAwardSeesTheNewBalance() throws Exception {
        catalog.save("""
                scenario: a-loyal-again
                trigger: { event: deal.won, when: "loyalty.balance >= 10" }
                steps:
                  - award: { points: 5 }
                  - if: "loyalty.balance == 15"
                """, "test");
        catalog.save("""
                scenario: b-small-deal
                trigger: { event: deal.won, when: "deal.amount < 100" }
                steps:
                  - award: { points: 10 }
                """, "test");
        String person = person();

        engine.start(wonDeal(person, "d-1", 10));
        engine.start(wonDeal(person, "d-2", 5000));

        assertThat(store.traces(person)).filteredOn(entry -> "a-loyal-again".equals(entry.scenarioName()))
                .extracting(ScenarioStore.TraceEntry::outcome, entry -> entry.detail().replaceAll(" \\{.*", ""))
                .containsExactly(
                        tuple(ScenarioEngine.NOT_MATCHED, "deal.won deal:crm:d-1: condition is false"),
                        tuple(ScenarioEngine.STARTED, "version 1 on deal.won deal:crm:d-2"),
                        tuple(ScenarioEngine.DONE, "awarded 5 points (scenario a-loyal-again); balance 15"),
                        tuple(ScenarioEngine.DONE, "true"));
        assertThat(store.runsOf(person)).extracting(ScenarioStore.Run::scenarioName, ScenarioStore.Run::status)
                .containsExactly(tuple("b-small-deal", RunStatus.COMPLETED), tuple("a-loyal-again", RunStatus.COMPLETED));
    }

    @Test
    void aDryRunWritesNothing() throws Exception {
        Scenario scenario = catalog.parser().parse("""
                scenario: preview
                trigger: { event: deal.won }
                steps:
                  - award: { points: 10 }
                  - wait: P1D
                  - send: { connection: mail, channel: email, purpose: marketing_email, template: welcome }
                  - write-crm: { record: contact, fields: { TIER: "${loyalty.tier}" } }
                """);
        String person = person();

        List<ScenarioEngine.Preview> preview = engine.dryRun(scenario, wonDeal(person, "d-1"));

        assertThat(preview).extracting(ScenarioEngine.Preview::kind)
                .containsExactly("trigger", "award", "wait", "send", "write-crm");
        assertThat(preview.get(3).detail()).contains("the gate would refuse: no consent recorded");
        assertThat(preview.get(4).detail())
                .isEqualTo("would write [TIER] to the contact in the CRM the trigger comes from");
        assertThat(count("select count(*) from scenario_run") + count("select count(*) from scenario_trace")
                + count("select count(*) from loyalty_entry") + count("select count(*) from outbox_action")).isZero();
        assertThat(gateCalls).isEmpty();
    }

    @Test
    void aNewVersionReplacesTheOldAndDisablingStopsNewRuns() throws Exception {
        catalog.save("scenario: s\ntrigger: {event: deal.won}\nsteps: [{award: {points: 1}}]\n", "test");
        ScenarioCatalog.Saved second = catalog.save(
                "scenario: s\ntrigger: {event: deal.won}\nsteps: [{award: {points: 2}}]\n", "test").saved();
        assertThat(second.version()).isEqualTo(2);
        String person = person();
        engine.start(wonDeal(person, "d-1"));
        catalog.disable(store.latestDefinitions().get(0), "test");
        engine.start(wonDeal(person, "d-2"));

        assertThat(count("select coalesce(sum(points), 0) from loyalty_entry")).isEqualTo(2);
        assertThat(store.runsOf(person)).singleElement().extracting(ScenarioStore.Run::scenarioVersion)
                .isEqualTo(2);
    }

    private Occurrence wonDeal(String profileId, String dealId) {
        return wonDeal(profileId, dealId, 15000);
    }

    private Occurrence wonDeal(String profileId, String dealId, long amount) {
        return new Occurrence(TriggerType.DEAL_WON, profileId, "deal:crm:" + dealId, null, dealId,
                Facts.of("id", dealId, "amount", amount, "currency", "RUB"));
    }

    private String person() throws Exception {
        String id = UUID.randomUUID().toString();
        sql("insert into profile (id, workspace_id, status, created_at, updated_at, version) values "
                + "(?, 'default', 'ACTIVE', current_timestamp, current_timestamp, 0)", id);
        return id;
    }

    private String payload() throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement select = connection.prepareStatement("select payload from outbox_action");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getString(1);
        }
    }

    private long count(String sql) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement select = connection.prepareStatement(sql);
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private void sql(String sql, Object... parameters) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    /** The message gate's answer for tests: consent is whatever {@code grants} holds; Moscow time for everyone. */
    private final class Gate extends MessageGate {
        @Override
        public GateDecision decide(MessageRequest request, Instant now) {
            gateCalls.add(request.profileId());
            if (request.marketing() && !grants.contains(request.profileId())) {
                return new GateDecision.Refuse("no consent recorded for " + request.purpose() + " by "
                        + request.channel());
            }
            return new GateDecision.Send("someone@example.com", "hash", "consent checked");
        }

        @Override
        public ZoneId zone(String profileId) {
            return ZoneId.of("Europe/Moscow");
        }
    }

    private static final class Purposes extends ConsentSettings {
        @Override
        public Set<String> purposes() {
            return Set.of("marketing_email", "service", "loyalty");
        }
    }

    /** Profiles without attributes or identities: the engine only reads them for conditions and write-backs. */
    private static final class NoProfiles extends ProfileService {
        @Override
        public List<AttributeEntity> attributes(String profileId) {
            return List.of();
        }

        @Override
        public List<IdentityEntity> identities(String profileId) {
            return List.of();
        }

        @Override
        public Optional<ProfileEntity> findByIdentity(Identity identity) {
            return Optional.empty();
        }
    }

    private static final class EmptyLedger extends ConsentLedger {
        @Override
        public ConsentState current(String profileId) {
            return ConsentState.replay(List.of());
        }
    }

    private final class OneConnection extends ConnectionStore {
        @Override
        public List<ConnectionEntity> list() {
            return List.of(new MailConnection());
        }

        @Override
        public Optional<ConnectionEntity> find(String id) {
            return Optional.empty();
        }
    }

    private final class MailConnection extends ConnectionEntity {
        @Override
        public String id() {
            return connectionId;
        }

        @Override
        public String workspaceId() {
            return WorkspaceContext.DEFAULT;
        }

        @Override
        public String name() {
            return "mail";
        }

        @Override
        public ConnectionStatus status() {
            return ConnectionStatus.ACTIVE;
        }
    }
}
