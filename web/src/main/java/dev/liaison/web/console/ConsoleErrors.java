package dev.liaison.web.console;

import dev.liaison.web.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * A console page that fails answers a page, not a problem document: the same problem every API caller would get
 * (403 naming the roles, 404 for another workspace's object, 400 for bad input) is rendered in the user's language
 * with a way back. The status stays what the problem says.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.USER - 100)
public class ConsoleErrors implements ContainerResponseFilter {

    private final ConsolePages pages;

    @Context
    HttpServletRequest servletRequest;

    @Inject
    public ConsoleErrors(ConsolePages pages) {
        this.pages = pages;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public ConsoleErrors() {
        this(null);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof Problem problem) || !request.getUriInfo().getPath().startsWith("/console")
                && !request.getUriInfo().getPath().startsWith("console")) {
            return;
        }
        response.setEntity(page(servletRequest, problem.status(), problem.title(), problem.detail()), null,
                MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }

    /** The error page for {@code status}, in the language of the request. */
    String page(HttpServletRequest request, int status, String title, String detail) {
        Screen screen = Screen.of(request, "error").with("status", status);
        String known = ConsoleMessages.of(screen.language()).get("error_" + status);
        screen.with("title", known != null ? known : title)
                .with("detail", known != null ? ConsoleMessages.of(screen.language()).get("error_" + status
                        + "_detail") : detail)
                .with("problem", detail);
        return pages.render(screen);
    }
}
