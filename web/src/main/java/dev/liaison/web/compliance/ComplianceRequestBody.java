package dev.liaison.web.compliance;

import java.util.Map;

/**
 * The body of {@code POST /api/compliance/requests}. The subject is named by at least one of e-mail, phone or
 * external ref ({@code system|connectionId|id}); {@code corrections} (attribute name to value) is for RECTIFY.
 */
public record ComplianceRequestBody(String type, String regime, Subject subject, String note,
                                    Map<String, String> corrections) {

    public record Subject(String email, String phone, String externalRef) {
    }
}
