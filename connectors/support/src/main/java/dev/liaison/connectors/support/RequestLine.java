package dev.liaison.connectors.support;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.util.List;
import java.util.Map;

/**
 * Copies the request's method, host and path onto its response, where {@link RemoteCalls} reads them into the
 * {@link Reply}: a REST Client interface hands back a {@code Response} that no longer knows which call it answers,
 * and the messages of failures must name it. The headers are removed again before anyone else sees the reply.
 */
final class RequestLine implements ClientResponseFilter {

    static final String METHOD = "Liaison-Request-Method";
    static final String HOST = "Liaison-Request-Host";
    static final String PATH = "Liaison-Request-Path";

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        response.getHeaders().putSingle(METHOD, request.getMethod());
        response.getHeaders().putSingle(HOST, String.valueOf(request.getUri().getHost()));
        response.getHeaders().putSingle(PATH, String.valueOf(request.getUri().getRawPath()));
    }

    static boolean isOurs(Map.Entry<String, List<String>> header) {
        String name = header.getKey();
        return name.equalsIgnoreCase(METHOD) || name.equalsIgnoreCase(HOST) || name.equalsIgnoreCase(PATH);
    }
}
