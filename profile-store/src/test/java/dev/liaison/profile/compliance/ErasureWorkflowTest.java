package dev.liaison.profile.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.connector.api.Capability;
import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SubjectEraser;
import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.identity.IdentityKind;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErasureWorkflowTest {

    private static final String EMAIL = "ivan.petrov@example.com";
    private static final Identity EMAIL_ID = new Identity(IdentityKind.EMAIL, EMAIL);
    private static final Instant T0 = Instant.parse("2026-01-20T08:00:00Z");

    private ComplianceFixture fixture;

    @BeforeEach
    void seed() throws Exception {
        fixture = new ComplianceFixture();
        fixture.connection("c-crm", "bitrix24");
        fixture.connection("c-desk", "zendesk");
        fixture.connection("c-hook", "webhook");
        profile("p1", null);
        profile("p2", null);
        fixture.sql("update profile set status = 'MERGED', merged_into = 'p1' where id = 'p2'");
        profile("p9", null);
        identity("p1", "EMAIL", EMAIL, "c-crm");
        identity("p1", "PHONE", "+79031453455", "c-crm");
        identity("p1", "EXTERNAL", "bitrix24|c-crm|42", "c-crm");
        identity("p2", "EXTERNAL", "webhook|c-hook|7", "c-hook");
        identity("p9", "EMAIL", "anna@example.com", "c-crm");
        attribute("p1", "firstName", "Иван");
        attribute("p1", "lastName", "Петров");
        attribute("p9", "firstName", "Анна");
        fixture.sql("insert into profile_merge (id, workspace_id, survivor_id, absorbed_id, reason, moved_identities, "
                + "overwritten, merged_at) values ('m1', 'default', 'p1', 'p2', 'shared EMAIL identity', '[]', "
                + "'{\"lastName\":{\"value\":\"Петров\",\"system\":\"webhook\",\"time\":\"2026-01-01T00:00:00Z\"}}', ?)",
                T0);
        fixture.sql("insert into consent_event (workspace_id, profile_id, purpose, channel, decision, source_system, "
                + "source_ref, notice_version, notice_sha256, collection_method, evidence, ip_address, user_agent, "
                + "occurred_at, recorded_at) values ('default', 'p1', 'marketing_email', 'email', 'GRANTED', "
                + "'bitrix24', '42', 'v3', ?, 'web form', 'ticked by Иван Петров', '203.0.113.7', 'Firefox', ?, ?)",
                "a".repeat(64), T0, T0);
        fixture.sql("insert into consent_refusal (workspace_id, profile_id, purpose, channel, reason, refused_at) "
                + "values ('default', 'p1', 'marketing_sms', 'sms', 'no consent', ?)", T0);
        inbox(1, "c-crm", "event=ONCRMCONTACTUPDATE&data%5BFIELDS%5D%5BID%5D=42");
        journal(1, "c-crm", "42");
        inbox(2, "c-crm", "data%5BFIELDS%5D%5BPHONE%5D%5B0%5D%5BVALUE%5D=8+903+145-34-55");
        inbox(3, "c-hook", "{\"name\":\"\\u0418\\u0432\\u0430\\u043d \\u041f\\u0435\\u0442\\u0440\\u043e\\u0432\"}");
        inbox(4, "c-crm", "{\"email\":\"anna@example.com\"}");
        fixture.sql("insert into outbox_action (id, workspace_id, connection_id, idempotency_key, action_type, payload, "
                + "status, attempts, next_attempt_at, created_at) values (1, 'default', 'c-desk', 'k1', "
                + "'SEND_MESSAGE', '{\"to\":\"+7 903 145 34 55\"}', 'PENDING', 0, ?, ?)", T0.plusSeconds(3600), T0);
        fixture.sql("insert into outbox_action (id, workspace_id, connection_id, idempotency_key, action_type, payload, "
                + "status, attempts, next_attempt_at, created_at) values (2, 'default', 'c-desk', 'k2', "
                + "'ROUTE_TICKET', '{\"ticket\":\"9\"}', 'PENDING', 0, ?, ?)", T0.plusSeconds(3600), T0);
        fixture.sql("insert into message_log (workspace_id, connection_id, idempotency_key, outbox_id, profile_id, "
                + "channel, purpose, recipient_hash, status, created_at, updated_at) values ('default', 'c-desk', "
                + "'k1', 1, 'p2', 'sms', 'marketing_sms', 'h1', 'SENT', ?, ?)", T0, T0);
        fixture.sql("insert into message_log (workspace_id, connection_id, idempotency_key, outbox_id, profile_id, "
                + "channel, purpose, recipient_hash, status, created_at, updated_at) values ('default', 'c-desk', "
                + "'k2', 2, 'p9', 'sms', 'service', 'h9', 'SENT', ?, ?)", T0, T0);
        // A points ledger with an expiry row: the profile's foreign keys make erasure fail unless it goes first.
        fixture.sql("insert into loyalty_account (profile_id, workspace_id, balance, tier, tier_since, updated_at) "
                + "values ('p1', 'default', 0, 'basic', ?, ?)", T0, T0);
        fixture.sql("insert into loyalty_entry (id, workspace_id, profile_id, kind, points, source_key, occurred_at, "
                + "expires_at, recorded_at) values (1, 'default', 'p1', 'EARN', 150, 'deal:c-crm:7:won', ?, ?, ?)",
                T0, T0.plusSeconds(3600), T0);
        fixture.sql("insert into loyalty_entry (id, workspace_id, profile_id, kind, points, source_key, "
                + "expired_entry_id, occurred_at, recorded_at) values (2, 'default', 'p1', 'EXPIRE', -150, 'expire:1', "
                + "1, ?, ?)", T0.plusSeconds(3600), T0.plusSeconds(3600));
        fixture.sql("insert into routing_decision (workspace_id, connection_id, ticket_id, rule_name, ticket_status, "
                + "trace, created_at) values ('default', 'c-desk', '35436', 'vip', 'open', ?, ?)",
                "{\"observed\":{\"profile.identities\":\"[EMAIL:" + EMAIL + "]\"}}", T0);
    }

    @Test
    void erasureRemovesThePersonEverywhereAndIsCompleteOnlyWhenEverySystemIs() throws Exception {
        fixture.systems.add("c-crm", "bitrix24", Set.of(Capability.ERASURE, Capability.EXPORT),
                () -> new SubjectEraser.Outcome(1, "contact 42 deleted"));
        fixture.systems.add("c-desk", "zendesk", Set.of(Capability.ERASURE, Capability.EXPORT),
                () -> {
                    throw RemoteSystemException.retryable("HTTP 500 from the remote system", null);
                },
                () -> {
                    throw RemoteSystemException.retryable("HTTP 429 from the remote system", Duration.ofSeconds(120));
                },
                () -> {
                    throw RemoteSystemException.retryable("HTTP 503 from the remote system", null);
                },
                () -> new SubjectEraser.Outcome(2, "user 35436 permanently deleted"));

        DataSubjectRequest created = fixture.tx(() -> create(RequestType.ERASE, Regime.GDPR));
        assertThat(created.status()).isEqualTo(RequestStatus.RECEIVED);
        assertThat(created.dueDate()).isEqualTo(java.time.LocalDate.parse("2026-02-28"));
        assertThat(created.subjectHashes()).singleElement().asString().startsWith("EMAIL:").doesNotContain(EMAIL);
        String id = created.id();

        fixture.tx(() -> verify(id));
        fixture.drain();

        DataSubjectRequest partial = find(id);
        assertThat(partial.status()).isEqualTo(RequestStatus.PARTIALLY_COMPLETED);
        assertThat(system(partial, "c-desk").status()).isEqualTo(ResultStatus.PENDING);
        assertThat(system(partial, "c-desk").lastError()).contains("HTTP 500");
        assertThat(system(partial, "c-crm").status()).isEqualTo(ResultStatus.DONE);
        assertThat(system(partial, "liaison").status()).isEqualTo(ResultStatus.DONE);
        assertThat(fixture.systems.seen.get(0).externalRefs()).contains(new ExternalRef("bitrix24", "c-crm", "42"));
        assertThat(fixture.systems.seen.get(0).emails()).containsExactly(EMAIL);

        fixture.clock.advance(Duration.ofSeconds(31));
        fixture.drain();
        DataSubjectRequest.SystemResult desk = system(find(id), "c-desk");
        assertThat(desk.lastError()).contains("HTTP 429");
        assertThat(desk.nextAttemptAt()).isAfterOrEqualTo(fixture.clock.instant().plusSeconds(120));

        fixture.clock.advance(Duration.ofSeconds(60));
        fixture.drain();
        assertThat(system(find(id), "c-desk").attempts()).as("Retry-After is honoured").isEqualTo(2);

        fixture.clock.advance(Duration.ofSeconds(120));
        fixture.drain();
        DataSubjectRequest failed = find(id);
        assertThat(failed.status()).isEqualTo(RequestStatus.PARTIALLY_COMPLETED);
        assertThat(system(failed, "c-desk").status()).isEqualTo(ResultStatus.FAILED);
        assertThat(system(failed, "c-desk").lastError()).contains("HTTP 503");
        assertThat(failed.completedAt()).isNull();

        assertThat(fixture.tx(() -> retry(id)).status()).isEqualTo(RequestStatus.IN_PROGRESS);
        fixture.drain();

        DataSubjectRequest completed = find(id);
        assertThat(completed.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(completed.completedAt()).isNotNull();
        assertThat(system(completed, "c-desk").evidence()).isEqualTo("user 35436 permanently deleted");
        assertThat(fixture.tx(() -> fixture.store.find(id).orElseThrow()).subjectSealed()).isNull();

        assertThat(textsContaining(EMAIL, "9031453455", "903 145", "Петров", "иван", "203.0.113.7",
                "\\u041f\\u0435")).isEmpty();
        assertThat(textsContaining("anna@example.com")).as("the scan sees the other person's data").isNotEmpty();
        assertThat(count("select count(*) from profile where id in ('p1', 'p2')")).isZero();
        assertThat(count("select count(*) from profile_identity where profile_id = 'p9'")).isEqualTo(1);
        assertThat(count("select count(*) from inbox_entry where id = 4 and length(body) > 0")).isEqualTo(1);
        assertThat(count("select count(*) from outbox_action where id = 1 and status = 'DEAD'")).isEqualTo(1);
        assertThat(count("select count(*) from outbox_action where id = 2 and status = 'PENDING'")).isEqualTo(1);
        assertThat(count("select count(*) from message_log where profile_id in ('p1', 'p2')")).isZero();
        assertThat(count("select count(*) from message_log where profile_id = 'p9'")).isEqualTo(1);
        assertThat(count("select count(*) from consent_proof where request_id = '" + id
                + "' and purpose = 'marketing_email' and decision = 'GRANTED'")).isEqualTo(1);
        assertThat(fixture.audit).anyMatch(line -> line.startsWith("dsr.status COMPLETED"));
    }

    @Test
    void aLaterRecordOfAnErasedPersonIsDroppedAndCounted() throws Exception {
        String id = fixture.tx(() -> create(RequestType.ERASE, Regime.FZ152)).id();
        fixture.tx(() -> verify(id));
        fixture.drain();

        assertThat(find(id).status()).isEqualTo(RequestStatus.COMPLETED);
        boolean dropped = fixture.tx(() -> fixture.tombstones.dropIfErased(List.of(
                new Identity(IdentityKind.EXTERNAL, "bitrix24|c-crm|42"),
                new Identity(IdentityKind.EMAIL, "new.address@example.com"))));
        boolean someoneElse = fixture.tx(() -> fixture.tombstones.dropIfErased(List.of(
                new Identity(IdentityKind.EMAIL, "anna@example.com"))));

        assertThat(dropped).isTrue();
        assertThat(someoneElse).isFalse();
        assertThat(fixture.tx(() -> fixture.tombstones.dropped())).isEqualTo(1L);
        assertThat(fixture.tx(() -> fixture.tombstones.dropped(id))).isEqualTo(1L);
    }

    @Test
    void aSystemThatHeldThePersonButCannotEraseKeepsTheRequestPartial() throws Exception {
        fixture.systems.add("c-hook", "webhook", Set.of());
        String id = fixture.tx(() -> create(RequestType.ERASE, Regime.GDPR)).id();
        fixture.tx(() -> verify(id));
        fixture.drain();

        DataSubjectRequest request = find(id);
        assertThat(request.status()).isEqualTo(RequestStatus.PARTIALLY_COMPLETED);
        assertThat(system(request, "c-hook").status()).isEqualTo(ResultStatus.NOT_SUPPORTED);
        assertThat(system(request, "c-hook").lastError()).contains("by hand");
        assertThat(fixture.tx(() -> fixture.store.find(id).orElseThrow()).subjectSealed())
                .as("nothing is left to try, so the clear subject is gone").isNull();
    }

    @Test
    void restrictionRefusesMarketingUntilLifted() throws Exception {
        RestrictionStore restrictions = new RestrictionStore(fixture.database);
        String id = fixture.tx(() -> create(RequestType.RESTRICT, Regime.GDPR)).id();
        fixture.tx(() -> verify(id));
        fixture.drain();

        assertThat(find(id).status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(fixture.tx(() -> restrictions.isRestricted("p1"))).isTrue();
        assertThat(fixture.tx(() -> restrictions.isRestricted("p9"))).isFalse();

        fixture.tx(() -> {
            try {
                return fixture.service.liftRestriction(id);
            } catch (RequestStateException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(fixture.tx(() -> restrictions.isRestricted("p1"))).isFalse();
    }

    @Test
    void rectificationWritesCorrectionsThatWinOverOlderSourceValues() throws Exception {
        String id = fixture.tx(() -> {
            try {
                return fixture.service.create(new ComplianceService.NewRequest(RequestType.RECTIFY, Regime.FZ152,
                        List.of(EMAIL_ID), null, Map.of("lastName", "Петрова")));
            } catch (ComplianceViolation e) {
                throw new IllegalStateException(e);
            }
        }).id();
        fixture.tx(() -> verify(id));
        fixture.drain();

        List<SubjectDataStore.AttributeRow> attributes = fixture.tx(() -> fixture.data.attributes(List.of("p1")));
        assertThat(attributes).filteredOn(attribute -> attribute.name().equals("lastName")).singleElement()
                .satisfies(attribute -> {
                    assertThat(attribute.value()).isEqualTo("Петрова");
                    assertThat(attribute.sourceRef()).isEqualTo("dsr:" + id);
                });
    }

    @Test
    void stepsOutOfOrderAreRefusedAndBadInputNamesItsField() throws Exception {
        String id = fixture.tx(() -> create(RequestType.ACCESS, Regime.GDPR)).id();
        fixture.tx(() -> verify(id));

        assertThatThrownBy(() -> fixture.tx(() -> verify(id))).hasRootCauseInstanceOf(RequestStateException.class);
        assertThatThrownBy(() -> fixture.tx(() -> retry(id))).hasRootCauseInstanceOf(RequestStateException.class);
        assertThatThrownBy(() -> fixture.tx(() -> {
            try {
                return fixture.service.create(new ComplianceService.NewRequest(RequestType.ERASE, Regime.GDPR,
                        List.of(EMAIL_ID), null, Map.of("lastName", "x")));
            } catch (ComplianceViolation e) {
                throw new IllegalStateException(e.field(), e);
            }
        })).hasMessage("corrections");
    }

    @Test
    void extensionMovesTheDeadlineOnce() throws Exception {
        String id = fixture.tx(() -> create(RequestType.ACCESS, Regime.FZ152)).id();

        DataSubjectRequest extended = fixture.tx(() -> {
            try {
                return fixture.service.extend(id, "records in three systems");
            } catch (RequestStateException | ComplianceViolation e) {
                throw new IllegalStateException(e);
            }
        });

        // Received Friday 30 January 2026: 10 working days end on 13 February, 5 more on 20 February.
        assertThat(extended.dueDate()).isEqualTo(java.time.LocalDate.parse("2026-02-20"));
        assertThat(extended.extended()).isTrue();
        assertThatThrownBy(() -> fixture.tx(() -> {
            try {
                return fixture.service.extend(id, "again");
            } catch (RequestStateException | ComplianceViolation e) {
                throw new IllegalStateException(e);
            }
        })).hasRootCauseInstanceOf(RequestStateException.class);
    }

    private DataSubjectRequest create(RequestType type, Regime regime) {
        try {
            return fixture.service.create(new ComplianceService.NewRequest(type, regime, List.of(EMAIL_ID),
                    "called the hotline", Map.of()));
        } catch (ComplianceViolation e) {
            throw new IllegalStateException(e);
        }
    }

    private DataSubjectRequest verify(String id) {
        try {
            return fixture.service.verify(id, "officer-1");
        } catch (RequestStateException e) {
            throw new IllegalStateException(e);
        }
    }

    private DataSubjectRequest retry(String id) {
        try {
            return fixture.service.retry(id);
        } catch (RequestStateException e) {
            throw new IllegalStateException(e);
        }
    }

    private DataSubjectRequest find(String id) throws Exception {
        return fixture.tx(() -> fixture.service.find(id).orElseThrow());
    }

    private static DataSubjectRequest.SystemResult system(DataSubjectRequest request, String target) {
        return request.systems().stream().filter(result -> result.target().equals(target)).findFirst().orElseThrow();
    }

    private void profile(String id, String mergedInto) throws Exception {
        fixture.sql("insert into profile (id, workspace_id, status, merged_into, created_at, updated_at, version) "
                + "values (?, 'default', 'ACTIVE', ?, ?, ?, 0)", id, mergedInto, T0, T0);
    }

    private void identity(String profile, String kind, String value, String connection) throws Exception {
        fixture.sql("insert into profile_identity (workspace_id, profile_id, kind, identity_value, source_system, "
                + "source_connection, created_at) values ('default', ?, ?, ?, 'bitrix24', ?, ?)", profile, kind, value,
                connection, T0);
    }

    private void attribute(String profile, String name, String value) throws Exception {
        fixture.sql("insert into profile_attribute (workspace_id, profile_id, name, attribute_value, source_system, "
                + "source_connection, source_ref, source_time, recorded_at) values ('default', ?, ?, ?, 'bitrix24', "
                + "'c-crm', '42', ?, ?)", profile, name, value, T0, T0);
    }

    private void inbox(long id, String connection, String body) throws Exception {
        fixture.sql("insert into inbox_entry (id, workspace_id, connection_id, dedup_key, content_type, headers, body, "
                + "received_at, status, attempts, next_attempt_at) values (?, 'default', ?, ?, 'text/plain', '{}', ?, "
                + "?, 'DONE', 1, ?)", id, connection, "d" + id, "bytes:" + body, T0, T0);
    }

    private void journal(long inboxId, String connection, String externalId) throws Exception {
        fixture.sql("insert into event_journal (workspace_id, connection_id, inbox_entry_id, seq, event_type, "
                + "external_id, occurred_at, recorded_at) values ('default', ?, ?, 0, 'ContactUpserted', ?, ?, ?)",
                connection, inboxId, externalId, T0, T0);
    }

    private long count(String query) throws Exception {
        try (Connection connection = fixture.database.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The full-database text scan: every column of every table, binary columns read as UTF-8. */
    private List<String> textsContaining(String... needles) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection connection = fixture.database.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select table_schema, table_name from "
                         + "information_schema.tables where table_type = 'BASE TABLE' "
                         + "and table_schema = current_schema")) {
                while (rows.next()) {
                    tables.add("\"" + rows.getString(1) + "\".\"" + rows.getString(2) + "\"");
                }
            }
            for (String table : tables) {
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("select * from " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int column = 1; column <= columns; column++) {
                            Object value = rows.getObject(column);
                            String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                                    : String.valueOf(value);
                            for (String needle : needles) {
                                if (text.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT))) {
                                    found.add(table + "." + rows.getMetaData().getColumnName(column) + " has " + needle);
                                }
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
}
