package dev.liaison.profile.consent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/** The consent gate's refusals. Recorded in their own transaction so that a caller's rollback keeps them. */
@ApplicationScoped
public class ConsentRefusals {

    private final EntityManager entityManager;
    private final Clock clock;

    @Inject
    public ConsentRefusals(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected ConsentRefusals() {
        this(null, null);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(String profileId, String purpose, String channel, String reason) {
        entityManager.persist(new ConsentRefusalEntity(profileId, purpose, channel, reason, clock.instant()));
    }

    @Transactional
    public List<ConsentRefusalEntity> recent(String profileId) {
        return entityManager.createQuery("select r from ConsentRefusalEntity r where r.profileId = :profile "
                + "order by r.refusedAt desc", ConsentRefusalEntity.class).setParameter("profile", profileId)
                .setMaxResults(100).getResultList();
    }
}
