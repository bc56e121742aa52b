package dev.liaison.web.compliance;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

/** Starts request execution once {@code LiaisonStartup} has migrated the schema the worker reads. */
@Startup
@jakarta.ejb.Singleton
@DependsOn("LiaisonStartup")
@TransactionManagement(TransactionManagementType.BEAN)
public class ComplianceStartup {

    @Inject
    ComplianceWorker worker;

    @PostConstruct
    void start() {
        worker.start();
    }

    @PreDestroy
    void stop() {
        worker.stop();
    }
}
