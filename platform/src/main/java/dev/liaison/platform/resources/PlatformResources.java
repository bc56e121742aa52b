package dev.liaison.platform.resources;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import javax.sql.DataSource;

/** Exposes container resources as CDI beans, so that every other bean can take them in its constructor. */
@ApplicationScoped
public class PlatformResources {

    @Produces
    @PersistenceContext(unitName = "liaison")
    private EntityManager entityManager;

    @Produces
    @Resource(lookup = "java:comp/DefaultDataSource")
    private DataSource dataSource;

    @Produces
    Clock clock() {
        return Clock.systemUTC();
    }
}
