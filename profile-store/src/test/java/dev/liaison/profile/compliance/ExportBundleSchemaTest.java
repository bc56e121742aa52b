package dev.liaison.profile.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.liaison.connector.api.Capability;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.platform.metrics.PipelineMetrics;
import dev.liaison.profile.consent.ConsentRefusals;
import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.identity.IdentityKind;
import dev.liaison.profile.messaging.ConsentGate;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExportBundleSchemaTest {

    private static final Instant T0 = Instant.parse("2026-01-20T08:00:00Z");

    private final ComplianceFixture fixture = new ComplianceFixture();
    private JsonSchema schema;

    @BeforeEach
    void seed() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/compliance/export-bundle.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        fixture.connection("c-crm", "bitrix24");
        fixture.connection("c-desk", "zendesk");
        fixture.sql("insert into profile (id, workspace_id, status, created_at, updated_at, version) "
                + "values ('p1', 'default', 'ACTIVE', ?, ?, 0)", T0, T0);
        fixture.sql("insert into profile_identity (workspace_id, profile_id, kind, identity_value, source_system, "
                + "source_connection, created_at) values ('default', 'p1', 'EMAIL', 'olga@example.com', 'bitrix24', "
                + "'c-crm', ?)", T0);
        fixture.sql("insert into profile_identity (workspace_id, profile_id, kind, identity_value, source_system, "
                + "source_connection, created_at) values ('default', 'p1', 'EXTERNAL', 'bitrix24|c-crm|77', "
                + "'bitrix24', 'c-crm', ?)", T0);
        fixture.sql("insert into profile_attribute (workspace_id, profile_id, name, attribute_value, source_system, "
                + "source_connection, source_ref, source_time, recorded_at) values ('default', 'p1', 'firstName', "
                + "'Ольга', 'bitrix24', 'c-crm', '77', ?, ?)", T0, T0);
        fixture.sql("insert into consent_event (workspace_id, profile_id, purpose, channel, decision, source_system, "
                + "notice_version, notice_sha256, collection_method, occurred_at, recorded_at) values ('default', "
                + "'p1', 'marketing_email', 'email', 'GRANTED', 'api', 'v3', ?, 'web form', ?, ?)", "b".repeat(64),
                T0, T0);
    }

    @Test
    void anAssembledExportValidatesAgainstTheShippedSchema() throws Exception {
        fixture.systems.add("c-crm", "bitrix24", Set.of(Capability.EXPORT),
                () -> "{\"contacts\":[{\"ID\":\"77\",\"NAME\":\"Ольга\"}]}");
        fixture.systems.add("c-desk", "zendesk", Set.of(Capability.EXPORT),
                () -> {
                    throw RemoteSystemException.permanent("HTTP 403 from the remote system");
                });
        String id = fixture.tx(() -> {
            try {
                return fixture.service.create(new ComplianceService.NewRequest(RequestType.EXPORT, Regime.GDPR,
                        List.of(new Identity(IdentityKind.EMAIL, "olga@example.com")), null, Map.of()));
            } catch (ComplianceViolation e) {
                throw new IllegalStateException(e);
            }
        }).id();
        fixture.tx(() -> {
            try {
                return fixture.service.verify(id, "officer-1");
            } catch (RequestStateException e) {
                throw new IllegalStateException(e);
            }
        });
        fixture.drain();

        JsonObject bundle = fixture.tx(() -> {
            try {
                return fixture.service.export(id);
            } catch (RequestStateException e) {
                throw new IllegalStateException(e);
            }
        });

        JsonNode document = new ObjectMapper().readTree(bundle.toString());
        Set<ValidationMessage> errors = schema.validate(document);
        assertThat(errors).isEmpty();
        assertThat(document.at("/identities").size()).isEqualTo(2);
        assertThat(document.at("/attributes/0/source/ref").asText()).isEqualTo("77");
        assertThat(document.at("/consentLedger/0/evidence/noticeVersion").asText()).isEqualTo("v3");
        assertThat(document.at("/systems/0/export/contacts/0/ID").asText()).isEqualTo("77");
        assertThat(document.at("/systems/1/status").asText()).isEqualTo("FAILED");
        assertThat(document.at("/systems/1/export").isNull()).isTrue();
    }

    @Test
    void theSchemaRejectsABundleWithoutItsParts() throws Exception {
        Set<ValidationMessage> errors = schema.validate(new ObjectMapper().readTree(
                "{\"format\":\"liaison-subject-export/1\",\"profiles\":[]}"));

        assertThat(errors).isNotEmpty();
    }

    @Test
    void theConsentGateRefusesMarketingToARestrictedProfile() throws Exception {
        fixture.sql("update profile set restricted_at = ?, restricted_by = 'r1' where id = 'p1'", T0);
        List<String> refusals = new ArrayList<>();
        ConsentGate gate = new ConsentGate(null, new ConsentRefusals() {
            @Override
            public void record(String profileId, String purpose, String channel, String reason) {
                refusals.add(purpose + ": " + reason);
            }
        }, new RestrictionStore(fixture.database), PipelineMetrics.NONE);

        ConsentGate.Verdict marketing = fixture.tx(() -> gate.check("p1", "marketing_email", "email"));
        ConsentGate.Verdict service = fixture.tx(() -> gate.check("p1", "service", "email"));

        assertThat(marketing.allowed()).isFalse();
        assertThat(refusals).containsExactly("marketing_email: processing is restricted by a data-subject request");
        assertThat(service.allowed()).isTrue();
    }
}
