package dev.liaison.web.compliance;

import dev.liaison.platform.work.Drainer;
import dev.liaison.profile.compliance.ComplianceWorkAdded;
import dev.liaison.profile.compliance.RequestExecution;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Executes verified data-subject requests in the background, one system at a time, from the durable result rows:
 * a restart resumes whatever was due. Verification and retries wake it at once after their commit.
 */
@ApplicationScoped
public class ComplianceWorker {

    private static final Logger LOG = Logger.getLogger(ComplianceWorker.class.getName());

    private final RequestExecution execution;
    private final ConnectorSubjectSystems systems;
    private final boolean enabled;
    private final Drainer drainer;

    @Inject
    public ComplianceWorker(RequestExecution execution, ConnectorSubjectSystems systems,
                            ManagedScheduledExecutorService scheduler,
                            @ConfigProperty(name = "liaison.compliance.worker.enabled", defaultValue = "true")
                            boolean enabled,
                            @ConfigProperty(name = "liaison.compliance.worker.poll-interval", defaultValue = "PT2S")
                            Duration pollInterval) {
        this.execution = execution;
        this.systems = systems;
        this.enabled = enabled;
        this.drainer = scheduler == null ? null
                : new Drainer("data-subject request queue", scheduler, 1, pollInterval, this::attemptOne);
    }

    /** For the CDI client proxy only. */
    protected ComplianceWorker() {
        this(null, null, null, false, null);
    }

    public void start() {
        if (enabled) {
            drainer.start();
        } else {
            LOG.warning("Data-subject request execution is disabled (liaison.compliance.worker.enabled=false)");
        }
    }

    public void stop() {
        drainer.stop();
    }

    void onWorkAdded(@Observes(during = TransactionPhase.AFTER_SUCCESS) ComplianceWorkAdded added) {
        drainer.nudge();
    }

    private boolean attemptOne() {
        try {
            return execution.executeNextDue(systems).isPresent();
        } catch (RequestExecution.StepFailed failure) {
            LOG.warning(() -> "Data-subject request step " + failure.resultId() + " failed: " + failure.getMessage());
            execution.recordFailure(failure);
            return true;
        }
    }
}
