package dev.liaison.platform.work;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The server's managed scheduler, as a CDI bean: background work must run on container-managed threads. */
@ApplicationScoped
public class ExecutorResources {

    @Produces
    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    private ManagedScheduledExecutorService scheduler;
}
