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
import dev.liaison.scenario.loyalty.LoyaltyStanding;
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
 *
 * <p>A start (or a resume) and the runs it nests (a tier change its award causes starts the tier.changed scenarios
 * in the same transaction) share one {@link Pass}: their trace lines, in the order they happened, and where each run
 * ended up are written together when the outermost call ends, and the scenarios in force are read once. All of it
 * is written before the outermost call returns, in the caller's transaction, so it commits or rolls back with
 * everything else the start did.
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

    /** What one outermost start or resume and the runs it nests collect; see the class comment. */
    private static final class Pass {
        private final List<ScenarioStore.NewTrace> traces = new ArrayList<>();
        private final List<ScenarioStore.RunUpdate> runs = new ArrayList<>();
        private String workspace;
        private List<ScenarioCatalog.Active> active;
    }

    /** One line of a dry run: what the step would do. */
    public record Preview(Integer step, String kind, String outcome, String detail) {
    }

    private final ScenarioStore store;
    private final ScenarioCatalog catalog;
    private final ProfileService profiles;
    private final LoyaltyService loyalty;
    private final Messages messages;
    private final MessageGate gate;
    private final ConsentLedger consent;
    private final ConnectionStore connections;
    private final OutboxStore outbox;
    private final Event<OutboxActionAdded> added;
    private final Clock clock;
    private final PipelineMetrics metrics;
    private final ThreadLocal<Pass> pass = new ThreadLocal<>();

    @Inject
    public ScenarioEngine(ScenarioStore store, ScenarioCatalog catalog, ProfileService profiles,
                          LoyaltyService loyalty, Messages messages, MessageGate gate,
                          ConsentLedger consent, ConnectionStore connections, OutboxStore outbox,
                          Event<OutboxActionAdded> added, Clock clock, PipelineMetrics metrics) {
        this.store = store;
        this.catalog = catalog;
        this.profiles = profiles;
        this.loyalty = loyalty;
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
        this(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Starts the runs this happening calls for, in the caller's transaction. */
    public void start(Occurrence occurrence) {
        inPass(() -> {
            for (ScenarioCatalog.Active active : active(occurrence.type())) {
                start(active, occurrence);
            }
        });
    }

    /**
     * Runs {@code work} in the current pass, or in a new one whose trace lines and run updates are written when it
     * ends. Work that throws writes none: the caller's transaction rolls back what the runs wrote anyway.
     */
    private void inPass(Runnable work) {
        if (pass.get() != null) {
            work.run();
            return;
        }
        Pass opened = new Pass();
        pass.set(opened);
        try {
            work.run();
            store.trace(opened.traces);
            store.updateRuns(opened.runs);
        } finally {
            pass.remove();
        }
    }

    /** The enabled scenarios on {@code type}, as the pass first read them: a nested start asks no second time. */
    private List<ScenarioCatalog.Active> active(TriggerType type) {
        Pass current = pass.get();
        String workspace = WorkspaceContext.current();
        if (current.active == null || !workspace.equals(current.workspace)) {
            current.active = catalog.active();
            current.workspace = workspace;
        }
        return current.active.stream().filter(active -> active.scenario().trigger() == type).toList();
    }

    private void updateRun(long runId, RunStatus status, int nextStep, Instant wakeAt, Instant now) {
        pass.get().runs.add(new ScenarioStore.RunUpdate(runId, status, nextStep, wakeAt, now));
    }

    private void trace(String profileId, Long runId, String scenarioName, Integer step, String stepKind,
                       String outcome, String detail, Instant now) {
        trace(profileId, runId, scenarioName, step, stepKind, outcome, detail, now, null);
    }

    private void trace(String profileId, Long runId, String scenarioName, Integer step, String stepKind,
                       String outcome, String detail, Instant now, Long actionId) {
        pass.get().traces.add(new ScenarioStore.NewTrace(profileId, runId, scenarioName, step, stepKind, outcome,
                detail, now, actionId));
    }

    /**
     * Starts one scenario unless it already started on this occurrence (a re-processed inbox entry), which leaves no
     * trace. That is asked of the run's insert itself, so a start costs no lookup first; a trigger that does not
     * match, or a once-per-profile scenario that already ran, looks the run up before it writes its trace line.
     */
    private void start(ScenarioCatalog.Active active, Occurrence occurrence) {
        Scenario scenario = active.scenario();
        String profileId = occurrence.profileId();
        Instant now = clock.instant();
        Reading reading = null;
        if (scenario.when() != null) {
            Map<String, Object> variables;
            if (readsPerson(scenario.when().expression())) {
                reading = read(profileId);
                variables = variables(occurrence.type(), occurrence.facts(), profileId, reading);
            } else {
                variables = eventVariables(occurrence.type(), occurrence.facts());
            }
            ConditionEvaluator.Evaluation evaluation = ConditionEvaluator.evaluate(scenario.when(), variables);
            if (!evaluation.matched()) {
                if (!startedBefore(scenario, occurrence)) {
                    trace(profileId, null, scenario.name(), null, "trigger", NOT_MATCHED, occurrence.type()
                            .eventName() + " " + occurrence.key() + ": " + describe(evaluation), now);
                }
                return;
            }
        }
        Optional<Long> earlier = scenario.oncePerProfile() ? store.flag(scenario.name(), profileId) : Optional.empty();
        if (earlier.isPresent()) {
            if (!startedBefore(scenario, occurrence)) {
                trace(profileId, null, scenario.name(), null, "trigger", SKIPPED, occurrence.type().eventName()
                        + " " + occurrence.key() + ": runs once per person and already ran (run " + earlier.get()
                        + ")", now);
            }
            return;
        }
        String facts = Facts.write(occurrence.facts());
        Optional<Long> inserted = store.insertRunUnlessStarted(scenario.name(), active.version(), profileId,
                occurrence.key(), occurrence.type().eventName(), occurrence.connectionId(), occurrence.recordId(),
                facts, now);
        if (inserted.isEmpty()) {
            return;
        }
        long runId = inserted.get();
        if (scenario.oncePerProfile()) {
            store.setFlag(scenario.name(), profileId, runId, now);
        }
        trace(profileId, runId, scenario.name(), null, "trigger", STARTED, "version " + active.version()
                + " on " + occurrence.type().eventName() + " " + occurrence.key(), now);
        metrics.scenarioStarted(scenario.name());
        LOG.fine(() -> Correlation.prefix() + "Scenario " + scenario.name() + " started run " + runId + " on "
                + occurrence.type().eventName());
        // The run goes on with the facts as stored, as it would after a wait; what the trigger read of the person is
        // still current, nothing having been written for them since.
        RunContext context = new RunContext(scenario, runId, profileId, occurrence.type(), occurrence.connectionId(),
                occurrence.recordId(), Facts.read(facts), false);
        context.reading = reading;
        proceed(context, 0);
    }

    private boolean startedBefore(Scenario scenario, Occurrence occurrence) {
        return store.findRun(scenario.name(), occurrence.key()).isPresent();
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
                WorkspaceContext.run(run.workspaceId(), () -> inPass(() -> resume(run)));
                return true;
            }
        }
        return false;
    }

    private void resume(ScenarioStore.Run run) {
        Instant now = clock.instant();
        Optional<Scenario> scenario = catalog.version(run.scenarioName(), run.scenarioVersion());
        if (scenario.isEmpty()) {
            trace(run.profileId(), run.id(), run.scenarioName(), run.nextStep() + 1, "run", FAILED,
                    "version " + run.scenarioVersion() + " of the scenario can no longer be read", now);
            updateRun(run.id(), RunStatus.FAILED, run.nextStep(), null, now);
            return;
        }
        trace(run.profileId(), run.id(), run.scenarioName(), run.nextStep(), "wait", DONE,
                "woke up (due " + run.wakeAt() + ")", now);
        // A run keeps the version it started with, even when a newer one has been saved since.
        proceed(new RunContext(scenario.get(), run.id(), run.profileId(),
                TriggerType.byEventName(run.triggerEvent()).orElseThrow(), run.connectionId(), run.recordId(),
                Facts.read(run.facts()), false), run.nextStep());
    }

    private void proceed(RunContext context, int from) {
        Scenario scenario = context.scenario();
        long runId = context.runId();
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
            trace(context.profileId(), runId, scenario.name(), index + 1, step.kind(), result.outcome(),
                    result.detail(), now, result.actionId());
            if (REFUSED.equals(result.outcome())) {
                metrics.scenarioRefused(scenario.name());
            }
            if (result.wakeAt() != null) {
                updateRun(runId, RunStatus.WAITING, index + 1, result.wakeAt(), now);
                return;
            }
            if (result.ends()) {
                updateRun(runId, FAILED.equals(result.outcome()) ? RunStatus.FAILED : RunStatus.STOPPED,
                        index + 1, null, now);
                return;
            }
        }
        updateRun(runId, RunStatus.COMPLETED, steps.size(), null, clock.instant());
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
                    variables(occurrence.type(), occurrence.facts(), occurrence.profileId(),
                            read(occurrence.profileId())));
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

    /** What a run reads of its person: the profile's attributes and loyalty standing. */
    private record Reading(Map<String, String> attributes, LoyaltyStanding loyalty) {
    }

    /**
     * A run on its way through its steps. {@code reading} is what it last read of its person, kept for the steps
     * after it until one of them changes the person's points (an award, and whatever the award's tier change
     * starts); a run resumed after a wait reads afresh.
     */
    private static final class RunContext {

        private final Scenario scenario;
        private final long runId;
        private final String profileId;
        private final TriggerType trigger;
        private final String connectionId;
        private final String recordId;
        private final Map<String, Object> facts;
        private final boolean dryRun;
        private Reading reading;

        RunContext(Scenario scenario, long runId, String profileId, TriggerType trigger, String connectionId,
                   String recordId, Map<String, Object> facts, boolean dryRun) {
            this.scenario = scenario;
            this.runId = runId;
            this.profileId = profileId;
            this.trigger = trigger;
            this.connectionId = connectionId;
            this.recordId = recordId;
            this.facts = facts;
            this.dryRun = dryRun;
        }

        Scenario scenario() {
            return scenario;
        }

        long runId() {
            return runId;
        }

        String profileId() {
            return profileId;
        }

        TriggerType trigger() {
            return trigger;
        }

        String connectionId() {
            return connectionId;
        }

        String recordId() {
            return recordId;
        }

        Map<String, Object> facts() {
            return facts;
        }

        boolean dryRun() {
            return dryRun;
        }

        String key(int index) {
            return "scenario/" + runId + "/" + (index + 1);
        }
    }

    /** A step's outcome; {@code wakeAt} puts the run to sleep, {@code ends} ends it after this step. */
    /** {@code actionId}: the outbox action the step queued, whose outcome the trace shows when it is read. */
    private record StepResult(String outcome, String detail, Instant wakeAt, boolean ends, Long actionId) {

        StepResult(String outcome, String detail, Instant wakeAt, boolean ends) {
            this(outcome, detail, wakeAt, ends, null);
        }

        static StepResult next(String outcome, String detail) {
            return new StepResult(outcome, detail, null, false);
        }

        static StepResult queued(String detail, long actionId) {
            return new StepResult(DONE, detail, null, false, actionId);
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
        ConditionEvaluator.Evaluation evaluation = ConditionEvaluator.evaluate(check.condition(), variables(run));
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
        run.reading = null;
        return StepResult.next(DONE, (change.created() ? "awarded " : "already awarded ") + award.points()
                + " points (" + reason + "); balance " + change.balance());
    }

    private StepResult send(Step.Send send, int index, RunContext run, Instant now) {
        Optional<ConnectionEntity> connection = activeConnection(send.connection());
        if (connection.isEmpty()) {
            return new StepResult(FAILED, "no active connection named '" + send.connection() + "'", null, true);
        }
        Map<String, Object> variables = variables(run);
        Map<String, String> values = new LinkedHashMap<>();
        send.variables().forEach((name, template) -> values.put(name, fill(template, variables)));
        MessageRequest request = new MessageRequest(run.profileId(), send.purpose(), send.channel(),
                send.template(), fill(send.subject(), variables), fill(send.text(), variables),
                locale(run.reading.attributes()), values);
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
        return StepResult.queued("queued " + what + " as outbox action " + actionId + wait, actionId);
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
        Map<String, Object> variables = variables(run);
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
        return StepResult.queued("queued a write to " + what + " as outbox action " + actionId, actionId);
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
        Map<String, Object> variables = variables(run);
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
        return StepResult.queued("queued routing of " + what + " as outbox action " + actionId, actionId);
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

    private static String locale(Map<String, String> attributes) {
        return attributes.getOrDefault("locale", attributes.get("language"));
    }

    private Reading read(String profileId) {
        return new Reading(profiles.attributeValues(profileId), loyalty.standing(profileId));
    }

    /**
     * What conditions and {@code ${...}} blanks of the run's steps see: read again after a wait or an award, which
     * may have changed it, and otherwise what the run last read.
     */
    private Map<String, Object> variables(RunContext run) {
        if (run.reading == null) {
            run.reading = read(run.profileId());
        }
        return variables(run.trigger(), run.facts(), run.profileId(), run.reading);
    }

    /**
     * Whether an expression may read the person: EL reaches a variable only by its name, so one that names neither
     * {@code profile} nor {@code loyalty}, not even inside a string, cannot, and its trigger is decided without
     * reading them.
     */
    private static boolean readsPerson(String expression) {
        return expression.contains("profile") || expression.contains("loyalty");
    }

    /** The trigger's facts as {@code event} and by the trigger's alias ({@code deal}, {@code ticket}). */
    private static Map<String, Object> eventVariables(TriggerType trigger, Map<String, Object> facts) {
        Map<String, Object> event = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("event", event);
        trigger.alias().ifPresent(alias -> variables.put(alias, event));
        return variables;
    }

    private static Map<String, Object> variables(TriggerType trigger, Map<String, Object> facts, String profileId,
                                                 Reading reading) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("id", profileId);
        profile.put("attributes", Collections.unmodifiableMap(reading.attributes()));
        LoyaltyStanding standing = reading.loyalty();
        Map<String, Object> points = new LinkedHashMap<>();
        points.put("tier", standing.tier());
        points.put("balance", standing.balance());
        points.put("qualifyingPoints", standing.qualifyingPoints());
        points.put("expiringPoints", standing.expiringPoints());
        points.put("nextExpiry", standing.nextExpiry() == null ? null
                : standing.nextExpiry().atZone(ZoneOffset.UTC).toLocalDate().toString());
        points.put("nextTier", standing.nextTier() == null ? null : standing.nextTier().name());
        Map<String, Object> variables = eventVariables(trigger, facts);
        variables.put("profile", Collections.unmodifiableMap(profile));
        variables.put("loyalty", Collections.unmodifiableMap(points));
        return variables;
    }

    private static String describe(ConditionEvaluator.Evaluation evaluation) {
        return (evaluation.failure() != null ? evaluation.failure() : "condition is false") + " "
                + evaluation.observed();
    }
}
