package dev.liaison.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemExceptionTest {

    @Test
    void aSingleInvalidFieldIsNamedInTheDetailAndTheField() {
        Problem problem = ProblemException.invalid("settings.apiToken", "is required").toProblem("/api/x");

        assertThat(problem.type()).isEqualTo("urn:liaison:problem:validation");
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.field()).isEqualTo("settings.apiToken");
        assertThat(problem.detail()).isEqualTo("settings.apiToken is required");
        assertThat(problem.instance()).isEqualTo("/api/x");
    }

    @Test
    void severalInvalidFieldsAreAllListed() {
        Problem problem = ProblemException.invalid(List.of(new Problem.FieldError("kind", "is required"),
                new Problem.FieldError("name", "is required"))).toProblem(null);

        assertThat(problem.field()).isEqualTo("kind");
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("kind", "name");
        assertThat(problem.detail()).isEqualTo("2 fields are invalid");
    }

    @Test
    void aProblemWithoutFieldsHasNoErrorList() {
        Problem problem = ProblemException.notFound("Connection c-1").toProblem("/api/admin/connections/c-1");

        assertThat(problem.errors()).isNull();
        assertThat(problem.status()).isEqualTo(404);
    }
}
