package dev.liaison.web.security;

import java.util.List;

/**
 * The three roles Liaison knows. Keycloak's realm roles and the embedded users' roles carry these names; the code
 * asks only for them and never for how the caller signed in.
 */
public final class Roles {

    /** Connections, scenarios, routing rules, secrets. */
    public static final String CRM_ADMIN = "crm-admin";
    /** Profiles and routing decisions, read-only. */
    public static final String SUPPORT_AGENT = "support-agent";
    /** Consents, data-subject requests, the audit trail. */
    public static final String COMPLIANCE_OFFICER = "compliance-officer";
    /** Every role there is; anything else is no role at all. */
    public static final List<String> ALL = List.of(CRM_ADMIN, SUPPORT_AGENT, COMPLIANCE_OFFICER);

    private Roles() {
    }
}
