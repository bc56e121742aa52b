package dev.liaison.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link PipelineMetrics} as Micrometer counters. Each counter is registered once per label set and kept, so that
 * counting costs a map lookup and an add, not a registration.
 */
@ApplicationScoped
public class MicrometerPipelineMetrics implements PipelineMetrics {

    /** The label of deliveries for a connection that is not known: ids from the URL are not trusted as labels. */
    static final String UNKNOWN = "unknown";

    private record Key(String name, Tags tags) {
    }

    private static final Map<String, String> HELP = Map.of(
            "liaison.webhooks.accepted", "Webhook deliveries intake stored (outcome=stored) or recognised as a "
                    + "redelivery (outcome=duplicate), per connection",
            "liaison.webhooks.rejected", "Webhook deliveries intake refused, per connection and reason "
                    + "(unknown-connection, verification, invalid, too-large, method)",
            "liaison.inbox.processed", "Inbox entries processed to the end (profile store, scenarios, journal), per "
                    + "connection; its rate is the processing rate",
            "liaison.inbox.failures", "Failed inbox processing attempts, per connection (the entry is retried with "
                    + "backoff or, after the last attempt, dead)",
            "liaison.outbox.done", "Outbox action attempts that settled the action (carried out, refused by the gate or "
                    + "deferred to later), per connection and type",
            "liaison.outbox.failures", "Failed attempts at outbox actions, per connection and type",
            "liaison.consent.refusals", "Messages the consent gate refused, per reason",
            "liaison.scenario.starts", "Scenario runs started, per scenario",
            "liaison.scenario.refusals", "Scenario steps the message gate refused, per scenario",
            "liaison.sync.records", "Records pull syncs read, per connection and outcome (seen: pulled; changed: "
                    + "handed to the pipeline; skipped: out of bounds; failed: refused by a stage); their rate is the "
                    + "sync rate");

    private final Meters meters;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

    @Inject
    public MicrometerPipelineMetrics(Meters meters) {
        this.meters = meters;
    }

    /** For the CDI client proxy only. */
    protected MicrometerPipelineMetrics() {
        this(null);
    }

    /** The name and help text of every counter, for the documentation test and the README. */
    static Map<String, String> help() {
        return HELP;
    }

    @Override
    public void webhookAccepted(String connectionId, boolean duplicate) {
        count("liaison.webhooks.accepted", Tags.of("connection", connectionId, "outcome",
                duplicate ? "duplicate" : "stored"));
    }

    @Override
    public void webhookRejected(String connectionId, Rejection reason) {
        count("liaison.webhooks.rejected", Tags.of("connection", connectionId == null ? UNKNOWN : connectionId,
                "reason", reason.label()));
    }

    @Override
    public void inboxEntryProcessed(String connectionId) {
        count("liaison.inbox.processed", Tags.of("connection", connectionId));
    }

    @Override
    public void inboxEntryFailed(String connectionId) {
        count("liaison.inbox.failures", Tags.of("connection", connectionId));
    }

    @Override
    public void outboxActionDone(String connectionId, String actionType) {
        count("liaison.outbox.done", Tags.of("connection", connectionId, "type", actionType));
    }

    @Override
    public void outboxActionFailed(String connectionId, String actionType) {
        count("liaison.outbox.failures", Tags.of("connection", connectionId, "type", actionType));
    }

    @Override
    public void consentRefused(String reason) {
        count("liaison.consent.refusals", Tags.of("reason", reason));
    }

    @Override
    public void scenarioStarted(String scenario) {
        count("liaison.scenario.starts", Tags.of("scenario", scenario));
    }

    @Override
    public void scenarioRefused(String scenario) {
        count("liaison.scenario.refusals", Tags.of("scenario", scenario));
    }

    @Override
    public void syncRecords(String connectionId, long seen, long changed, long skipped, long failed) {
        add(Tags.of("connection", connectionId, "outcome", "seen"), seen);
        add(Tags.of("connection", connectionId, "outcome", "changed"), changed);
        add(Tags.of("connection", connectionId, "outcome", "skipped"), skipped);
        add(Tags.of("connection", connectionId, "outcome", "failed"), failed);
    }

    private void add(Tags tags, long amount) {
        if (amount > 0) {
            counter("liaison.sync.records", tags).increment(amount);
        }
    }

    private void count(String name, Tags tags) {
        counter(name, tags).increment();
    }

    private Counter counter(String name, Tags tags) {
        return counters.computeIfAbsent(new Key(name, tags), key -> meters.counter(name, HELP.get(name), tags));
    }
}
