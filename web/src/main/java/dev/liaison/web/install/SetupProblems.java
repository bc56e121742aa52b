package dev.liaison.web.install;

import dev.liaison.connector.api.SetupRefusedException;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The problem documents of a refused install or callback request, the same for every connector: the connector says
 * why and names the field, Liaison chooses the status and the type.
 */
public final class SetupProblems {

    private SetupProblems() {
    }

    public static ProblemException of(SetupRefusedException refusal) {
        List<Problem.FieldError> errors = List.of(new Problem.FieldError(refusal.field(), refusal.getMessage()));
        return switch (refusal.reason()) {
            case INVALID -> ProblemException.invalid(errors);
            case UNAUTHORIZED -> new ProblemException(Response.Status.UNAUTHORIZED, "app-request-rejected",
                    "Application request rejected", refusal.field() + " " + refusal.getMessage(), errors);
            case CONFLICT -> new ProblemException(Response.Status.CONFLICT, "app-install-conflict",
                    "Installation conflicts with the connection", refusal.field() + " " + refusal.getMessage(), errors);
        };
    }
}
