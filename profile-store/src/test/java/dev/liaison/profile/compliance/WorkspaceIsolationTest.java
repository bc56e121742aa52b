package dev.liaison.profile.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.platform.secrets.SecretSettings;
import dev.liaison.platform.testing.TestDatabase;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.identity.IdentityKind;
import dev.liaison.profile.timeline.TimelineStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every compliance store against two workspaces that hold the same person: the same e-mail, the same attribute,
 * the same words in a stored webhook, an outbox payload and a routing trace. Run in one workspace, each read sees
 * and each write touches that workspace's rows only, because WorkspaceJdbc binds the workspace into every
 * statement; the other workspace's rows are read back unchanged.
 */
class WorkspaceIsolationTest {

    private static final String ONE = "one";
    private static final String TWO = "two";
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String EMAIL = "ivan.petrov@example.com";
    private static final Identity IVAN = new Identity(IdentityKind.EMAIL, EMAIL);
    private static final Identity ANNA = new Identity(IdentityKind.EMAIL, "anna@example.com");

    private final TestDatabase database = TestDatabase.migrated();
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final SubjectHashes hashes = new SubjectHashes(database, secrets(), clock);
    private final DsrStore requests = new DsrStore(database);
    private final SubjectDataStore data = new SubjectDataStore(database);
    private final RestrictionStore restrictions = new RestrictionStore(database);
    private final TombstoneStore tombstones = new TombstoneStore(database, hashes, clock);
    private final Rectification rectification = new Rectification(database);
    private final LocalErasure erasure = new LocalErasure(database, data, new TimelineStore(database));

    @BeforeEach
    void bothWorkspacesHoldIvan() throws Exception {
        for (String workspace : List.of(ONE, TWO)) {
            String profile = profile(workspace);
            String connection = "c-" + workspace;
            sql("insert into workspace (id, name, created_at) values (?, ?, ?)", workspace, workspace, T0);
            sql("insert into connection (id, workspace_id, kind, name, settings, status, created_at, version) "
                    + "values (?, ?, 'bitrix24', 'crm', 'x', 'ACTIVE', ?, 0)", connection, workspace, T0);
            sql("insert into profile (id, workspace_id, status, created_at, updated_at, version) "
                    + "values (?, ?, 'ACTIVE', ?, ?, 0)", profile, workspace, T0, T0);
            sql("insert into profile_identity (workspace_id, profile_id, kind, identity_value, source_system, "
                    + "source_connection, created_at) values (?, ?, 'EMAIL', ?, 'bitrix24', ?, ?)", workspace, profile,
                    EMAIL, connection, T0);
            sql("insert into profile_attribute (workspace_id, profile_id, name, attribute_value, source_system, "
                    + "source_time, recorded_at) values (?, ?, 'firstName', 'Иван', 'bitrix24', ?, ?)", workspace,
                    profile, T0, T0);
            sql("insert into consent_event (workspace_id, profile_id, purpose, channel, decision, source_system, "
                    + "occurred_at, recorded_at) values (?, ?, 'marketing_email', 'email', 'GRANTED', 'bitrix24', ?, ?)",
                    workspace, profile, T0, T0);
            sql("insert into consent_refusal (workspace_id, profile_id, purpose, channel, reason, refused_at) "
                    + "values (?, ?, 'marketing_sms', 'sms', 'no consent', ?)", workspace, profile, T0);
            sql("insert into loyalty_account (profile_id, workspace_id, balance, tier, tier_since, updated_at) "
                    + "values (?, ?, 0, 'basic', ?, ?)", profile, workspace, T0, T0);
            sql("insert into inbox_entry (id, workspace_id, connection_id, dedup_key, content_type, headers, body, "
                    + "received_at, status, attempts, next_attempt_at) values (?, ?, ?, 'd', 'application/json', "
                    + "'{}', ?, ?, 'DONE', 1, ?)", inboxId(workspace), workspace, connection,
                    ("{\"email\":\"" + EMAIL + "\"}").getBytes(StandardCharsets.UTF_8), T0, T0);
            sql("insert into outbox_action (workspace_id, connection_id, idempotency_key, action_type, payload, "
                    + "status, attempts, next_attempt_at, created_at) values (?, ?, 'k', 'SEND_MESSAGE', ?, "
                    + "'PENDING', 0, ?, ?)", workspace, connection, "{\"to\":\"" + EMAIL + "\"}", T0, T0);
            sql("insert into routing_decision (workspace_id, connection_id, ticket_id, rule_name, ticket_status, "
                    + "trace, created_at) values (?, ?, '9', 'vip', 'open', ?, ?)", workspace, connection,
                    "{\"requester\":\"" + EMAIL + "\"}", T0);
            sql("insert into message_log (workspace_id, connection_id, idempotency_key, outbox_id, profile_id, "
                    + "channel, purpose, status, created_at, updated_at) select ?, ?, 'k', id, ?, 'email', "
                    + "'marketing_email', 'SENT', ?, ? from outbox_action where connection_id = ?", workspace,
                    connection, profile, T0, T0, connection);
            sql("insert into timeline_deal (workspace_id, connection_id, deal_id, profile_id, stage, status, "
                    + "created_at, updated_at, recorded_at) values (?, ?, 'D1', ?, 'NEW', 'OPEN', ?, ?, ?)", workspace,
                    connection, profile, T0, T0, T0);
            sql("insert into timeline_ticket (workspace_id, connection_id, ticket_id, profile_id, subject, created_at, "
                    + "updated_at, recorded_at) values (?, ?, 'T1', ?, 'Refund', ?, ?, ?)", workspace, connection,
                    profile, T0, T0, T0);
            WorkspaceContext.run(workspace, () -> {
                requests.insert(request(workspace));
                requests.addResult(request(workspace).id(), DsrStore.LIAISON, null, DsrStore.LIAISON,
                        RequestType.ERASE, ResultStatus.FAILED, "boom", T0);
            });
        }
    }

    @Test
    void requestsAndTheirResultsAreReadAndWrittenInTheirWorkspaceOnly() {
        assertThat(in(ONE, () -> requests.list(10))).extracting(DsrStore.RequestRow::id).containsExactly("r-one");
        assertThat(in(ONE, () -> requests.find("r-two"))).isEmpty();
        assertThat(in(ONE, () -> requests.results("r-two"))).isEmpty();
        DsrStore.RequestRow theirs = in(TWO, () -> requests.find("r-two")).orElseThrow();
        DsrStore.ResultRow theirResult = in(TWO, () -> requests.results("r-two")).get(0);

        Instant later = T0.plusSeconds(60);
        int retried = in(ONE, () -> {
            for (String id : List.of("r-one", "r-two")) {
                requests.verified(id, "officer", later);
                requests.extended(id, later.plusSeconds(86_400), "complex", later);
                requests.captured(id, "sealed", List.of("p-x"), later);
                requests.restrictionLifted(id, later);
                requests.forgetSubject(id);
                requests.status(id, RequestStatus.COMPLETED, null, later);
            }
            requests.done(theirResult.id(), 1, "erased", null, later);
            requests.failed(theirResult.id(), "again", Optional.empty(), later);
            return requests.retryFailed("r-two", later);
        });

        assertThat(retried).isZero();
        assertThat(in(TWO, () -> requests.find("r-two"))).contains(theirs);
        assertThat(in(TWO, () -> requests.results("r-two"))).containsExactly(theirResult);
        DsrStore.RequestRow mine = in(ONE, () -> requests.find("r-one")).orElseThrow();
        assertThat(mine.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(mine.verifiedBy()).isEqualTo("officer");
        assertThat(mine.subjectSealed()).isNull();
        assertThat(in(ONE, () -> requests.retryFailed("r-one", later))).isEqualTo(1);
    }

    @Test
    void eachWorkspaceHashesWithItsOwnKeyAndKeepsItsOwnTombstones() throws Exception {
        WorkspaceContext.run(ONE, () -> tombstones.bury("r-one", List.of(IVAN)));
        assertThat(in(TWO, () -> hashes.hashIfKeyed(IVAN))).as("one's key is not two's").isEmpty();
        assertThat(in(TWO, () -> tombstones.dropIfErased(List.of(IVAN)))).isFalse();
        WorkspaceContext.run(TWO, () -> tombstones.bury("r-two", List.of(ANNA)));
        assertThat(in(TWO, () -> hashes.hash(IVAN))).isNotEqualTo(in(ONE, () -> hashes.hash(IVAN)));

        assertThat(in(TWO, () -> tombstones.dropIfErased(List.of(IVAN)))).as("Ivan is erased in one only").isFalse();
        assertThat(in(ONE, () -> tombstones.dropIfErased(List.of(IVAN)))).isTrue();
        assertThat(in(ONE, () -> tombstones.dropped())).isEqualTo(1);
        assertThat(in(TWO, () -> tombstones.dropped())).isZero();
        assertThat(in(TWO, () -> tombstones.dropped("r-one"))).isZero();

        WorkspaceContext.run(TWO, () -> tombstones.forgetPayload(inboxId(ONE)));
        assertThat(count("select count(*) from inbox_entry where octet_length(body) > 0")).isEqualTo(2);
        WorkspaceContext.run(ONE, () -> tombstones.forgetPayload(inboxId(ONE)));
        assertThat(count("select count(*) from inbox_entry where workspace_id = 'one' and octet_length(body) = 0"))
                .isEqualTo(1);
    }

    @Test
    void restrictionsAreSetSeenAndLiftedInTheirWorkspace() throws Exception {
        assertThat(in(ONE, () -> restrictions.restrict(List.of("p-one", "p-two"), "r-one", T0))).isEqualTo(1);

        assertThat(in(ONE, () -> restrictions.isRestricted("p-one"))).isTrue();
        assertThat(in(TWO, () -> restrictions.isRestricted("p-one"))).as("another workspace's profile").isFalse();
        assertThat(count("select count(*) from profile where id = 'p-two' and restricted_at is null")).isEqualTo(1);
        assertThat(in(TWO, () -> restrictions.lift("r-one"))).isZero();
        assertThat(in(ONE, () -> restrictions.lift("r-one"))).isEqualTo(1);
    }

    @Test
    void whatLiaisonHoldsAboutThePersonIsReadFromTheWorkspaceAsked() {
        List<String> both = List.of("p-one", "p-two");

        assertThat(in(ONE, () -> data.profilesOf(List.of(IVAN)))).containsExactly("p-one");
        assertThat(in(TWO, () -> data.profilesOf(List.of(IVAN)))).containsExactly("p-two");
        assertThat(in(ONE, () -> data.profiles(both))).extracting(SubjectDataStore.ProfileRow::id)
                .containsExactly("p-one");
        assertThat(in(ONE, () -> data.identities(both))).extracting(SubjectDataStore.IdentityRow::profileId)
                .containsExactly("p-one");
        assertThat(in(TWO, () -> data.attributes(both))).extracting(SubjectDataStore.AttributeRow::profileId)
                .containsExactly("p-two");
        assertThat(in(TWO, () -> data.consents(both))).extracting(SubjectDataStore.ConsentRow::profileId)
                .containsExactly("p-two");
        assertThat(in(ONE, () -> data.names(both))).hasSize(1);
    }

    @Test
    void rectificationWritesTheWorkspacesProfilesOnly() {
        assertThat(in(ONE, () -> rectification.apply("r-one", List.of("p-one"), Map.of("firstName", "Ivan"), T0)))
                .isEqualTo(1);

        assertThat(in(ONE, () -> data.attributes(List.of("p-one")))).extracting(SubjectDataStore.AttributeRow::value)
                .containsExactly("Ivan");
        assertThat(in(TWO, () -> data.attributes(List.of("p-two")))).extracting(SubjectDataStore.AttributeRow::value)
                .containsExactly("Иван");
    }

    @Test
    void erasureRemovesThePersonFromItsWorkspaceAndLeavesTheSamePersonInAnother() throws Exception {
        SubjectSnapshot subject = SubjectSnapshot.submitted(List.of(IVAN), Map.of())
                .withProfiles(List.of("p-one"), List.of(IVAN), List.of(new SubjectSnapshot.Name("Иван", null)));

        LocalErasure.Erased erased = in(ONE, () -> erasure.erase("r-one", subject, "RU", T0));

        assertThat(erased).isEqualTo(new LocalErasure.Erased(1, 1, 1, 1, 1, 1, 1, 1, 2));
        for (String table : List.of("profile", "profile_identity", "profile_attribute", "consent_event",
                "consent_refusal", "loyalty_account", "message_log", "timeline_deal", "timeline_ticket")) {
            assertThat(count("select count(*) from " + table + " where workspace_id = 'one'")).as(table).isZero();
            assertThat(count("select count(*) from " + table + " where workspace_id = 'two'")).as(table).isEqualTo(1);
        }
        assertThat(count("select count(*) from consent_proof where workspace_id = 'two'")).isZero();
        for (String mention : List.of("select count(*) from inbox_entry where workspace_id = ? and octet_length(body) > 0",
                "select count(*) from outbox_action where workspace_id = ? and payload like '%" + EMAIL + "%'",
                "select count(*) from routing_decision where workspace_id = ? and trace like '%" + EMAIL + "%'")) {
            assertThat(count(mention, ONE)).as(mention).isZero();
            assertThat(count(mention, TWO)).as(mention).isEqualTo(1);
        }
        assertThat(in(TWO, () -> data.profilesOf(List.of(IVAN)))).containsExactly("p-two");
    }

    @Test
    void anErasureInAnotherWorkspaceCannotReachTheProfilesByTheirIds() throws Exception {
        SubjectSnapshot forged = SubjectSnapshot.submitted(List.of(ANNA), Map.of())
                .withProfiles(List.of("p-one"), List.of(), List.of());

        LocalErasure.Erased erased = in(TWO, () -> erasure.erase("r-two", forged, "RU", T0));

        assertThat(erased.total()).isZero();
        for (String table : List.of("profile", "profile_identity", "profile_attribute", "consent_event",
                "consent_refusal", "loyalty_account", "message_log", "timeline_deal", "timeline_ticket")) {
            assertThat(count("select count(*) from " + table + " where workspace_id = 'one'")).as(table).isEqualTo(1);
        }
    }

    @Test
    void aThreadBoundToNoWorkspaceOrToAllOfThemReachesNothing() {
        assertThatThrownBy(() -> requests.list(10)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> in(WorkspaceContext.ALL, () -> data.profilesOf(List.of(IVAN))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> in(WorkspaceContext.ALL, () -> restrictions.isRestricted("p-one")))
                .isInstanceOf(IllegalStateException.class);
    }

    private static <T> T in(String workspace, Supplier<T> work) {
        return WorkspaceContext.call(workspace, work);
    }

    private static String profile(String workspace) {
        return "p-" + workspace;
    }

    private static long inboxId(String workspace) {
        return ONE.equals(workspace) ? 1 : 2;
    }

    private static DsrStore.RequestRow request(String workspace) {
        return new DsrStore.RequestRow("r-" + workspace, workspace, RequestType.ERASE, Regime.GDPR,
                RequestStatus.RECEIVED, null, "EMAIL:h", "sealed", null, null, T0, T0.plusSeconds(86_400 * 30),
                false, null, null, null, null, null, T0);
    }

    private static SecretSettings secrets() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretSettings("test:" + Base64.getEncoder().encodeToString(key), " ", "data");
    }

    private void sql(String statement, Object... parameters) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement prepared = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                prepared.setObject(i + 1, value instanceof Instant instant ? Timestamp.from(instant) : value);
            }
            prepared.executeUpdate();
        }
    }

    private long count(String query, Object... parameters) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement prepared = connection.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                prepared.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = prepared.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
