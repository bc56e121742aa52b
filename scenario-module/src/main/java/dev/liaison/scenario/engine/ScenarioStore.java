package dev.liaison.scenario.engine;

import dev.liaison.platform.outbox.OutboxStore;
import dev.liaison.platform.privacy.PersonalDataMask;
import dev.liaison.platform.sql.Jdbc;
import dev.liaison.platform.sql.WorkspaceJdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The scenario tables in plain JDBC, so that a run's rows join the transaction of whatever started or resumed it
 * (the inbox entry's, the loyalty change's, the worker's). Scoped to the current workspace through
 * {@link WorkspaceJdbc} except where a method says it looks at all of them.
 */
@ApplicationScoped
public class ScenarioStore {

    /** One stored version of a definition. */
    public record Definition(long id, String name, int version, boolean enabled, String source, String createdBy,
                             Instant createdAt) {
    }

    /** A run: where it is, and what it started from. {@code facts} is the trigger's facts as JSON. */
    public record Run(long id, String workspaceId, String scenarioName, int scenarioVersion, String profileId,
                      String triggerKey, String triggerEvent, String connectionId, String recordId, String facts,
                      RunStatus status, int nextStep, Instant wakeAt, Instant createdAt, Instant updatedAt) {
    }

    /**
     * A trace line still to be written: {@link #trace(List)} writes many in one statement. {@code actionId} is the
     * outbox action the step queued, if it queued one.
     */
    public record NewTrace(String profileId, Long runId, String scenarioName, Integer step, String stepKind,
                           String outcome, String detail, Instant createdAt, Long actionId) {
    }

    /**
     * One trace line; {@code runId} and {@code step} are absent when no run started. A step's {@code outcome} says
     * what the step did (DONE: it queued an action); {@code action} says what became of what it queued, read when
     * the trace is, so a write that failed later shows FAILED there.
     */
    public record TraceEntry(long id, String profileId, Long runId, String scenarioName, Integer step,
                             String stepKind, String outcome, String detail, Instant createdAt,
                             ActionOutcome action) {
    }

    /**
     * What became of a queued outbox action: {@code PENDING} (waiting, retrying or being sent), {@code DONE} with
     * its {@code result} (which for a message may be a refusal at send time), or {@code FAILED} with its
     * {@code error}; neither names personal data. {@code status} is null when the action is gone.
     */
    public record ActionOutcome(long id, String type, String status, int attempts, String result, String error,
                                Instant doneAt) {

        public static final String PENDING = "PENDING";
        public static final String DONE = "DONE";
        public static final String FAILED = "FAILED";
    }

    private static final String DEFINITION_COLUMNS = "id, name, version, enabled, source, created_by, created_at";
    private static final String RUN_COLUMNS = "id, workspace_id, scenario_name, scenario_version, profile_id, "
            + "trigger_key, trigger_event, connection_id, record_id, facts, status, next_step, wake_at, created_at, "
            + "updated_at";
    private static final String TRACE_COLUMNS = "t.id, t.profile_id, t.run_id, t.scenario_name, t.step, t.step_kind, "
            + "t.outcome, t.detail, t.created_at, t.outbox_id, o.action_type, o.status as action_status, "
            + "o.attempts as action_attempts, o.result as action_result, o.last_error as action_error, "
            + "o.done_at as action_done_at";
    private static final int DETAIL_LIMIT = 2000;
    private static final String INSERT_RUN = "insert into scenario_run (workspace_id, scenario_name, "
            + "scenario_version, profile_id, trigger_key, trigger_event, connection_id, record_id, facts, status, "
            + "next_step, created_at, updated_at) values (:workspace, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)";
    /** Trace lines per insert: far below any driver's limit on parameters, above what one start writes. */
    private static final int TRACES_PER_STATEMENT = 100;
    private static final String TRACE_ROW = "(:workspace, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final WorkspaceJdbc jdbc;
    /** Only for finding due runs, which the worker looks for in every workspace and then resumes in the run's. */
    private final Jdbc everyWorkspace;

    @Inject
    public ScenarioStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new WorkspaceJdbc(dataSource);
        this.everyWorkspace = new Jdbc(dataSource);
    }

    /** For the CDI client proxy only. */
    protected ScenarioStore() {
        this(null);
    }

    /** Stores the next version of a definition and returns its number. */
    public int saveDefinition(String name, boolean enabled, String source, String createdBy, Instant now) {
        int version = jdbc.query("select coalesce(max(version), 0) from scenario_definition "
                + "where workspace_id = :workspace and name = ?", row -> row.getInt(1), name).get(0) + 1;
        jdbc.insert("insert into scenario_definition (workspace_id, name, version, enabled, source, created_by, "
                + "created_at) values (:workspace, ?, ?, ?, ?, ?, ?)", name, version, enabled, source, createdBy, now);
        return version;
    }

    /** The newest version of every definition, enabled or not, by name. */
    public List<Definition> latestDefinitions() {
        return jdbc.query("select " + DEFINITION_COLUMNS + " from scenario_definition d "
                + "where workspace_id = :workspace and version = (select max(version) from scenario_definition n "
                + "where n.workspace_id = d.workspace_id and n.name = d.name) order by name",
                ScenarioStore::definition);
    }

    /** Changes whenever a definition is added: what a cache of parsed definitions is keyed by. */
    public long newestDefinitionId() {
        return jdbc.query("select coalesce(max(id), 0) from scenario_definition where workspace_id = :workspace",
                row -> row.getLong(1)).get(0);
    }

    /** One stored version of a definition, if there is one. */
    public Optional<Definition> definition(String name, int version) {
        return jdbc.first("select " + DEFINITION_COLUMNS + " from scenario_definition where workspace_id = :workspace "
                + "and name = ? and version = ?", ScenarioStore::definition, name, version);
    }

    /** The newest version of a definition, enabled or not, if the name has one. */
    public Optional<Definition> latest(String name) {
        return jdbc.first("select " + DEFINITION_COLUMNS + " from scenario_definition where workspace_id = :workspace "
                + "and name = ? order by version desc fetch first 1 rows only", ScenarioStore::definition, name);
    }

    public List<Definition> versions(String name) {
        return jdbc.query("select " + DEFINITION_COLUMNS + " from scenario_definition where workspace_id = :workspace "
                + "and name = ? order by version", ScenarioStore::definition, name);
    }

    public Optional<Run> findRun(String scenarioName, String triggerKey) {
        return jdbc.first("select " + RUN_COLUMNS + " from scenario_run where workspace_id = :workspace "
                + "and scenario_name = ? and trigger_key = ?", ScenarioStore::run, scenarioName, triggerKey);
    }

    public Optional<Run> findRun(long runId) {
        return jdbc.first("select " + RUN_COLUMNS + " from scenario_run where workspace_id = :workspace and id = ?",
                ScenarioStore::run, runId);
    }

    public List<Run> runsOf(String profileId) {
        return jdbc.query("select " + RUN_COLUMNS + " from scenario_run where workspace_id = :workspace "
                + "and profile_id = ? order by id", ScenarioStore::run, profileId);
    }

    /**
     * Adds a run. Two transactions starting the same run at once (the same webhook delivered twice in parallel)
     * cannot both commit: the unique trigger key fails one, and its inbox entry is retried and finds the run.
     */
    public long insertRun(String scenarioName, int version, String profileId, String triggerKey, String triggerEvent,
                          String connectionId, String recordId, String facts, Instant now) {
        return jdbc.insert(INSERT_RUN, scenarioName, version, profileId, triggerKey, triggerEvent, connectionId,
                recordId, facts, RunStatus.RUNNING.name(), now, now);
    }

    /**
     * Adds a run unless one of this scenario already started on this trigger, and returns its id; empty when one
     * had. On PostgreSQL that is one statement, and a transaction starting the same run at the same time waits for
     * the other and then finds it started; on H2 it is {@link #findRun(String, String)} and {@link #insertRun}.
     */
    public Optional<Long> insertRunUnlessStarted(String scenarioName, int version, String profileId,
                                                 String triggerKey, String triggerEvent, String connectionId,
                                                 String recordId, String facts, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return findRun(scenarioName, triggerKey).isPresent() ? Optional.empty() : Optional.of(insertRun(
                        scenarioName, version, profileId, triggerKey, triggerEvent, connectionId, recordId, facts,
                        now));
            }
            try (PreparedStatement statement = WorkspaceJdbc.prepare(connection, INSERT_RUN
                    + " on conflict (workspace_id, scenario_name, trigger_key) do nothing returning id", scenarioName,
                    version, profileId, triggerKey, triggerEvent, connectionId, recordId, facts,
                    RunStatus.RUNNING.name(), now, now);
                 ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    /** Where a run stands after a step: {@link #updateRuns} writes many in one batch. */
    public record RunUpdate(long runId, RunStatus status, int nextStep, Instant wakeAt, Instant now) {
    }

    public void updateRun(long runId, RunStatus status, int nextStep, Instant wakeAt, Instant now) {
        updateRuns(List.of(new RunUpdate(runId, status, nextStep, wakeAt, now)));
    }

    /** Writes where each run stands, in one JDBC batch. */
    public void updateRuns(List<RunUpdate> updates) {
        jdbc.batch("update scenario_run set status = ?, next_step = ?, wake_at = ?, updated_at = ? "
                + "where workspace_id = :workspace and id = ?", updates.stream().map(update -> new Object[] {
                    update.status().name(), update.nextStep(), update.wakeAt(), update.now(), update.runId()})
                .toList());
    }

    /** The run the flag of once-per-profile points at, if the scenario already ran for the person. */
    public Optional<Long> flag(String scenarioName, String profileId) {
        return jdbc.first("select run_id from scenario_flag where workspace_id = :workspace and scenario_name = ? "
                + "and profile_id = ?", row -> row.getLong(1), scenarioName, profileId);
    }

    public void setFlag(String scenarioName, String profileId, long runId, Instant now) {
        jdbc.update("insert into scenario_flag (workspace_id, scenario_name, profile_id, run_id, created_at) "
                + "values (:workspace, ?, ?, ?, ?)", scenarioName, profileId, runId, now);
    }

    public void trace(String profileId, Long runId, String scenarioName, Integer step, String stepKind, String outcome,
                      String detail, Instant now) {
        trace(profileId, runId, scenarioName, step, stepKind, outcome, detail, now, null);
    }

    /** One trace line of a step that queued the outbox action {@code actionId}. */
    public void trace(String profileId, Long runId, String scenarioName, Integer step, String stepKind, String outcome,
                      String detail, Instant now, Long actionId) {
        trace(List.of(new NewTrace(profileId, runId, scenarioName, step, stepKind, outcome, detail, now, actionId)));
    }

    /**
     * Writes trace lines in their order, as few statements as it takes (one multi-row insert per
     * {@value #TRACES_PER_STATEMENT} lines): a start that runs a scenario and the one its award nests writes all its
     * lines at once.
     */
    public void trace(List<NewTrace> lines) {
        for (int from = 0; from < lines.size(); from += TRACES_PER_STATEMENT) {
            List<NewTrace> chunk = lines.subList(from, Math.min(lines.size(), from + TRACES_PER_STATEMENT));
            List<Object> parameters = new ArrayList<>(chunk.size() * 9);
            for (NewTrace line : chunk) {
                String detail = line.detail();
                parameters.addAll(Arrays.asList(line.profileId(), line.runId(), line.scenarioName(), line.step(),
                        line.stepKind(), line.outcome(),
                        detail.length() <= DETAIL_LIMIT ? detail : detail.substring(0, DETAIL_LIMIT - 1) + "…",
                        line.createdAt(), line.actionId()));
            }
            jdbc.update("insert into scenario_trace (workspace_id, profile_id, run_id, scenario_name, step, step_kind, "
                    + "outcome, detail, created_at, outbox_id) values " + String.join(", ", Collections.nCopies(chunk.size(),
                    TRACE_ROW)), parameters.toArray());
        }
    }

    public List<TraceEntry> traces(String profileId) {
        return jdbc.query("select " + TRACE_COLUMNS + " from scenario_trace t left join outbox_action o "
                + "on o.id = t.outbox_id where t.workspace_id = :workspace and t.profile_id = ? order by t.id",
                ScenarioStore::traceEntry, profileId);
    }

    /**
     * Waiting runs whose time has come, in every workspace, oldest first: the worker that resumes them serves all
     * workspaces and binds each run's own before it touches anything else.
     */
    public List<Long> dueRuns(Instant now, int limit) {
        return everyWorkspace.query("select id from scenario_run where status = ? and wake_at <= ? "
                + "order by wake_at, id fetch first " + limit + " rows only", row -> row.getLong(1),
                RunStatus.WAITING.name(), now);
    }

    /**
     * Locks a due run for the rest of the transaction, in any workspace (its id comes from {@link #dueRuns}, and the
     * run names its workspace); a run another node holds, or that is no longer due, reads as absent, which is what
     * makes a wait fire once however many nodes look for due runs.
     */
    public Optional<Run> lockDueRun(long runId, Instant now) {
        return everyWorkspace.query("select " + RUN_COLUMNS + " from scenario_run where id = ? and status = ? "
                + "and wake_at <= ? for update skip locked", ScenarioStore::run, runId, RunStatus.WAITING.name(), now)
                .stream().findFirst();
    }

    public void rememberTicket(String connectionId, String ticketId, String profileId, Instant now) {
        if (ticketProfile(connectionId, ticketId).isEmpty()) {
            jdbc.update("insert into scenario_ticket (connection_id, ticket_id, workspace_id, profile_id, created_at) "
                    + "values (?, ?, :workspace, ?, ?)", connectionId, ticketId, profileId, now);
        }
    }

    public Optional<String> ticketProfile(String connectionId, String ticketId) {
        return jdbc.first("select profile_id from scenario_ticket where connection_id = ? and ticket_id = ? "
                + "and workspace_id = :workspace", row -> row.getString(1), connectionId, ticketId);
    }

    private static Definition definition(ResultSet row) throws SQLException {
        return new Definition(row.getLong("id"), row.getString("name"), row.getInt("version"),
                row.getBoolean("enabled"), row.getString("source"), row.getString("created_by"),
                Jdbc.instant(row.getTimestamp("created_at")));
    }

    private static Run run(ResultSet row) throws SQLException {
        return new Run(row.getLong("id"), row.getString("workspace_id"), row.getString("scenario_name"),
                row.getInt("scenario_version"), row.getString("profile_id"), row.getString("trigger_key"),
                row.getString("trigger_event"), row.getString("connection_id"), row.getString("record_id"),
                row.getString("facts"), RunStatus.valueOf(row.getString("status")), row.getInt("next_step"),
                Jdbc.instant(row.getTimestamp("wake_at")), Jdbc.instant(row.getTimestamp("created_at")),
                Jdbc.instant(row.getTimestamp("updated_at")));
    }

    private static TraceEntry traceEntry(ResultSet row) throws SQLException {
        long runId = row.getLong("run_id");
        Long run = row.wasNull() ? null : runId;
        int step = row.getInt("step");
        Integer stepNumber = row.wasNull() ? null : step;
        return new TraceEntry(row.getLong("id"), row.getString("profile_id"), run, row.getString("scenario_name"),
                stepNumber, row.getString("step_kind"), row.getString("outcome"), row.getString("detail"),
                Jdbc.instant(row.getTimestamp("created_at")), action(row));
    }

    private static ActionOutcome action(ResultSet row) throws SQLException {
        long id = row.getLong("outbox_id");
        if (row.wasNull()) {
            return null;
        }
        String status = row.getString("action_status");
        // Errors are stored scrubbed; an action failed before they were is scrubbed here.
        return new ActionOutcome(id, row.getString("action_type"), status == null ? null : switch (status) {
            case OutboxStore.DONE -> ActionOutcome.DONE;
            case OutboxStore.DEAD -> ActionOutcome.FAILED;
            default -> ActionOutcome.PENDING;
        }, row.getInt("action_attempts"), row.getString("action_result"),
                PersonalDataMask.scrub(row.getString("action_error")),
                Jdbc.instant(row.getTimestamp("action_done_at")));
    }
}
