package dev.liaison.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.connector.api.SettingChecks;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.web.problem.JsonBodies;
import dev.liaison.web.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionPatchTest {

    private static final SettingsSpec SPEC = SettingsSpec.of(
            SettingsSpec.requiredSecret("signingSecret", "a shared secret")
                    .checked(SettingChecks.minLength(SettingChecks.SHARED_SECRET_MIN_LENGTH)),
            SettingsSpec.optional("toleranceSeconds", "seconds").checked(SettingChecks.wholeNumber(1, 3600)),
            SettingsSpec.optional("consentFields", "mapping"),
            SettingsSpec.webhookUrl("callbackUrl", "this connection's URL"));

    private static final Map<String, String> STORED = Map.of("signingSecret", "old-secret-0123456789",
            "toleranceSeconds", "300", "consentFields", "UF_NEWS=marketing_email:email");

    private final List<Problem.FieldError> errors = new ArrayList<>();

    @Test
    void aGivenSettingReplacesANullRemovesAndAnAbsentOneStays() {
        ConnectionPatch patch = read("{\"name\":\" Shop \",\"settings\":{\"signingSecret\":\"new-secret-0123456789\","
                + "\"consentFields\":null}}");

        assertThat(errors).isEmpty();
        assertThat(patch.name()).isEqualTo("Shop");
        assertThat(patch.applyTo(STORED)).containsOnly(Map.entry("signingSecret", "new-secret-0123456789"),
                Map.entry("toleranceSeconds", "300"));
        assertThat(patch.changedSettings(STORED)).containsExactlyInAnyOrder("signingSecret", "consentFields");
    }

    @Test
    void aSettingGivenWithItsStoredValueIsNoChange() {
        ConnectionPatch patch = read("{\"settings\":{\"toleranceSeconds\":\"300\"}}");

        assertThat(patch.name()).isNull();
        assertThat(patch.changedSettings(STORED)).isEmpty();
        assertThat(patch.applyTo(STORED)).isEqualTo(STORED);
    }

    @Test
    void everyWrongMemberIsNamed() {
        read("{\"kind\":\"zendesk\",\"enabled\":true,\"name\":\"" + "n".repeat(201) + "\",\"settings\":{\"colour\":"
                + "\"red\",\"toleranceSeconds\":300,\"callbackUrl\":\"https://x.example/hooks/1\"}}");

        assertThat(errors).extracting(Problem.FieldError::field).containsExactlyInAnyOrder("enabled", "kind", "name",
                "settings.colour", "settings.toleranceSeconds", "settings.callbackUrl");
        assertThat(errors).filteredOn(error -> error.field().equals("settings.callbackUrl"))
                .extracting(Problem.FieldError::message).containsExactly(SettingsSpec.DERIVED_MESSAGE);
    }

    @Test
    void aNameCannotBeRemovedOrBlankAndSettingsMustBeAnObject() {
        read("{\"name\":null,\"settings\":null}");
        read("{\"name\":\"  \",\"settings\":[\"signingSecret\"]}");

        assertThat(errors).extracting(Problem.FieldError::field).containsExactly("name", "settings", "name",
                "settings");
    }

    @Test
    void removingADerivedOrUnknownSettingIsRefusedToo() {
        read("{\"settings\":{\"callbackUrl\":null,\"colour\":null}}");

        assertThat(errors).extracting(Problem.FieldError::field)
                .containsExactlyInAnyOrder("settings.callbackUrl", "settings.colour");
    }

    @Test
    void theMergedSettingsFailTheSameChecksAsACreation() {
        ConnectionPatch patch = read("{\"settings\":{\"signingSecret\":null,\"toleranceSeconds\":\"0\"}}");

        assertThat(errors).isEmpty();
        assertThat(SPEC.validate(patch.applyTo(STORED))).extracting(SettingsSpec.Violation::setting)
                .containsExactlyInAnyOrder("signingSecret", "toleranceSeconds");
    }

    @Test
    void anIfMatchListMatchesByStrongComparison() {
        assertThat(EntityTags.matches("\"3\"", 3)).isTrue();
        assertThat(EntityTags.matches("\"1\", \"3\"", 3)).isTrue();
        assertThat(EntityTags.matches("*", 3)).isTrue();
        assertThat(EntityTags.matches("W/\"3\"", 3)).isFalse();
        assertThat(EntityTags.matches("\"2\"", 3)).isFalse();
        assertThat(EntityTags.of(3).toString()).isEqualTo("\"3\"");
    }

    private ConnectionPatch read(String body) {
        return ConnectionPatch.read(JsonBodies.readObject(body), SPEC, errors);
    }
}
