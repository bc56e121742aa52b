package dev.liaison.web.compliance;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/compliance/requests}. The subject is named by at least one of e-mail, phone or
 * external ref ({@code system|connectionId|id}); {@code corrections} (attribute name to value) is for RECTIFY.
 */
public record ComplianceRequestBody(
        @Schema(enumeration = {"ACCESS", "EXPORT", "RECTIFY", "RESTRICT", "ERASE", "OBJECT"}) String type,
        @Schema(enumeration = {"GDPR", "152FZ"}) String regime,
        Subject subject,
        String note,
                                    Map<String, String> corrections) {

    public record Subject(@Schema(format = "email") String email, String phone, String externalRef) {
    }
}
