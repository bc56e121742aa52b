package dev.liaison.web.security;

import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.problem.ProblemMappers;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.List;

/**
 * RESTEasy's role check ({@code resteasy.role.based.security}) refuses a caller without any of the method's
 * {@code @RolesAllowed} roles with a bare ForbiddenException; the problem names the roles that would do.
 */
@Provider
public class ForbiddenProblems implements ExceptionMapper<ForbiddenException> {

    @Context
    UriInfo uriInfo;
    @Context
    ResourceInfo resourceInfo;

    @Override
    public Response toResponse(ForbiddenException exception) {
        return ProblemMappers.respond(forbidden(resourceInfo == null ? null : resourceInfo.getResourceMethod(),
                ProblemMappers.path(uriInfo)));
    }

    /** @param resourceMethod the method the caller may not call; null when the request matched none */
    static Problem forbidden(Method resourceMethod, String instance) {
        List<String> roles = resourceMethod == null ? List.of() : RequiredRoles.of(resourceMethod);
        String detail = roles.isEmpty() ? "The caller may not do this" : "Needs " + RequiredRoles.describe(roles);
        return new ProblemException(Response.Status.FORBIDDEN, "forbidden", "Forbidden", detail, List.of())
                .toProblem(instance);
    }
}
