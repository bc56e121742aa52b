package dev.liaison.web.platform;

import dev.liaison.platform.metrics.QueueGauges;
import dev.liaison.platform.migration.DatabaseMigration;
import dev.liaison.platform.outbox.OutboxExecutor;
import dev.liaison.platform.processing.InboxProcessor;
import dev.liaison.web.security.ConfiguredWorkspaces;
import dev.liaison.web.security.EmbeddedAdmin;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import javax.sql.DataSource;

/**
 * Runs before the application takes traffic: migrate the schema, then start draining the inbox and reading the
 * queue gauges. A singleton EJB
 * because deployment waits for its {@code @PostConstruct}, which a CDI observer would not guarantee.
 */
@Startup
@jakarta.ejb.Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class LiaisonStartup {

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Inject
    InboxProcessor inboxProcessor;

    @Inject
    OutboxExecutor outboxExecutor;

    @Inject
    QueueGauges queueGauges;

    @Inject
    ConfiguredWorkspaces workspaces;

    @Inject
    EmbeddedAdmin embeddedAdmin;

    @PostConstruct
    void start() {
        new DatabaseMigration(dataSource).migrate();
        workspaces.register();
        embeddedAdmin.ensureExists(System.out);
        inboxProcessor.start();
        outboxExecutor.start();
        queueGauges.start();
    }

    @PreDestroy
    void stop() {
        queueGauges.stop();
        inboxProcessor.stop();
        outboxExecutor.stop();
    }
}
