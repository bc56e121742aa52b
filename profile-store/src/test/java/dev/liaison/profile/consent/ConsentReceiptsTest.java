package dev.liaison.profile.consent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.profile.person.Source;
import jakarta.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsentReceiptsTest {

    private final ConsentSettings.Receipts controller = new ConsentSettings.Receipts("RU", "ru", "ACME LLC",
            "DPO", "dpo@acme.example", "Moscow", "+74950000000", "https://acme.example/privacy");

    @Test
    void aGrantBecomesAKantaraReceiptWithItsEvidence() {
        ConsentRecord grant = new ConsentRecord(42, "profile-1", "marketing_email", "email", Decision.GRANTED,
                Source.api(), new Evidence("v3", "a".repeat(64), "web form", null, "203.0.113.5", "UA"),
                Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-11-01T10:00:01Z"));

        JsonObject receipt = ConsentReceipts.receipt(grant, controller);

        assertThat(receipt.keySet()).contains("version", "jurisdiction", "consentTimestamp", "collectionMethod",
                "consentReceiptID", "language", "piiPrincipalId", "piiControllers", "policyUrl", "services",
                "sensitive", "spiCat");
        assertThat(receipt.getString("version")).isEqualTo("KI-CR-v1.1.0");
        assertThat(receipt.getJsonNumber("consentTimestamp").longValue()).isEqualTo(1_793_527_200L);
        assertThat(receipt.getString("collectionMethod")).isEqualTo("web form");
        assertThat(receipt.getString("piiPrincipalId")).isEqualTo("profile-1");
        assertThat(receipt.getJsonArray("piiControllers").getJsonObject(0).getString("piiController"))
                .isEqualTo("ACME LLC");
        JsonObject purpose = receipt.getJsonArray("services").getJsonObject(0).getJsonArray("purposes")
                .getJsonObject(0);
        assertThat(purpose.getString("purpose")).isEqualTo("marketing_email");
        assertThat(purpose.getString("consentType")).isEqualTo("explicit");
        assertThat(purpose.getJsonArray("piiCategory").getString(0)).isEqualTo("e-mail address");
        assertThat(receipt.getJsonObject("liaisonEvidence").getString("noticeVersion")).isEqualTo("v3");
    }
}
