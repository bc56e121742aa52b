package dev.liaison.web.platform;

import dev.liaison.profile.workspace.WorkspaceContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Binds the caller's workspace to the request thread for the REST API. Embedded mode has a single workspace;
 * with Keycloak sign-in the workspace comes from the token.
 */
@Provider
public class WorkspaceRequestFilter implements ContainerRequestFilter, ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        WorkspaceContext.enter(WorkspaceContext.DEFAULT);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        WorkspaceContext.clear();
    }
}
