package dev.liaison.web.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A message's template variables: an object of strings, every wrong member named as {@code variables.<name>}. */
class MessageResourceTest {

    @Test
    void variablesAreAnObjectOfStrings() {
        assertThat(MessageResource.variables(Json.createObjectBuilder().add("tier", "gold").add("points", "120")
                .build())).containsExactly(Map.entry("tier", "gold"), Map.entry("points", "120"));
        assertThat(MessageResource.variables(null)).isEmpty();
        assertThat(MessageResource.variables(JsonValue.NULL)).isEmpty();
    }

    @Test
    void everyMemberThatIsNotAStringIsNamed() {
        JsonValue given = Json.createObjectBuilder().add("tier", "gold").add("points", 120)
                .add("nested", Json.createObjectBuilder()).add("bad name", "x").build();

        assertThat(fields(given)).containsExactly("variables.points", "variables.nested", "variables.bad name");
        assertThat(fields(Json.createValue("tier=gold"))).containsExactly("variables");
        assertThat(fields(Json.createObjectBuilder().add("long", "x".repeat(1001)).build()))
                .containsExactly("variables.long");
    }

    private static List<String> fields(JsonValue given) {
        Throwable thrown = catchThrowable(() -> MessageResource.variables(given));
        assertThat(thrown).isInstanceOf(ProblemException.class);
        Problem problem = ((ProblemException) thrown).toProblem("/api/admin/messages");
        return problem.errors().isEmpty() ? List.of(problem.field())
                : problem.errors().stream().map(Problem.FieldError::field).toList();
    }
}
