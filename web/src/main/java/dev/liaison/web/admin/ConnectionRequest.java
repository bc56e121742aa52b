package dev.liaison.web.admin;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/admin/connections}. */
public record ConnectionRequest(
        @Schema(enumeration = {"webhook", "zendesk", "amocrm", "bitrix24", "email", "twilio", "smsru", "smsc"})
        String kind,
        String name,
        @Schema(description = "The connector's settings by name, e.g. signingSecret for webhook")
        Map<String, String> settings) {
}
