package dev.liaison.web.loyalty;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

/** Starts the expiry worker once {@code LiaisonStartup} has migrated the schema it reads. */
@Startup
@jakarta.ejb.Singleton
@DependsOn("LiaisonStartup")
@TransactionManagement(TransactionManagementType.BEAN)
public class LoyaltyStartup {

    @Inject
    LoyaltyWorker worker;

    @PostConstruct
    void start() {
        worker.start();
    }

    @PreDestroy
    void stop() {
        worker.stop();
    }
}
