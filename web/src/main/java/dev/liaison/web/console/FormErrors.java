package dev.liaison.web.console;

import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A refusal of the API's resource as a form shows it: each field's messages, to be put next to that field. */
final class FormErrors {

    private FormErrors() {
    }

    static Map<String, String> of(ProblemException refused) {
        Problem problem = refused.toProblem(null);
        Map<String, String> errors = new LinkedHashMap<>();
        if (problem.errors() != null) {
            problem.errors().forEach(error -> errors.merge(error.field(), error.message(), (a, b) -> a + "; " + b));
        } else {
            errors.put(problem.field() == null ? "form" : problem.field(), problem.detail());
        }
        return errors;
    }
}
