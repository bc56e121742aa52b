package dev.liaison.profile.person;

import dev.liaison.platform.workspace.WorkspaceSql;
import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.identity.IdentityKind;
import dev.liaison.profile.identity.IdentitySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.query.NativeQuery;

/**
 * Profiles of the current workspace: identity resolution, attributes under the conflict rule, merges and their undo.
 * Two concurrent events for one new person race on the unique identity constraint; the loser's transaction rolls
 * back and the inbox retries it, when it finds the winner's profile.
 */
@ApplicationScoped
@Transactional
public class ProfileService {

    private final EntityManager entityManager;
    private final Clock clock;
    private final IdentitySettings settings;

    @Inject
    public ProfileService(EntityManager entityManager, Clock clock, IdentitySettings settings) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.settings = settings;
    }

    /** For the CDI client proxy only. */
    protected ProfileService() {
        this(null, null, null);
    }

    /**
     * Finds the person these identities describe, merging profiles that share an auto-merge identity, creating a
     * profile when none matches, and attaching the identities not yet known.
     */
    public ProfileEntity resolve(Set<Identity> identities, Source source) {
        Instant now = clock.instant();
        Map<String, Set<IdentityKind>> linked = new LinkedHashMap<>();
        Set<Identity> known = new LinkedHashSet<>();
        for (IdentityEntity identity : findIdentities(identities)) {
            known.add(identity.identity());
            linked.computeIfAbsent(identity.profileId(), id -> EnumSet.noneOf(IdentityKind.class))
                    .add(identity.identity().kind());
        }
        ProfileEntity primary;
        if (linked.isEmpty()) {
            primary = new ProfileEntity(now);
            entityManager.persist(primary);
        } else {
            List<ProfileEntity> matches = linked.keySet().stream()
                    .map(id -> entityManager.find(ProfileEntity.class, id))
                    .sorted(Comparator.comparing(ProfileEntity::createdAt).thenComparing(ProfileEntity::id))
                    .toList();
            primary = matches.stream().filter(match -> linked.get(match.id()).contains(IdentityKind.EXTERNAL))
                    .findFirst().orElse(matches.get(0));
            ProfileEntity survivor = matches.get(0);
            for (ProfileEntity other : matches.subList(1, matches.size())) {
                Set<IdentityKind> shared = EnumSet.copyOf(linked.get(other.id()));
                shared.retainAll(settings.autoMerge());
                if (!shared.isEmpty() && !mergeWasUndone(survivor.id(), other.id())) {
                    merge(survivor, other, "shared " + shared.stream().map(Enum::name).sorted()
                            .collect(Collectors.joining(", ")) + " identity", now);
                    if (primary == other) {
                        primary = survivor;
                    }
                }
            }
        }
        for (Identity identity : identities) {
            if (!known.contains(identity)) {
                entityManager.persist(new IdentityEntity(primary.id(), identity, source, now));
            }
        }
        primary.touched(now);
        entityManager.flush();
        return primary;
    }

    /** Applies each attribute whose source time is not older than the stored one's. */
    public void applyAttributes(String profileId, Collection<AttributeValue> attributes) {
        Instant now = clock.instant();
        Map<String, AttributeEntity> current = attributes(profileId).stream()
                .collect(Collectors.toMap(AttributeEntity::name, attribute -> attribute));
        for (AttributeValue incoming : attributes) {
            AttributeEntity stored = current.get(incoming.name());
            if (stored == null) {
                AttributeEntity created = new AttributeEntity(profileId, incoming, now);
                entityManager.persist(created);
                current.put(incoming.name(), created);
            } else if (incoming.supersedes(stored.value())) {
                stored.set(incoming, now);
            }
        }
    }

    /** The record is gone in its system: the profile no longer carries that external identity. */
    public void detach(Identity externalRecord) {
        findIdentities(Set.of(externalRecord)).forEach(entityManager::remove);
    }

    public Optional<ProfileEntity> find(String profileId) {
        return Optional.ofNullable(entityManager.find(ProfileEntity.class, profileId));
    }

    /** One query: the profile an identity belongs to, loaded with the identity's own lookup. */
    public Optional<ProfileEntity> findByIdentity(Identity identity) {
        return entityManager.createQuery("select p from ProfileEntity p where p.id in (select i.profileId from "
                        + "IdentityEntity i where i.kind = :kind and i.value = :value)", ProfileEntity.class)
                .setParameter("kind", identity.kind()).setParameter("value", identity.value())
                .setMaxResults(1).getResultStream().findFirst();
    }

    /** The profile an identity belongs to and all its identities, in one query: the first read of a lookup. */
    public Optional<IdentifiedProfile> findWithIdentities(Identity identity) {
        List<Object[]> rows = WorkspaceSql.selectRows(entityManager, "select {p.*}, {i.*} from profile p "
                        + "join profile_identity i on i.profile_id = p.id where p.workspace_id = :workspace "
                        + "and i.workspace_id = :workspace and p.id = (select f.profile_id from profile_identity f "
                        + "where f.workspace_id = :workspace and f.kind = :kind and f.identity_value = :value) "
                        + "order by i.id",
                        Map.entry("p", ProfileEntity.class), Map.entry("i", IdentityEntity.class))
                .setParameter("kind", identity.kind().name()).setParameter("value", identity.value())
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IdentifiedProfile((ProfileEntity) rows.get(0)[0],
                rows.stream().map(row -> (IdentityEntity) row[1]).toList()));
    }

    public List<IdentityEntity> identities(String profileId) {
        return WorkspaceSql.select(entityManager, "select * from profile_identity where workspace_id = :workspace "
                        + "and profile_id = :profile order by id", IdentityEntity.class)
                .setParameter("profile", profileId).getResultList();
    }

    public List<AttributeEntity> attributes(String profileId) {
        return WorkspaceSql.select(entityManager, "select * from profile_attribute where workspace_id = :workspace "
                        + "and profile_id = :profile order by name", AttributeEntity.class)
                .setParameter("profile", profileId).getResultList();
    }

    /** The profile's attributes as name to value, for conditions and templates. */
    public Map<String, String> attributeValues(String profileId) {
        Map<String, String> values = new LinkedHashMap<>();
        for (AttributeEntity attribute : attributes(profileId)) {
            values.put(attribute.name(), attribute.value().value());
        }
        return values;
    }

    public List<MergeEntity> merges(String profileId) {
        return WorkspaceSql.select(entityManager, "select * from profile_merge where workspace_id = :workspace "
                        + "and (survivor_id = :profile or absorbed_id = :profile) order by merged_at", MergeEntity.class)
                .setParameter("profile", profileId).getResultList();
    }

    /**
     * The lineage, given the profile's {@link #merges}: a profile that absorbed no other by a standing merge has none
     * merged into it, and most profiles never absorbed one, so the lineage query is needed for the others only.
     */
    public List<String> lineage(String profileId, List<MergeEntity> merges) {
        boolean absorbedAnother = merges.stream()
                .anyMatch(merge -> merge.undoneAt() == null && merge.survivorId().equals(profileId));
        return absorbedAnother ? lineage(profileId) : List.of(profileId);
    }

    /** The profile and every profile merged into it, directly or through others, whose merge stands. */
    public List<String> lineage(String profileId) {
        List<String> lineage = new ArrayList<>(List.of(profileId));
        for (int i = 0; i < lineage.size(); i++) {
            lineage.addAll(entityManager.createQuery("select p.id from ProfileEntity p where p.mergedInto = :id",
                    String.class).setParameter("id", lineage.get(i)).getResultList());
        }
        return lineage;
    }

    /**
     * Undoes a merge: the absorbed profile is active again with the identities the merge moved, and the survivor's
     * attributes the merge overwrote are restored unless a newer value has arrived since.
     *
     * @throws MergeUndoException when the merge does not belong to this profile or was already undone
     */
    public MergeEntity undoMerge(String profileId, String mergeId) throws MergeUndoException {
        MergeEntity merge = entityManager.find(MergeEntity.class, mergeId);
        if (merge == null || !(merge.survivorId().equals(profileId) || merge.absorbedId().equals(profileId))) {
            throw new MergeUndoException("merge " + mergeId + " does not concern profile " + profileId, true);
        }
        if (merge.undoneAt() != null) {
            throw new MergeUndoException("merge " + mergeId + " was already undone", false);
        }
        Instant now = clock.instant();
        ProfileEntity absorbed = entityManager.find(ProfileEntity.class, merge.absorbedId());
        for (Long identityId : MergeJson.identityIds(merge.movedIdentities())) {
            IdentityEntity identity = entityManager.find(IdentityEntity.class, identityId);
            if (identity != null && identity.profileId().equals(merge.survivorId())) {
                identity.movedTo(absorbed.id());
            }
        }
        Map<String, AttributeEntity> survivorAttributes = attributes(merge.survivorId()).stream()
                .collect(Collectors.toMap(AttributeEntity::name, attribute -> attribute));
        Map<String, AttributeEntity> absorbedAttributes = attributes(absorbed.id()).stream()
                .collect(Collectors.toMap(AttributeEntity::name, attribute -> attribute));
        MergeJson.overwritten(merge.overwritten()).forEach((name, previous) -> {
            AttributeEntity current = survivorAttributes.get(name);
            AttributeEntity fromAbsorbed = absorbedAttributes.get(name);
            boolean untouchedSinceMerge = current != null && fromAbsorbed != null
                    && current.value().equals(fromAbsorbed.value());
            if (untouchedSinceMerge) {
                if (previous.isPresent()) {
                    current.set(previous.get(), now);
                } else {
                    entityManager.remove(current);
                }
            }
        });
        absorbed.restored(now);
        merge.undone(now);
        entityManager.flush();
        return merge;
    }

    private void merge(ProfileEntity survivor, ProfileEntity absorbed, String reason, Instant now) {
        List<Long> moved = new ArrayList<>();
        for (IdentityEntity identity : identities(absorbed.id())) {
            identity.movedTo(survivor.id());
            moved.add(identity.id());
        }
        Map<String, AttributeEntity> survivorAttributes = attributes(survivor.id()).stream()
                .collect(Collectors.toMap(AttributeEntity::name, attribute -> attribute));
        Map<String, Optional<AttributeValue>> overwritten = new LinkedHashMap<>();
        for (AttributeEntity attribute : attributes(absorbed.id())) {
            AttributeEntity current = survivorAttributes.get(attribute.name());
            if (current == null) {
                overwritten.put(attribute.name(), Optional.empty());
                entityManager.persist(new AttributeEntity(survivor.id(), attribute.value(), now));
            } else if (attribute.value().supersedes(current.value())) {
                overwritten.put(attribute.name(), Optional.of(current.value()));
                current.set(attribute.value(), now);
            }
        }
        absorbed.absorbedBy(survivor.id(), now);
        entityManager.persist(new MergeEntity(survivor.id(), absorbed.id(), reason, MergeJson.identityIds(moved),
                MergeJson.overwritten(overwritten), now));
    }

    private boolean mergeWasUndone(String first, String second) {
        return !entityManager.createQuery("select m.id from MergeEntity m where m.undoneAt is not null and "
                + "((m.survivorId = :a and m.absorbedId = :b) or (m.survivorId = :b and m.absorbedId = :a))",
                String.class).setParameter("a", first).setParameter("b", second).setMaxResults(1)
                .getResultList().isEmpty();
    }

    /**
     * One SQL query for all the identities, whatever their kinds. Not HQL: Hibernate cannot cache an HQL plan while
     * the workspace filter is on, so every call would translate the query again, once per kind.
     */
    private List<IdentityEntity> findIdentities(Set<Identity> identities) {
        if (identities.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("select * from profile_identity where workspace_id = :workspace and (");
        int index = 0;
        for (Identity ignored : identities) {
            sql.append(index == 0 ? "" : " or ").append("(kind = :kind").append(index)
                    .append(" and identity_value = :value").append(index).append(')');
            index++;
        }
        NativeQuery<IdentityEntity> query = WorkspaceSql.select(entityManager, sql.append(") order by id").toString(),
                IdentityEntity.class);
        index = 0;
        for (Identity identity : identities) {
            query.setParameter("kind" + index, identity.kind().name()).setParameter("value" + index, identity.value());
            index++;
        }
        return query.getResultList();
    }
}
