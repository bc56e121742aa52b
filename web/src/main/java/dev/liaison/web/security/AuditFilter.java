package dev.liaison.web.security;

import dev.liaison.platform.audit.AuditEvent;
import dev.liaison.platform.audit.AuditStore;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.security.Principal;
import java.time.Clock;
import java.util.List;

/**
 * Writes one audit event per {@link Audited} call once its outcome is known. It runs for refused calls too
 * (a missing role, a validation problem), which an officer needs as much as the successes.
 */
@Audited
@Provider
@ApplicationScoped
@Priority(Priorities.USER)
public class AuditFilter implements ContainerResponseFilter {

    private final AuditStore trail;
    private final Clock clock;
    private final AuditDetail detail;

    @Context
    ResourceInfo resource;

    @Inject
    public AuditFilter(AuditStore trail, Clock clock, AuditDetail detail) {
        this.trail = trail;
        this.clock = clock;
        this.detail = detail;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public AuditFilter() {
        this(null, null, null);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object workspace = request.getProperty(CallerWorkspace.PROPERTY);
        SecurityContext security = request.getSecurityContext();
        Principal caller = security == null ? null : security.getUserPrincipal();
        if (workspace == null || caller == null) {
            return;
        }
        int status = response.getStatus();
        trail.record(new AuditEvent(workspace.toString(), clock.instant(), caller.getName(), action(request),
                target(request), AuditEvent.outcomeOf(status), status, detail.get().orElse(null)));
    }

    private String action(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        Audited named = method == null ? null : method.getAnnotation(Audited.class);
        if (named == null && method != null) {
            named = method.getDeclaringClass().getAnnotation(Audited.class);
        }
        if (named != null && !named.value().isEmpty()) {
            return named.value();
        }
        return request.getMethod() + " " + request.getUriInfo().getPath();
    }

    private static String target(ContainerRequestContext request) {
        List<String> ids = request.getUriInfo().getPathParameters().get("id");
        return ids == null || ids.isEmpty() ? null : ids.get(0);
    }
}
