package dev.liaison.web.openapi;

import java.util.List;

/**
 * What the OpenAPI document and the resource method tell about one operation, as far as the statuses it can answer
 * depend on it.
 *
 * @param path              the templated path, e.g. {@code /api/profiles/{id}}
 * @param hasPathParameters whether the path names something by id, which may not exist
 * @param hasParameters     whether the operation reads any path, query or header parameter
 * @param hasBody           whether the operation reads a request body
 * @param checksContentType whether the resource names the content types it reads, so that others are refused
 * @param roles             the roles of which the caller needs one; empty for public operations
 */
record OperationShape(String path, boolean hasPathParameters, boolean hasParameters, boolean hasBody,
                      boolean checksContentType, List<String> roles) {

    OperationShape {
        roles = List.copyOf(roles);
    }

    /** web.xml has the container ask for credentials on everything under /api. */
    boolean signedIn() {
        return path.equals("/api") || path.startsWith("/api/");
    }
}
