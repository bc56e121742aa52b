package dev.liaison.platform.workspace;

import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/** Hands Hibernate the current workspace, so that every entity query is scoped to it through {@code @TenantId}. */
public class WorkspaceTenantResolver implements CurrentTenantIdentifierResolver<String> {

    @Override
    public String resolveCurrentTenantIdentifier() {
        return WorkspaceContext.current();
    }

    @Override
    public boolean validateExistingCurrentSessions() {
        return true;
    }

    @Override
    public boolean isRoot(String tenantId) {
        return WorkspaceContext.ALL.equals(tenantId);
    }
}
