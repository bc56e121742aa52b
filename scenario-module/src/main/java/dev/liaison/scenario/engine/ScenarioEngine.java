package dev.liaison.scenario.engine;

import static dev.liaison.scenario.routing.ConditionEvaluator.fill;

import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.RecordWriter;
import dev.liaison.connector.api.TicketRouter;
import dev.liaison.platform.connection.ConnectionEntity;
import dev.liaison.platform.connection.ConnectionStatus;
import dev.liaison.platform.connection.ConnectionStore;
import dev.liaison.platform.metrics.PipelineMetrics;
import dev.liaison.platform.outbox.OutboxActionAdded;
import dev.liaison.platform.outbox.OutboxStore;
import dev.liaison.platform.outbox.RouteTicketPayload;
import dev.liaison.platform.outbox.WriteFieldsAction;
import dev.liaison.platform.trace.Correlation;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.profile.consent.ConsentLedger;
import dev.liaison.profile.consent.ConsentRecord;
import dev.liaison.profile.consent.Decision;
import dev.liaison.profile.messaging.GateDecision;
import dev.liaison.profile.messaging.MessageGate;
import dev.liaison.profile.messaging.MessageRequest;
import dev.liaison.profile.messaging.Messages;
import dev.liaison.profile.person.ProfileService;
import dev.liaison.scenario.loyalty.LoyaltyService;
import dev.liaison.scenario.loyalty.LoyaltyStore;
import dev.liaison.scenario.loyalty.LoyaltySummary;
import dev.liaison.scenario.routing.ConditionEvaluator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Runs scenarios. A happening ({@link Occurrence}) starts a run of every enabled scenario whose trigger and
 * condition match, inside the transaction that saw it happen; the run goes through its steps until a wait, which
 * puts it to sleep in the database for {@link #resumeNextDue} to pick up, on any node, once.
 *
 * <p>Every effect is keyed by run and step ({@code scenario/{run}/{step}}): points through the ledger's source key,
 * messages and CRM writes through the outbox's idempotency key. A step that runs again after a crash therefore finds
 * what it did the first time instead of doing it twice. Messages go through the message gate before they are queued,
 * so a refusal (no consent, erased, restricted, suppressed, capped) is in the run's trace; the executor asks the gate
 * again at send time, so a consent withdrawn in between is still honoured.
 */
@ApplicationScoped
@Transactional
public class ScenarioEngine {

    public static final String STARTED = "STARTED";
    public static final String NOT_MATCHED = "NOT_MATCHED";
    public static final String SKIPPED = "SKIPPED";
    public static final String REFUSED = "REFUSED";
    public static final String DONE = "DONE";
    public static final String WAITING = "WAITING";
    public static final String FAILED = "FAILED";

    private static final Logger LOG = Logger.getLogger(ScenarioEngine.class.getName());
    private static final int CANDIDATES = 16;

    /** One line of a dry run: what the step would do. */
    public record Preview(Integer step, String kind, String outcome, String detail) {
    }

    private final ScenarioStore store;
    private final ScenarioCatalog catalog;
    private final ProfileService profiles;
    private final LoyaltyService loyalty;
    private final LoyaltyStore loyaltyStore;
    private final Messages messages;
    private final MessageGate gate;
    private final ConsentLedger consent;
    private final ConnectionStore connections;
    private final OutboxStore outbox;
    private final Event<OutboxActionAdded> added;
    private final Clock clock;
    private final PipelineMetrics metrics;

    @Inject
    public ScenarioEngine(ScenarioStore store, ScenarioCatalog catalog, ProfileService profiles,
                          LoyaltyService loyalty, LoyaltyStore loyaltyStore, Messages messages, MessageGate gate,
                          ConsentLedger consent, ConnectionStore connections, OutboxStore outbox,
                          Event<OutboxActionAdded> added, Clock clock, PipelineMetrics metrics) {
        this.store = store;
        this.catalog = catalog;
        this.profiles = profiles;
        this.loyalty = loyalty;
        this.loyaltyStore = loyaltyStore;
        this.messages = messages;
        this.gate = gate;
        this.consent = consent;
        this.connections = connections;
        this.outbox = outbox;
        this.added = added;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** For the CDI client proxy only. */
    protected ScenarioEngine() {
        this(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Starts the runs this happening calls for, in the caller's transaction. */
    public void start(Occurrence occurrence) {
        for (ScenarioCatalog.Active active : catalog.active(occurrence.type())) {
            start(active, occurrence);
        }
    }

    private void start(ScenarioCatalog.Active active, Occurrence occurrence) {
        Scenario scenario = active.scenario();
        String profileId = occurrence.profileId();
        if (store.findRun(scenario.name(), occurrence.key()).isPresent()) {
            return;
        }
        Instant now = clock.instant();
        if (scenario.when() != null) {
            ConditionEvaluator.Evaluation evaluation = ConditionEvaluator.evaluate(scenario.when(),
                    variables(occurrence.type(), occurrence.facts(), profileId));
            if (!evaluation.matched()) {
                store.trace(profileId, null, scenario.name(), null, "trigger", NOT_MATCHED, occurrence.type()
                        .eventName() + " " + occurrence.key() + ": " + describe(evaluation), now);
                return;
            }
        }
        Optional<Long> earlier = scenario.oncePerProfile() ? store.flag(scenario.name(), profileId) : Optional.empty();
        if (earlier.isPresent()) {
            store.trace(profileId, null, scenario.name(), null, "trigger", SKIPPED, occurrence.type().eventName()
                    + " " + occurrence.key() + ": runs once per person and already ran (run " + earlier.get() + ")",
                    now);
            return;
        }
        long runId = store.insertRun(scenario.name(), active.version(), profileId, occurrence.key(),
                occurrence.type().eventName(), occurrence.connectionId(), occurrence.recordId(),
                Facts.write(occurrence.facts()), now);
        if (scenario.oncePerProfile()) {
            store.setFlag(scenario.name(), profileId, runId, now);
        }
        store.trace(profileId, runId, scenario.name(), null, "trigger", STARTED, "version " + active.version()
                + " on " + occurrence.type().eventName() + " " + occurrence.key(), now);
        metrics.scenarioStarted(scenario.name());
        LOG.fine(() -> Correlation.prefix() + "Scenario " + scenario.name() + " started run " + runId + " on "
                + occurrence.type().eventName());
        proceed(scenario, store.findRun(runId).orElseThrow(), 0);
    }

    /**
     * Resumes one waiting run whose time has come, in its workspace, and says whether there was one. The run is
     * locked for the transaction and skipped by other nodes, so a wait ends once.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean resumeNextDue() {
        Instant now = clock.instant();
        for (long runId : store.dueRuns(now, CANDIDATES)) {
            Optional<ScenarioStore.Run> locked = store.lockDueRun(runId, now);
            if (locked.isPresent()) {
                ScenarioStore.Run run = locked.get();
                WorkspaceContext.run(run.workspaceId(), () -> resume(run));
                return true;
            }
        }
        return false;
    }

    private void resume(ScenarioStore.Run run) {
        Instant now = clock.instant();
        Optional<Scenario> scenario = definition(run);
        if (scenario.isEmpty()) {
            store.trace(run.profileId(), run.id(), run.scenarioName(), run.nextStep() + 1, "run", FAILED,
                    "version " + run.scenarioVersion() + " of the scenario can no longer be read", now);
            store.updateRun(run.id(), RunStatus.FAILED, run.nextStep(), null, now);
            return;
        }
        store.trace(run.profileId(), run.id(), run.scenarioName(), run.nextStep(), "wait", DONE,
                "woke up (due " + run.wakeAt() + ")", now);
        proceed(scenario.get(), run, run.nextStep());
    }

    /** A run keeps the version it started with, even when a newer one has been saved since. */
    private Optional<Scenario> definition(ScenarioStore.Run run) {
        return store.versions(run.scenarioName()).stream()
                .filter(stored -> stored.version() == run.scenarioVersion()).findFirst()
                .flatMap(stored -> {
                    try {
                        return Optional.of(catalog.parser().parse(stored.source()));
                    } catch (ScenarioException e) {
                        return Optional.empty();
                    }
                });
    }

    private void proceed(Scenario scenario, ScenarioStore.Run run, int from) {
        RunContext context = new RunContext(scenario, run.id(), run.profileId(),
                TriggerType.byEventName(run.triggerEvent()).orElseThrow(), run.connectionId(), run.recordId(),
                Facts.read(run.facts()), false);
        List<Step> steps = scenario.steps();
        for (int index = from; index < steps.size(); index++) {
            Step step = steps.get(index);
            Instant now = clock.instant();
            StepResult result;
            try {
                result = execute(step, index, context, now);
            } catch (RuntimeException e) {
                result = new StepResult(FAILED, "the step failed: " + e.getClass().getSimpleName(), null, true);
            }
            store.trace(run.profileId(), run.id(), scenario.name(), index + 1, step.kind(), result.outcome(),
                    result.detail(), now);
            if (REFUSED.equals(result.outcome())) {
                metrics.scenarioRefused(scenario.name());
            }
            if (result.wakeAt() != null) {
                store.updateRun(run.id(), RunStatus.WAITING, index + 1, result.wakeAt(), now);
                return;
            }
            if (result.ends()) {
                store.updateRun(run.id(), FAILED.equals(result.outcome()) ? RunStatus.FAILED : RunStatus.STOPPED,
                        index + 1, null, now);
                return;
            }
        }
        store.updateRun(run.id(), RunStatus.COMPLETED, steps.size(), null, clock.instant());
    }

    /**
     * What the scenario would do for this happening now, without doing any of it: no run, no points, no message,
     * no trace. Waits are assumed to have passed; the gate's answer is the consent ledger's current state.
     */
    public List<Preview> dryRun(Scenario scenario, Occurrence occurrence) {
        List<Preview> lines = new ArrayList<>();
        Instant now = clock.instant();
        if (scenario.trigger() != occurrence.type()) {
            lines.add(new Preview(null, "trigger", NOT_MATCHED, "the scenario starts on "
                    + scenario.trigger().eventName() + ", not " + occurrence.type().eventName()));
            return lines;
        }
        if (scenario.when() != null) {
            ConditionEvaluator.Evaluation evaluation = ConditionEvaluator.evaluate(scenario.when(),
                    variables(occurrence.type(), occurrence.facts(), occurrence.profileId()));
            if (!evaluation.matched()) {
                lines.add(new Preview(null, "trigger", NOT_MATCHED, describe(evaluation)));
                return lines;
            }
        }
        Optional<Long> earlier = scenario.oncePerProfile()
                ? store.flag(scenario.name(), occurrence.profileId()) : Optional.empty();
        if (earlier.isPresent()) {
            lines.add(new Preview(null, "trigger", SKIPPED, "runs once per person and already ran (run "
                    + earlier.get() + ")"));
            return lines;
        }
        lines.add(new Preview(null, "trigger", STARTED, "would start on " + occurrence.type().eventName()));
        RunContext context = new RunContext(scenario, 0, occurrence.profileId(), occurrence.type(),
                occurrence.connectionId(), occurrence.recordId(), occurrence.facts(), true);
        for (int index = 0; index < scenario.steps().size(); index++) {
            Step step = scenario.steps().get(index);
            StepResult result;
            try {
                result = execute(step, index, context, now);
            } catch (RuntimeException e) {
                result = new StepResult(FAILED, "the step would fail: " + e.getClass().getSimpleName(), null, true);
            }
            lines.add(new Preview(index + 1, step.kind(), result.outcome(), result.detail()));
            if (result.ends()) {
                break;
            }
        }
        return lines;
    }

    /** The runs of a person, newest last, and the trace of everything scenarios did or declined to do for them. */
    public List<ScenarioStore.Run> runs(String profileId) {
        return store.runsOf(profileId);
    }

    public List<ScenarioStore.TraceEntry> traces(String profileId) {
        return store.traces(profileId);
    }

    private record RunContext(Scenario scenario, long runId, String profileId, TriggerType trigger,
                              String connectionId, String recordId, Map<String, Object> facts, boolean dryRun) {

        String key(int index) {
            return "scenario/" + runId + "/" + (index + 1);
        }
    }

    /** A step's outcome; {@code wakeAt} puts the run to sleep, {@code ends} ends it after this step. */
    private record StepResult(String outcome, String detail, Instant wakeAt, boolean ends) {

        static StepResult next(String outcome, String detail) {
            return new StepResult(outcome, detail, null, false);
        }
    }

    private StepResult execute(Step step, int index, RunContext run, Instant now) {
        if (step instanceof Step.Wait wait) {
            return sleep(run, now.plus(wait.duration()), "for " + wait.duration());
        }
        if (step instanceof Step.WaitUntil until) {
            return sleep(run, nextTimeOfDay(run.profileId(), until, now),
                    "until " + until.time() + " in the person's time zone");
        }
        if (step instanceof Step.If check) {
            return check(check, run);
        }
        if (step instanceof Step.Award award) {
            return award(award, index, run);
        }
        if (step instanceof Step.Send send) {
            return send(send, index, run, now);
        }
        if (step instanceof Step.WriteCrm write) {
            return writeCrm(write, index, run, now);
        }
        return route((Step.Route) step, index, run, now);
    }

    private static StepResult sleep(RunContext run, Instant until, String what) {
        if (run.dryRun()) {
            return StepResult.next(WAITING, "would wait " + what + " (until " + until + " if it started now)");
        }
        return new StepResult(WAITING, "waits " + what + ", until " + until, until, false);
    }

    private Instant nextTimeOfDay(String profileId, Step.WaitUntil until, Instant now) {
        ZoneId zone = gate.zone(profileId);
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime candidate = local.with(until.time());
        return (candidate.isAfter(local) ? candidate : candidate.plusDays(1)).toInstant();
    }

    private StepResult check(Step.If check, RunContext run) {
        ConditionEvaluator.Evaluation evaluation = ConditionEvaluator.evaluate(check.condition(),
                variables(run.trigger(), run.facts(), run.profileId()));
        if (evaluation.matched()) {
            return StepResult.next(DONE, "true " + evaluation.observed());
        }
        return new StepResult(SKIPPED, "the run ends: " + describe(evaluation), null, true);
    }

    private StepResult award(Step.Award award, int index, RunContext run) {
        String reason = award.reason() != null ? award.reason() : "scenario " + run.scenario().name();
        if (run.dryRun()) {
            return StepResult.next(DONE, "would award " + award.points() + " points (" + reason + ")");
        }
        LoyaltyService.Change change = loyalty.earn(run.profileId(), award.points(), run.scenario().name(), reason,
                run.key(index));
        return StepResult.next(DONE, (change.created() ? "awarded " : "already awarded ") + award.points()
                + " points (" + reason + "); balance " + change.balance());
    }

    private StepResult send(Step.Send send, int index, RunContext run, Instant now) {
        Optional<ConnectionEntity> connection = activeConnection(send.connection());
        if (connection.isEmpty()) {
            return new StepResult(FAILED, "no active connection named '" + send.connection() + "'", null, true);
        }
        Map<String, Object> variables = variables(run.trigger(), run.facts(), run.profileId());
        Map<String, String> values = new LinkedHashMap<>();
        send.variables().forEach((name, template) -> values.put(name, fill(template, variables)));
        MessageRequest request = new MessageRequest(run.profileId(), send.purpose(), send.channel(),
                send.template(), fill(send.subject(), variables), fill(send.text(), variables),
                locale(run.profileId()), values);
        String what = (send.template() != null ? "'" + send.template() + "'" : "a text") + " by " + send.channel()
                + " for " + send.purpose() + " through '" + send.connection() + "'";
        if (run.dryRun()) {
            return StepResult.next(DONE, "would queue " + what + "; " + consentPreview(run.profileId(), send));
        }
        GateDecision decision = gate.decide(request, now);
        if (decision instanceof GateDecision.Refuse refuse) {
            return StepResult.next(REFUSED, "not sent: " + refuse.reason());
        }
        long actionId = messages.enqueue(WorkspaceContext.current(), connection.get().id(), run.key(index), request);
        String wait = decision instanceof GateDecision.Defer defer ? "; it waits: " + defer.reason() : "";
        return StepResult.next(DONE, "queued " + what + " as outbox action " + actionId + wait);
    }

    private String consentPreview(String profileId, Step.Send send) {
        if (!MessageRequest.SERVICE.equals(send.purpose())) {
            Optional<ConsentRecord> governing = consent.current(profileId).governing(send.purpose(), send.channel());
            if (governing.isEmpty()) {
                return "the gate would refuse: no consent recorded for " + send.purpose() + " by " + send.channel();
            }
            if (governing.get().decision() != Decision.GRANTED) {
                return "the gate would refuse: withdrawn on " + governing.get().occurredAt();
            }
            return "consent granted on " + governing.get().occurredAt() + "; the gate also checks address, "
                    + "suppression, frequency cap and quiet hours when it runs";
        }
        return "a service message: the gate checks erasure, restriction, address and suppression when it runs";
    }

    private StepResult writeCrm(Step.WriteCrm write, int index, RunContext run, Instant now) {
        if (run.dryRun() && write.connection() == null && run.connectionId() == null) {
            return StepResult.next(DONE, "would write " + write.fields().keySet() + " to the "
                    + write.record().name().toLowerCase(Locale.ROOT) + " in the CRM the trigger comes from");
        }
        Optional<ConnectionEntity> connection = write.connection() != null
                ? activeConnection(write.connection())
                : Optional.ofNullable(run.connectionId()).flatMap(connections::find)
                        .filter(found -> found.status() == ConnectionStatus.ACTIVE);
        if (connection.isEmpty()) {
            return new StepResult(FAILED, "no active connection " + (write.connection() != null
                    ? "named '" + write.connection() + "'" : "the trigger came from"), null, true);
        }
        String recordId = write.record() == RecordWriter.Entity.DEAL ? run.recordId()
                : contactRecord(run.profileId(), connection.get().id()).orElse(null);
        if (recordId == null) {
            return StepResult.next(SKIPPED, "the person has no contact record in '" + connection.get().name() + "'");
        }
        Map<String, Object> variables = variables(run.trigger(), run.facts(), run.profileId());
        Map<String, String> fields = new LinkedHashMap<>();
        write.fields().forEach((name, template) -> fields.put(name, fill(template, variables)));
        String what = write.record().name().toLowerCase(Locale.ROOT) + " " + recordId + " in '"
                + connection.get().name()
                + "': " + fields.keySet();
        if (run.dryRun()) {
            return StepResult.next(DONE, "would write " + what);
        }
        long actionId = enqueue(connection.get(), run.key(index), WriteFieldsAction.TYPE,
                new WriteFieldsAction(write.record(), recordId, fields).toJson(), now);
        return StepResult.next(DONE, "queued a write to " + what + " as outbox action " + actionId);
    }

    private StepResult route(Step.Route route, int index, RunContext run, Instant now) {
        if (run.dryRun() && run.connectionId() == null) {
            return StepResult.next(DONE, "would route the solved ticket: group " + route.group() + ", assignee "
                    + route.assignee() + ", priority " + route.priority() + ", tags " + route.tags());
        }
        Optional<ConnectionEntity> connection = Optional.ofNullable(run.connectionId()).flatMap(connections::find)
                .filter(found -> found.status() == ConnectionStatus.ACTIVE);
        if (connection.isEmpty() || run.recordId() == null) {
            return new StepResult(FAILED, "the ticket's help desk is no longer connected", null, true);
        }
        Map<String, Object> variables = variables(run.trigger(), run.facts(), run.profileId());
        TicketRouter.RoutingDecision decision = new TicketRouter.RoutingDecision(fill(route.group(), variables),
                fill(route.assignee(), variables), fill(route.priority(), variables), route.tags(),
                "Liaison scenario '" + run.scenario().name() + "', step " + (index + 1));
        String what = "ticket " + run.recordId() + ": group " + decision.group() + ", assignee "
                + decision.assignee() + ", priority " + decision.priority() + ", tags " + decision.tags();
        if (run.dryRun()) {
            return StepResult.next(DONE, "would route " + what);
        }
        long actionId = enqueue(connection.get(), run.key(index), RouteTicketPayload.TYPE,
                RouteTicketPayload.write(run.recordId(), decision), now);
        return StepResult.next(DONE, "queued routing of " + what + " as outbox action " + actionId);
    }

    private long enqueue(ConnectionEntity connection, String key, String type, String payload, Instant now) {
        long actionId = outbox.enqueue(connection.workspaceId(), connection.id(), key, type, payload, now);
        added.fire(new OutboxActionAdded(actionId));
        return actionId;
    }

    private Optional<ConnectionEntity> activeConnection(String name) {
        return connections.list().stream()
                .filter(connection -> connection.name().equals(name) && connection.status() == ConnectionStatus.ACTIVE)
                .findFirst();
    }

    /** The person's record id in that connection: their external identity there ({@code system|connection|id}). */
    private Optional<String> contactRecord(String profileId, String connectionId) {
        return profiles.identities(profileId).stream()
                .flatMap(identity -> identity.identity().externalRef().stream())
                .filter(ref -> ref.connectionId().equals(connectionId)).map(ExternalRef::id).findFirst();
    }

    private String locale(String profileId) {
        Map<String, String> attributes = profiles.attributeValues(profileId);
        return attributes.getOrDefault("locale", attributes.get("language"));
    }

    /** What conditions and {@code ${...}} blanks see, read afresh at each step: a wait may have changed it. */
    Map<String, Object> variables(TriggerType trigger, Map<String, Object> facts, String profileId) {
        Map<String, Object> event = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("id", profileId);
        profile.put("attributes", Collections.unmodifiableMap(profiles.attributeValues(profileId)));
        LoyaltySummary summary = loyalty.summary(profileId);
        Map<String, Object> points = new LinkedHashMap<>();
        points.put("tier", summary.tier());
        points.put("balance", summary.balance());
        points.put("qualifyingPoints", summary.qualifyingPoints());
        points.put("expiringPoints", summary.expiringSoon().stream().mapToLong(LoyaltyStore.Lot::remaining).sum());
        points.put("nextExpiry", summary.expiringSoon().stream().map(LoyaltyStore.Lot::expiresAt)
                .min(Instant::compareTo)
                .map(at -> at.atZone(ZoneOffset.UTC).toLocalDate().toString()).orElse(null));
        points.put("nextTier", summary.nextTier() == null ? null : summary.nextTier().name());
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("event", event);
        trigger.alias().ifPresent(alias -> variables.put(alias, event));
        variables.put("profile", Collections.unmodifiableMap(profile));
        variables.put("loyalty", Collections.unmodifiableMap(points));
        return variables;
    }

    private static String describe(ConditionEvaluator.Evaluation evaluation) {
        return (evaluation.failure() != null ? evaluation.failure() : "condition is false") + " "
                + evaluation.observed();
    }
}
