package dev.liaison.web.openapi;

import dev.liaison.web.security.CallerWorkspace;
import dev.liaison.web.security.RequiredRoles;
import java.util.ArrayList;
import java.util.List;

/**
 * The error statuses every operation of a given shape can answer, whatever the resource does: they come from the
 * container, RESTEasy and the filters in front of every resource method, not from the method itself.
 */
final class ErrorStatuses {

    private ErrorStatuses() {
    }

    static List<DocumentedStatus> of(OperationShape shape) {
        List<DocumentedStatus> statuses = new ArrayList<>();
        if (shape.signedIn() || shape.hasParameters() || shape.hasBody()) {
            statuses.add(new DocumentedStatus("400", "`validation`: " + invalidInputs(shape)
                    + " is invalid; `errors` names each offending field"));
        }
        if (shape.signedIn()) {
            statuses.add(new DocumentedStatus("401", "`unauthenticated`: no credentials, or wrong ones: HTTP Basic "
                    + "as an embedded user or with an API key (key id and secret), or a Keycloak bearer token"));
            statuses.add(new DocumentedStatus("403", "`forbidden`: the caller " + (shape.roles().isEmpty() ? ""
                    : "lacks " + RequiredRoles.describe(shape.roles()) + ", or ")
                    + "names a workspace in " + CallerWorkspace.HEADER + " it does not belong to"));
        }
        if (shape.hasPathParameters()) {
            statuses.add(new DocumentedStatus("404", "`not-found`: nothing with this id exists"
                    + (shape.signedIn() ? " in the caller's workspace" : "")));
        }
        if (shape.hasBody()) {
            statuses.add(new DocumentedStatus("413", "`payload-too-large`: the body is larger than the server takes"));
        }
        if (shape.checksContentType()) {
            statuses.add(new DocumentedStatus("415", "`unsupported-media-type`: the body's Content-Type is not one "
                    + "this operation reads"));
        }
        return statuses;
    }

    private static String invalidInputs(OperationShape shape) {
        List<String> inputs = new ArrayList<>();
        if (shape.hasParameters()) {
            inputs.add("a parameter");
        }
        if (shape.hasBody()) {
            inputs.add("the body");
        }
        if (shape.signedIn()) {
            inputs.add("the " + CallerWorkspace.HEADER + " header");
        }
        return inputs.size() == 1 ? inputs.get(0)
                : String.join(", ", inputs.subList(0, inputs.size() - 1)) + " or " + inputs.get(inputs.size() - 1);
    }
}
