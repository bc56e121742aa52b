package dev.liaison.profile.consent;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * Builds a consent receipt for one grant with the field names of Kantara Consent Receipt v1.1, plus the ledger's
 * own evidence (notice version and hash, source) under {@code liaisonEvidence}.
 */
public final class ConsentReceipts {

    public static final String VERSION = "KI-CR-v1.1.0";

    private ConsentReceipts() {
    }

    public static JsonObject receipt(ConsentRecord grant, ConsentSettings.Receipts controller) {
        JsonObject purpose = Json.createObjectBuilder()
                .add("purpose", grant.purpose())
                .add("purposeCategory", Json.createArrayBuilder().add(grant.purpose()))
                .add("consentType", "explicit")
                .add("piiCategory", Json.createArrayBuilder().add(piiCategory(grant.channel())))
                .add("primaryPurpose", true)
                .add("termination", "until withdrawn by the PII principal")
                .add("thirdPartyDisclosure", false)
                .build();
        JsonObjectBuilder evidence = Json.createObjectBuilder()
                .add("ledgerEntryId", grant.id())
                .add("decision", grant.decision().name())
                .add("channel", grant.channel())
                .add("sourceSystem", grant.source().system());
        addIfPresent(evidence, "noticeVersion", grant.evidence().noticeVersion());
        addIfPresent(evidence, "noticeSha256", grant.evidence().noticeSha256());
        return Json.createObjectBuilder()
                .add("version", VERSION)
                .add("jurisdiction", controller.jurisdiction())
                .add("consentTimestamp", grant.occurredAt().getEpochSecond())
                .add("collectionMethod", grant.evidence().collectionMethod() == null
                        ? "recorded from " + grant.source().system() : grant.evidence().collectionMethod())
                .add("consentReceiptID", "liaison-consent-" + grant.id())
                .add("language", controller.language())
                .add("piiPrincipalId", grant.profileId())
                .add("piiControllers", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("piiController", controller.controller())
                        .add("contact", controller.contact())
                        .add("address", controller.address())
                        .add("email", controller.email())
                        .add("phone", controller.phone())
                        .add("onBehalf", false)))
                .add("policyUrl", controller.policyUrl())
                .add("services", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("service", "Liaison")
                        .add("purposes", Json.createArrayBuilder().add(purpose))))
                .add("sensitive", false)
                .add("spiCat", Json.createArrayBuilder())
                .add("liaisonEvidence", evidence)
                .build();
    }

    private static String piiCategory(String channel) {
        switch (channel) {
            case "email":
                return "e-mail address";
            case "sms":
            case "phone":
                return "phone number";
            default:
                return "contact details";
        }
    }

    private static void addIfPresent(JsonObjectBuilder object, String name, String value) {
        if (value != null) {
            object.add(name, value);
        }
    }
}
