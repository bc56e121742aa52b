package dev.liaison.profile.consent;

import dev.liaison.platform.workspace.WorkspaceSql;
import dev.liaison.profile.person.ProfileService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
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
    /** Hex digits, colons and dots, and an IPv6 zone; whether it is a routable address is not the ledger's concern. */
    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}(%[A-Za-z0-9_.-]{1,15})?");

    // The columns of consent_event (V2 migration): an entry longer than these could not be stored.
    public static final int NOTICE_VERSION_LIMIT = 100;
    public static final int COLLECTION_METHOD_LIMIT = 60;
    public static final int EVIDENCE_TEXT_LIMIT = 2000;
    public static final int IP_ADDRESS_LIMIT = 64;
    public static final int USER_AGENT_LIMIT = 500;

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

    /** Appends a decision after checking it (see {@link #problems}). */
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
        List<ConsentViolation.Problem> problems = problems(entry);
        if (!problems.isEmpty()) {
            throw new ConsentViolation(problems);
        }
    }

    /**
     * Everything wrong with the entry at once: known purpose and channel, and for a grant the evidence a regulator
     * asks for; every text within its column, so that no entry fails in the database with an error quoting it.
     */
    public List<ConsentViolation.Problem> problems(ConsentEntry entry) {
        List<ConsentViolation.Problem> problems = new ArrayList<>();
        if (entry.purpose() == null || !settings.purposes().contains(entry.purpose())) {
            problems.add(new ConsentViolation.Problem("purpose", "must be one of " + settings.purposes()));
        }
        if (entry.channel() == null || !settings.channels().contains(entry.channel())) {
            problems.add(new ConsentViolation.Problem("channel", "must be one of " + settings.channels()));
        }
        if (entry.decision() == null) {
            problems.add(new ConsentViolation.Problem("decision", "must be GRANTED or WITHDRAWN"));
        }
        if (entry.occurredAt() == null) {
            problems.add(new ConsentViolation.Problem("occurredAt", "is required"));
        } else if (entry.occurredAt().isAfter(clock.instant().plusSeconds(300))) {
            problems.add(new ConsentViolation.Problem("occurredAt", "must not be in the future"));
        }
        Evidence evidence = entry.evidence();
        if (evidence.noticeSha256() != null && !SHA256.matcher(evidence.noticeSha256()).matches()) {
            problems.add(new ConsentViolation.Problem("evidence.noticeSha256", "must be 64 lower-case hex digits"));
        }
        bounded(problems, "evidence.noticeVersion", evidence.noticeVersion(), NOTICE_VERSION_LIMIT);
        bounded(problems, "evidence.collectionMethod", evidence.collectionMethod(), COLLECTION_METHOD_LIMIT);
        bounded(problems, "evidence.text", evidence.text(), EVIDENCE_TEXT_LIMIT);
        bounded(problems, "evidence.userAgent", evidence.userAgent(), USER_AGENT_LIMIT);
        if (evidence.ipAddress() != null && (evidence.ipAddress().length() > IP_ADDRESS_LIMIT
                || !IP_ADDRESS.matcher(evidence.ipAddress()).matches())) {
            problems.add(new ConsentViolation.Problem("evidence.ipAddress",
                    "must be an IPv4 or IPv6 address of at most " + IP_ADDRESS_LIMIT + " characters"));
        }
        if (entry.decision() == Decision.GRANTED && "api".equals(entry.source().system())) {
            requireText(problems, evidence.noticeVersion(), "evidence.noticeVersion");
            requireText(problems, evidence.noticeSha256(), "evidence.noticeSha256");
            requireText(problems, evidence.collectionMethod(), "evidence.collectionMethod");
        }
        return problems;
    }

    private static void bounded(List<ConsentViolation.Problem> problems, String field, String value, int limit) {
        if (value != null && value.length() > limit) {
            problems.add(new ConsentViolation.Problem(field, "must be at most " + limit + " characters"));
        }
    }

    private static void requireText(List<ConsentViolation.Problem> problems, String value, String field) {
        if (value == null || value.isBlank()) {
            problems.add(new ConsentViolation.Problem(field, "is required to record a grant"));
        }
    }
}
