package dev.liaison.web.scenario;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

/** Imports configured scenario files and starts waking runs once {@code LiaisonStartup} has migrated the schema. */
@Startup
@jakarta.ejb.Singleton
@DependsOn("LiaisonStartup")
@TransactionManagement(TransactionManagementType.BEAN)
public class ScenarioStartup {

    @Inject
    ScenarioWorker worker;

    @PostConstruct
    void start() {
        worker.importConfigured();
        worker.start();
    }

    @PreDestroy
    void stop() {
        worker.stop();
    }
}
