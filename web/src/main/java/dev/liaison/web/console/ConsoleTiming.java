package dev.liaison.web.console;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/**
 * Every console page says how long the server took to answer it, in the standard {@code Server-Timing} header
 * ({@code app;dur=12.3}, milliseconds, rendering included): the browser's developer tools show it, and the console
 * benchmark reads its percentiles from it rather than from the network's round trip.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class ConsoleTiming implements ContainerRequestFilter, ContainerResponseFilter {

    static final String HEADER = "Server-Timing";
    private static final String STARTED = ConsoleTiming.class.getName() + ".started";

    @Override
    public void filter(ContainerRequestContext request) {
        if (isConsole(request)) {
            request.setProperty(STARTED, System.nanoTime());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(STARTED) instanceof Long started) {
            double millis = (System.nanoTime() - started) / 1_000_000.0;
            response.getHeaders().putSingle(HEADER, String.format(Locale.ROOT, "app;dur=%.1f", millis));
        }
    }

    private static boolean isConsole(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path.startsWith("/console") || path.startsWith("console");
    }
}
