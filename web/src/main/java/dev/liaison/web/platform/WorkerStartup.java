package dev.liaison.web.platform;

import dev.liaison.platform.sync.SyncRunner;
import dev.liaison.web.compliance.ComplianceWorker;
import dev.liaison.web.loyalty.LoyaltyWorker;
import dev.liaison.web.scenario.ScenarioWorker;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

/**
 * Starts the background workers once {@code LiaisonStartup} has migrated the schema they read: data-subject request
 * execution, loyalty expiry, the scenario runs that wake (after the configured scenario files are imported), and the
 * pull syncs of connections whose connectors read records.
 */
@Startup
@jakarta.ejb.Singleton
@DependsOn("LiaisonStartup")
@TransactionManagement(TransactionManagementType.BEAN)
public class WorkerStartup {

    @Inject
    ComplianceWorker compliance;

    @Inject
    LoyaltyWorker loyalty;

    @Inject
    ScenarioWorker scenarios;

    @Inject
    SyncRunner sync;

    @PostConstruct
    void start() {
        compliance.start();
        loyalty.start();
        scenarios.importConfigured();
        scenarios.start();
        sync.start();
    }

    @PreDestroy
    void stop() {
        sync.stop();
        compliance.stop();
        loyalty.stop();
        scenarios.stop();
    }
}
