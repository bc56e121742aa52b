package dev.liaison.profile.consent;

import dev.liaison.profile.profile.ProfileService;
import dev.liaison.profile.workspace.WorkspaceSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The append-only consent ledger. There is no update and no delete: a change of mind is a new entry. A merged
 * profile's history includes the entries of the profiles it absorbed, so no evidence is lost by a merge.
 */
@ApplicationScoped
@Transactional
public class ConsentLedger {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final EntityManager entityManager;
    private final ProfileService profiles;
    private final ConsentSettings settings;
    private final Clock clock;
    private final Event<ConsentRecorded> recorded;

    @Inject
    public ConsentLedger(EntityManager entityManager, ProfileService profiles, ConsentSettings settings, Clock clock,
                         Event<ConsentRecorded> recorded) {
        this.entityManager = entityManager;
        this.profiles = profiles;
        this.settings = settings;
        this.clock = clock;
        this.recorded = recorded;
    }

    /** For the CDI client proxy only. */
    protected ConsentLedger() {
        this(null, null, null, null, null);
    }

    /**
     * Appends a decision after checking it: known purpose and channel, and for a grant the evidence a regulator
     * asks for (notice version, the notice text's SHA-256, how it was collected).
     */
    public ConsentRecord record(String profileId, ConsentEntry entry) throws ConsentViolation {
        validate(entry);
        ConsentEventEntity row = new ConsentEventEntity(profileId, entry, clock.instant());
        entityManager.persist(row);
        entityManager.flush();
        ConsentRecord appended = row.toRecord();
        recorded.fire(new ConsentRecorded(appended));
        return appended;
    }

    public List<ConsentRecord> history(String profileId) {
        return historyOf(profiles.lineage(profileId));
    }

    /** The ledger of a lineage the caller already knows (see {@link ProfileService#lineage(String, List)}). */
    public List<ConsentRecord> historyOf(List<String> lineage) {
        return WorkspaceSql.select(entityManager, "select * from consent_event where workspace_id = :workspace "
                        + "and profile_id in (:profiles) order by id", ConsentEventEntity.class)
                .setParameterList("profiles", lineage)
                .getResultList().stream().map(ConsentEventEntity::toRecord).toList();
    }

    public Optional<ConsentRecord> find(String profileId, long consentId) {
        return history(profileId).stream().filter(entry -> entry.id() == consentId).findFirst();
    }

    public ConsentState current(String profileId) {
        return ConsentState.replay(history(profileId));
    }

    public ConsentState currentOf(List<String> lineage) {
        return ConsentState.replay(historyOf(lineage));
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private void validate(ConsentEntry entry) throws ConsentViolation {
        if (entry.purpose() == null || !settings.purposes().contains(entry.purpose())) {
            throw new ConsentViolation("purpose", "must be one of " + settings.purposes());
        }
        if (entry.channel() == null || !settings.channels().contains(entry.channel())) {
            throw new ConsentViolation("channel", "must be one of " + settings.channels());
        }
        if (entry.decision() == null) {
            throw new ConsentViolation("decision", "must be GRANTED or WITHDRAWN");
        }
        if (entry.occurredAt() == null) {
            throw new ConsentViolation("occurredAt", "is required");
        }
        if (entry.occurredAt().isAfter(clock.instant().plusSeconds(300))) {
            throw new ConsentViolation("occurredAt", "must not be in the future");
        }
        Evidence evidence = entry.evidence();
        if (evidence.noticeSha256() != null && !SHA256.matcher(evidence.noticeSha256()).matches()) {
            throw new ConsentViolation("evidence.noticeSha256", "must be 64 lower-case hex digits");
        }
        if (entry.decision() == Decision.GRANTED && "api".equals(entry.source().system())) {
            requireText(evidence.noticeVersion(), "evidence.noticeVersion");
            requireText(evidence.noticeSha256(), "evidence.noticeSha256");
            requireText(evidence.collectionMethod(), "evidence.collectionMethod");
        }
    }

    private static void requireText(String value, String field) throws ConsentViolation {
        if (value == null || value.isBlank()) {
            throw new ConsentViolation(field, "is required to record a grant");
        }
    }
}
